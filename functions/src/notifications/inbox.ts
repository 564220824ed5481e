import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { addDays, type InboxItemView } from '@linli/shared';
import { broadcasts } from '../db/entities/broadcast';
import { INBOX_RETENTION_DAYS, inboxItemIdOf, inboxItems, type InboxItem } from '../db/entities/inboxItem';
import { inboxStates } from '../db/entities/inboxState';
import type { NotificationIntentItem } from '../db/entities/notificationIntent';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedWrites, transact } from '../db/transactions';
import { epochSeconds } from '../commons/clock';
import { notFound } from '../http/errors';
import { notifications } from '../db/registries/notifications';
import { noteReach, reachSubjectOf } from './reach';

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
  const writes = inboxWrites(intent, recipientId);
  try {
    await transact(writes);
    return { itemId, delivered: true };
  } catch (error) {
    if (failedWrites(error, writes)?.has('entry')) return { itemId, delivered: false };
    throw error;
  }
}

/** The inbox entry of an intent (written once: conditional) and the unread count it adds, as named transaction writes. */
export function inboxWrites(intent: NotificationIntentItem, recipientId: string) {
  return {
    entry: inboxItems.transactPut(
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
        reachOf: reachSubjectOf(intent),
        createdAt: intent.createdAt,
        ttl: epochSeconds(addDays(new Date(intent.createdAt), INBOX_RETENTION_DAYS)),
      },
      { condition: { attr: 'itemId', exists: false } },
    ),
    unread: inboxStates.transactUpdate({ userId: recipientId, unread: $add(1) }),
  };
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
    notifications.query.inbox({ userId, page: { limit: page.limit, start: decodeCursor(page.cursor) } }).send(),
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
  const entry = {
    entry: inboxItems.transactUpdate(
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
    unread: inboxStates.transactUpdate({ userId: item.userId, unread: $add(-1) }),
  };
  const writes = {
    ...entry,
    notice: item.broadcastId
      ? broadcasts.transactUpdate(
          { communityId: item.communityId, broadcastId: item.broadcastId, reads: $add(1) },
          { condition: { attr: 'broadcastId', exists: true } },
        )
      : undefined,
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('entry')) return; // read meanwhile (another tab, a double tap)
    if (failed?.has('notice')) {
      // The notice was withdrawn or erased; the entry is still the person's to mark read.
      await transact(entry).catch((e) => {
        if (!failedWrites(e, entry)?.has('entry')) throw e;
      });
      return;
    }
    throw error;
  }
  // The first opening counts the person's household as reached (the notice's 触达).
  if (item.reachOf)
    await noteReach({
      intent: {
        intentId: item.intentId,
        event: item.event,
        communityId: item.communityId,
        parentId: item.reachOf,
        createdAt: item.createdAt,
      },
      userId: item.userId,
      channel: 'read',
      at: now,
    });
}

/** 全部已读: each unread entry as above, a page at a time. */
export async function markAllRead(userId: string, now: Date): Promise<{ unread: number }> {
  let cursor: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await notifications.query
      .inbox({ userId, unreadOnly: true, page: { limit: 100, start: cursor } })
      .send();
    for (const item of Items) await markItemRead(item, now);
    cursor = LastEvaluatedKey;
  } while (cursor);
  return { unread: await unreadCount(userId) };
}
