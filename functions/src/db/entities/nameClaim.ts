import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * A name taken within a scope: a street's name in its 区县 (`street:<regionCode>`), a community's in its
 * street (`community:<streetId>`). Put with `attribute_not_exists` in the same transaction as what it
 * names, so two creations of "幸福里社区" in one street cannot both succeed; the loser reads the claim
 * to answer 409 with the community that exists.
 */
export const NameClaimEntity = new Entity({
  name: 'NameClaim',
  table: LinliTable,
  schema: item({
    scope: string().key(),
    /** The name as compared: NFC, without spaces, case-folded (see `nameKey`). */
    nameKey: string().key(),
    ownerId: string(),
  }),
  computeKey: ({ scope, nameKey }) => ({ PK: `NAME#${scope}#${nameKey}`, SK: 'NAME' }),
});
export const nameClaims = NameClaimEntity.build(Repository);

/** How names are compared for duplicates: "幸福里 社区" and "幸福里社区" are the same community. */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
export const streetNameScope = (regionCode: string) => `street:${regionCode}`;
export const communityNameScope = (streetId: string) => `community:${streetId}`;
