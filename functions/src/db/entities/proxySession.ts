import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { PROXY_BASES } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';

/**
 * 亲情代办 session: a helper acting for one resident. Stored under the resident, so the request pipeline
 * reads it in the same BatchGet as the caller, their login session and the resident (one call); it ends
 * by itself at `expiresAt` (checked on every request), when ended early (`endedAt`), or when the resident
 * switches 代办 off. TTL removes it a day after it expired.
 */
export const ProxySessionEntity = new Entity({
  name: 'ProxySession',
  table: LinliTable,
  schema: item({
    residentId: string().key(),
    proxySessionId: string().key(),
    communityId: string(),
    residentName: string(),
    actorId: string(),
    actorName: string(),
    basis: string().enum(...PROXY_BASES),
    reason: string(),
    startedAt: string(),
    expiresAt: string(),
    endedAt: string().optional(),
    ttl: number(),
  }),
  computeKey: ({ residentId, proxySessionId }) => ({ PK: `USER#${residentId}`, SK: `PROXY#${proxySessionId}` }),
});
export const proxySessions = ProxySessionEntity.build(Repository);
export type ProxySessionItem = FormattedItem<typeof ProxySessionEntity>;

/** #P1 A resident's 代办 sessions, newest first (switching 代办 off ends the open ones). */
export const proxySessionsOfResident = ProxySessionEntity.build(AccessPattern)
  .schema(map({ residentId: string() }))
  .pattern(({ residentId }) => ({
    partition: `USER#${residentId}`,
    range: { beginsWith: 'PROXY#' },
    options: { reverse: true, consistent: true, maxPages: Infinity },
  }))
  .meta({ title: '#P1' });
