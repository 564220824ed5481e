import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A community notice (社区通知) a committee or grid worker sent to a scope. Written with its audience
 * intent in one transaction; `recipients` grows as the dispatcher expands the audience page by page,
 * `reads` as residents open it. Ids are ULIDs, so the community's notices list newest first.
 */
export const BroadcastEntity = new Entity({
  name: 'Broadcast',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    broadcastId: string().key(),
    title: string(),
    body: string(),
    scope: any(),
    scopeLabel: string(),
    urgent: boolean(),
    senderId: string(),
    senderLabel: string(),
    intentId: string(),
    createdAt: string(),
    recipients: number().default(0),
    reads: number().default(0),
    completedAt: string().optional(),
  }),
  computeKey: ({ communityId, broadcastId }) => ({ PK: `C#${communityId}`, SK: `BROADCAST#${broadcastId}` }),
});
export const broadcasts = BroadcastEntity.build(Repository);
export type BroadcastItem = FormattedItem<typeof BroadcastEntity>;

/** #25 A community's notices, newest first (ULID ids). */
export const noticesOfCommunity = BroadcastEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'BROADCAST#' },
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: '#25' });
