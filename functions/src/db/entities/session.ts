import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A refresh session. Only a SHA-256 of the refresh secret is stored; rotating a refresh token is
 * a transaction that deletes this item on the condition that the hash still matches, so a replayed
 * token finds nothing to rotate.
 */
export const SessionEntity = new Entity({
  name: 'Session',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    sessionId: string().key(),
    secretHash: string(),
    expiresAt: string(),
    ttl: number(),
  }),
  computeKey: ({ userId, sessionId }) => ({ PK: `USER#${userId}`, SK: `SESSION#${sessionId}` }),
});
export const sessions = SessionEntity.build(Repository);

/** #27 A person's refresh sessions (signing out everywhere on erasure), a page or all. */
export const sessionsOfUser = SessionEntity.build(AccessPattern)
  .schema(map({ userId: string(), page: pageInput }))
  .pattern(({ userId, page }) => ({
    partition: `USER#${userId}`,
    range: { beginsWith: 'SESSION#' },
    options: pageOptions(page),
  }))
  .meta({ title: '#27' });
