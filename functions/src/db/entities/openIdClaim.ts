import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** Uniqueness of a WeChat openid: created with the user in one transaction, `attribute_not_exists`. */
export const OpenIdClaimEntity = new Entity({
  name: 'OpenIdClaim',
  table: LinliTable,
  schema: item({ openid: string().key(), userId: string() }),
  computeKey: ({ openid }) => ({ PK: `OPENID#${openid}`, SK: 'OPENID' }),
  timestamps: false,
});
export const openIdClaims = OpenIdClaimEntity.build(Repository);
