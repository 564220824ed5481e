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
 * A signed-in device. Only a SHA-256 of the current refresh secret is stored; rotating the refresh
 * token replaces the hash on the condition that it still matches, so the session keeps its id for
 * its whole life (access tokens name it in `sid`) and a replayed secret is recognised as reuse.
 * Ending a session deletes this item: every request looks it up, so its access tokens stop at once.
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
    /** 「iPhone · 微信」: from the User-Agent at sign-in, for the list of signed-in devices. */
    device: string().optional(),
    signedInAt: string().optional(),
    /** Updated at sign-in and at each refresh (every ≤ 15 minutes of use), not per request. */
    lastSeenAt: string().optional(),
  }),
  computeKey: ({ userId, sessionId }) => ({ PK: `USER#${userId}`, SK: `SESSION#${sessionId}` }),
});
export const sessions = SessionEntity.build(Repository);

/** #27 A person's sessions, newest first (the device list, signing out everywhere, erasure), a page or all. */
export const sessionsOfUser = SessionEntity.build(AccessPattern)
  .schema(map({ userId: string(), page: pageInput }))
  .pattern(({ userId, page }) => ({
    partition: `USER#${userId}`,
    range: { beginsWith: 'SESSION#' },
    options: { ...pageOptions(page), reverse: true, consistent: true },
  }))
  .meta({ title: '#27' });
