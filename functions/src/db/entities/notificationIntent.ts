import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { stableHash } from '@linli/shared';
import { LinliTable } from '../table';
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * Where an intent is in its life: `pending` (written, not yet handled), `expanding` (an audience being
 * turned into per-recipient intents, page by page), `waiting` (the WeChat push waits for quiet hours),
 * `retrying` (a push failed transiently; backing off), `delivered`, `failed` (parked for an admin).
 */
export const INTENT_STATUSES = ['pending', 'expanding', 'waiting', 'retrying', 'delivered', 'failed'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];
/** Statuses the dispatcher still has work for; such intents sit in the open index (GSI2). */
export const OPEN_STATUSES: readonly IntentStatus[] = ['pending', 'expanding', 'waiting', 'retrying'];

/**
 * The outbox: one notification to deliver, written in the same transaction as its cause and picked
 * up from the table's stream by the dispatcher. Its id derives from the event's dedupe key, so a
 * retried cause writes the same intent, never a second one. An audience intent is expanded into child
 * intents (one per recipient, id derived from parent and recipient).
 *
 * GSI2 (sparse, sharded) — the open index: every intent with work left, by when it is due. The sweeper
 * reads it to retry after backoff, release pushes held for quiet hours, and pick up anything a crashed
 * stream invocation dropped. GSI1 (sparse) — the community's parked failures, newest first.
 */
export const NotificationIntentEntity = new Entity({
  name: 'NotificationIntent',
  table: LinliTable,
  schema: item({
    intentId: string().key(),
    communityId: string(),
    event: string(),
    category: string(),
    urgent: boolean(),
    /** One recipient, or an audience the dispatcher expands (a scope, the non-voters of a poll…). */
    recipientId: string().optional(),
    audience: any().optional(),
    /** Set on a child: the audience intent it was expanded from. */
    parentId: string().optional(),
    /** Set when the intent announces a community notice (社区通知), for its read count. */
    broadcastId: string().optional(),
    title: string(),
    body: string(),
    /** Mini-program page (with query) the inbox entry opens; absent when the message is itself the object. */
    link: string().optional(),
    /** Values for the event's WeChat template fields, by logical name. */
    data: record(string(), string()),
    status: string()
      .enum(...INTENT_STATUSES)
      .default('pending'),
    /** WeChat sends that failed transiently. */
    attempts: number().default(0),
    /** Times the sweeper picked the intent up; bounds an intent that keeps crashing the dispatcher. */
    sweeps: number().default(0),
    /** When the dispatcher should next look at it (open intents only). */
    dueAt: string().optional(),
    createdAt: string(),
    /** Audience expansion progress: opaque cursor, pages done, recipients written. */
    expansionCursor: string().optional(),
    expansionPages: number().optional(),
    recipients: number().optional(),
    inboxDelivered: boolean().optional(),
    deliveredAt: string().optional(),
    lastError: string().optional(),
    failedAt: string().optional(),
    failureReason: string().optional(),
    GSI1PK: string().optional().hidden(),
    GSI1SK: string().optional().hidden(),
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
  }),
  computeKey: ({ intentId }) => ({ PK: `INTENT#${intentId}`, SK: 'INTENT' }),
});
export const notificationIntents = NotificationIntentEntity.build(Repository);
export type NotificationIntentItem = FormattedItem<typeof NotificationIntentEntity>;

/**
 * The open index is split over shards so a broadcast to thousands waiting out the same quiet hours
 * does not pile its index writes onto one partition.
 */
export const OPEN_INDEX_SHARDS = 8;

const openIndexPartition = (shard: number) => `NOTIFY#OPEN#${shard}`;

function openIndexShard(intentId: string): string {
  return openIndexPartition(parseInt(stableHash(intentId).slice(-4), 36) % OPEN_INDEX_SHARDS);
}

const failedIndexPartition = (communityId: string) => `C#${communityId}#NOTIFY#FAILED`;

/** Index keys that put an intent in the open index, due at `dueAt`. */
export function openIndexKeys(intentId: string, dueAt: string) {
  return { dueAt, GSI2PK: openIndexShard(intentId), GSI2SK: `${dueAt}#${intentId}` };
}

/**
 * Where an intent's index keys go as it moves on. Updates name them (links run on put only): open
 * and due at a time (the sweeper's GSI2), out of the open index once delivered, parked in the
 * community's failed list (GSI1) and back out of it when an admin retries.
 */
export const intentIndex = {
  open: openIndexKeys,
  closed: () => ({ dueAt: $remove(), GSI2PK: $remove(), GSI2SK: $remove() }),
  parked: (intent: { communityId: string; intentId: string }, failedAt: string) => ({
    dueAt: $remove(),
    GSI2PK: $remove(),
    GSI2SK: $remove(),
    GSI1PK: failedIndexPartition(intent.communityId),
    GSI1SK: `${failedAt}#${intent.intentId}`,
  }),
  unparked: () => ({ GSI1PK: $remove(), GSI1SK: $remove() }),
};

/** #20 One shard of the open index: intents due by `dueBy` (all when absent), a page or every one. */
export const openIntents = NotificationIntentEntity.build(AccessPattern)
  .schema(map({ shard: number(), dueBy: string().optional(), page: pageInput }))
  .pattern(({ shard, dueBy, page }) => ({
    index: 'GSI2',
    partition: openIndexPartition(shard),
    ...(dueBy ? { range: { lte: `${dueBy}#\uffff` } } : {}),
    options: pageOptions(page),
  }))
  .meta({ title: '#20' });

/** #26 A community's parked intents, newest first. */
export const parkedIntents = NotificationIntentEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    index: 'GSI1',
    partition: failedIndexPartition(communityId),
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: '#26' });
