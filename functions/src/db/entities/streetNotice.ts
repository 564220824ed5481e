import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { streetPartition } from './street';

/**
 * A street-wide notice (街道通知) the street office sent to every household of the street or of chosen
 * communities. It is delivered as one community notice (`Broadcast`, with its audience intent) per
 * addressed community, whose ids derive from this notice's, so a retry writes each at most once;
 * `communities` lists them in the order they were sent. Ids are ULIDs: the street's notices list newest first.
 */
export const StreetNoticeEntity = new Entity({
  name: 'StreetNotice',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    noticeId: string().key(),
    title: string(),
    body: string(),
    urgent: boolean(),
    senderId: string(),
    senderLabel: string(),
    createdAt: string(),
    /** `{ communityId, name, broadcastId }` of each addressed community. */
    communities: any(),
  }),
  computeKey: ({ streetId, noticeId }) => ({ PK: streetPartition(streetId), SK: `NOTICE#${noticeId}` }),
});
export const streetNotices = StreetNoticeEntity.build(Repository);
export type StreetNoticeItem = FormattedItem<typeof StreetNoticeEntity>;

/** W1 A street's notices, newest first (ULID ids). */
export const noticesOfStreet = StreetNoticeEntity.build(AccessPattern)
  .schema(map({ streetId: string(), page: pageInput }))
  .pattern(({ streetId, page }) => ({
    partition: streetPartition(streetId),
    range: { beginsWith: 'NOTICE#' },
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: 'W1' });
