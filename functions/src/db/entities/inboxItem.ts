import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * One message in a person's inbox (我的消息), in their own partition: newest first by sort key, and
 * nobody else's key can name it. Its id derives from the intent, so delivering an intent twice finds
 * the entry already there (the put is conditional) — the inbox half of "at most once per channel".
 * Entries expire by TTL after INBOX_RETENTION_DAYS.
 */
export const InboxItemEntity = new Entity({
  name: 'InboxItem',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    itemId: string().key(),
    intentId: string(),
    communityId: string(),
    event: string(),
    category: string(),
    urgent: boolean(),
    title: string(),
    body: string(),
    link: string().optional(),
    broadcastId: string().optional(),
    /** The notice whose reach (触达) opening this entry counts in: its audience intent (see ReachMark). */
    reachOf: string().optional(),
    createdAt: string(),
    readAt: string().optional(),
    ttl: number(),
  }),
  computeKey: ({ userId, itemId }) => ({ PK: `USER#${userId}`, SK: `INBOX#${itemId}` }),
});
export const inboxItems = InboxItemEntity.build(Repository);
export type InboxItem = FormattedItem<typeof InboxItemEntity>;

export const INBOX_RETENTION_DAYS = 180;

/**
 * `<time, descending>-<intentId>`: an inbox entry's id sorts newest first within the partition and
 * can be rebuilt from the intent alone (the dispatcher links the WeChat message to it).
 */
export function inboxItemIdOf(intent: { intentId: string; createdAt: string }): string {
  const reverseMillis = 9_999_999_999_999 - Date.parse(intent.createdAt);
  return `${reverseMillis.toString(36).padStart(9, '0')}-${intent.intentId}`;
}

/** #21 A person's inbox, newest first (the sort key runs backwards in time), unread entries only if asked. */
export const inboxOf = InboxItemEntity.build(AccessPattern)
  .schema(map({ userId: string(), unreadOnly: boolean().optional(), page: pageInput }))
  .pattern(({ userId, unreadOnly, page }) => ({
    partition: `USER#${userId}`,
    range: { beginsWith: 'INBOX#' },
    options: {
      ...pageOptions(page),
      ...(unreadOnly ? { filters: { InboxItem: { attr: 'readAt', exists: false } } } : {}),
    },
  }))
  .meta({ title: '#21' });
