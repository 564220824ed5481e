import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** Who looked at or changed something sensitive (a full phone number, a role), with the reason given. */
export const AuditEventEntity = new Entity({
  name: 'AuditEvent',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    eventId: string().key(),
    actorId: string(),
    action: string(),
    target: string(),
    reason: string().optional(),
    at: string(),
  }),
  computeKey: ({ communityId, eventId }) => ({ PK: `C#${communityId}#AUDIT`, SK: eventId }),
});
export const auditEvents = AuditEventEntity.build(Repository);
