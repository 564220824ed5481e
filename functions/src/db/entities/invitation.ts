import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { RELATIONS } from '@linli/shared';
import { LinliTable } from '../table';

/**
 * A one-time invitation code for a unit, issued by the committee. Redeeming it is a transaction
 * conditioned on `attribute_not_exists(usedBy)` and the expiry, so a code binds exactly once.
 */
export const InvitationEntity = new Entity({
  name: 'Invitation',
  table: LinliTable,
  schema: item({
    code: string().key(),
    communityId: string(),
    unitId: string(),
    relation: string().enum(...RELATIONS),
    issuedBy: string(),
    expiresAt: string(),
    usedBy: string().optional(),
    usedAt: string().optional(),
    ttl: number(),
  }),
  computeKey: ({ code }) => ({ PK: `INVITE#${code}`, SK: 'INVITE' }),
});
export const invitations = InvitationEntity.build(Repository);
