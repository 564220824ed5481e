import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { addDays, type InboxItemView } from '@linli/shared';
import { broadcasts } from '../db/entities/broadcast';
import {
  INBOX_RETENTION_DAYS,
  InboxItemEntity,
  inboxItemIdOf,
  inboxItems,
  type InboxItem,
} from '../db/entities/inboxItem';
import { inboxStates } from '../db/entities/inboxState';
import type { NotificationIntentItem } from '../db/entities/notificationIntent';
import { LinliTable } from '../db/table';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedConditions, transact, type WriteTx } from '../db/transactions';
import { epochSeconds } from '../commons/clock';
import { notFound } from '../http/errors';

/**
 * Puts an intent in its recipient's inbox with the unread count, in one transaction. Idempotent: the
 * entry's id derives from the intent and the put is conditional, so a second delivery changes nothing
 * (and does not count twice). Answers whether this call delivered it.
 */
export async function deliverToInbox(
  intent: NotificationIntentItem,
  recipientId: string,
): Promise<{ itemId: string; delivered: boolean }> {
  const itemId = inboxItemIdOf(intent);
  try {
    await transact(inboxWrites(intent, recipientId));
    return { itemId, delivered: true };
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return { itemId, delivered: false };
    throw error;
  }
}

/** The inbox entry of an intent (written once: conditional) and the unread count it adds, as transaction writes. */
export function inboxWrites(intent: NotificationIntentItem, recipientId: string): WriteTx[] {
  return [
    inboxItems.transactPut(
      {
        userId: recipientId,
        itemId: inboxItemIdOf(intent),
        intentId: intent.intentId,
        communityId: intent.communityId,
        event: intent.event,
        category: intent.category,
        urgent: intent.urgent,
        title: intent.title,
        body: intent.body,
        link: intent.link,
        broadcastId: intent.broadcastId,
        createdAt: intent.createdAt,
        ttl: epochSeconds(addDays(new Date(intent.createdAt), INBOX_RETENTION_DAYS)),
      },
      { condition: { attr: 'itemId', exists: false } },
    ),
    inboxStates.transactUpdate({ userId: recipientId, unread: $add(1) }),
  ];
}

export function inboxItemView(item: InboxItem): InboxItemView {
  return {
    itemId: item.itemId,
    event: item.event,
    category: item.category,
    title: item.title,
    body: item.body,
    link: item.link ?? '',
    urgent: item.urgent,
    createdAt: item.createdAt,
    readAt: item.readAt,
  };
}

export async function unreadCount(userId: string): Promise<number> {
  const { Item } = await inboxStates.get({ userId }, { consistent: true });
  return Math.max(0, Item?.unread ?? 0);
}

/** 我的消息, newest first: the caller's own partition, so nobody reads anyone else's inbox. */
export async function listInbox(userId: string, page: { cursor?: string; limit: number }) {
  const [{ Items = [], LastEvaluatedKey }, unread] = await Promise.all([
    LinliTable.build(QueryCommand)
      .entities(InboxItemEntity)
      .query({ partition: `USER#${userId}`, range: { beginsWith: 'INBOX#' } })
      .options({ limit: page.limit, exclusiveStartKey: decodeCursor(page.cursor) })
      .send(),
    unreadCount(userId),
  ]);
  return { items: Items.map(inboxItemView), nextCursor: encodeCursor(LastEvaluatedKey), unread };
}

export async function getInboxItem(userId: string, itemId: string): Promise<InboxItemView> {
  const { Item } = await inboxItems.get({ userId, itemId });
  if (!Item) throw notFound('消息');
  return inboxItemView(Item);
}

/**
 * Marks one entry read: the entry, the unread count and (for a notice) its read count move together,
 * conditioned on the entry being unread, so marking twice counts once.
 */
export async function markRead(userId: string, itemId: string, now: Date): Promise<{ unread: number }> {
  const { Item } = await inboxItems.get({ userId, itemId });
  if (!Item) throw notFound('消息');
  if (!Item.readAt) await markItemRead(Item, now);
  return { unread: await unreadCount(userId) };
}

async function markItemRead(item: InboxItem, now: Date): Promise<void> {
  const writes: WriteTx[] = [
    inboxItems.transactUpdate(
      { userId: item.userId, itemId: item.itemId, readAt: now.toISOString() },
      {
        condition: {
          and: [
            { attr: 'itemId', exists: true },
            { attr: 'readAt', exists: false },
          ],
        },
      },
    ),
    inboxStates.transactUpdate({ userId: item.userId, unread: $add(-1) }),
  ];
  if (item.broadcastId)
    writes.push(
      broadcasts.transactUpdate(
        { communityId: item.communityId, broadcastId: item.broadcastId, reads: $add(1) },
        { condition: { attr: 'broadcastId', exists: true } },
      ),
    );
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) return; // read meanwhile (another tab, a double tap)
    if (failed?.includes(2)) {
      // The notice was withdrawn or erased; the entry is still the person's to mark read.
      await transact(writes.slice(0, 2)).catch((e) => {
        if (!failedConditions(e)?.includes(0)) throw e;
      });
      return;
    }
    throw error;
  }
}

/** 全部已读: each unread entry as above, a page at a time. */
export async function markAllRead(userId: string, now: Date): Promise<{ unread: number }> {
  let cursor: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await LinliTable.build(QueryCommand)
      .entities(InboxItemEntity)
      .query({ partition: `USER#${userId}`, range: { beginsWith: 'INBOX#' } })
      .options({ limit: 100, exclusiveStartKey: cursor, filters: { InboxItem: { attr: 'readAt', exists: false } } })
      .send();
    for (const item of Items) await markItemRead(item, now);
    cursor = LastEvaluatedKey;
  } while (cursor);
  return { unread: await unreadCount(userId) };
}
