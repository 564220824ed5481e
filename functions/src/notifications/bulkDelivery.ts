import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { capDay } from '@linli/shared';
import { config } from '../commons/config';
import { inboxItemIdOf } from '../db/entities/inboxItem';
import { notificationIntents, type NotificationIntentItem } from '../db/entities/notificationIntent';
import { pushCounters } from '../db/entities/pushCounter';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import type { UserItem } from '../db/entities/user';
import { LinliTable } from '../db/table';
import { transact, type WriteTx } from '../db/transactions';
import {
  afterPush,
  deliveredChange,
  finish,
  forEachLimit,
  openCondition,
  type DispatchDeps,
  type RecipientContext,
} from './dispatch';
import { inboxWrites } from './inbox';
import { noteReach } from './reach';
import {
  afterFailedSend,
  deliveryMove,
  planPush,
  reservationWrites,
  skippedRecord,
  subscribeMessage,
  type HeldSend,
  type Reservation,
} from './wechatPush';

/**
 * Writes per transaction: DynamoDB takes 100; DynamoDB Local 1.11 (the local stack's) refuses more than 10.
 * Only the chunk sizes differ, never what is written.
 */
const TRANSACTION_WRITES = config.dynamoEndpoint ? 10 : 100;
/** People per transaction at each step. */
const INBOX_CHUNK = Math.floor(TRANSACTION_WRITES / 2); // entry + unread count
const RESERVATION_CHUNK = Math.floor(TRANSACTION_WRITES / 3); // delivery record + grant + cap slot
const FINISH_CHUNK = Math.floor(TRANSACTION_WRITES / 2); // intent + delivery record
const TRANSACTIONS_IN_FLIGHT = 16;
const SENDS_IN_FLIGHT = 25;

interface Fresh {
  intent: NotificationIntentItem;
  user: UserItem;
  preferences: RecipientContext['preferences'];
}

export interface BulkOutcome {
  /** Intents left to the one-by-one path (dispatchIntent): anything that is not a fresh, plain delivery. */
  leftover: NotificationIntentItem[];
  /** Intents whose one-by-one steps threw (after a failed send): reported like a failed dispatch. */
  errors: Map<string, unknown>;
}

/**
 * Delivers a stream batch's fresh intents (a notice's recipients, mostly) in bulk: the inbox entries of
 * 50 people in one transaction, the WeChat reservations of 33 in one (only for those who hold a grant
 * and are under their daily cap, read in BatchGets first), the sends 25 at a time, and the intents
 * finished 50 to a transaction with their delivery records: about 0.1 DynamoDB calls per person
 * instead of four (DynamoDB Local's limit of 10 writes a transaction makes it about 0.8 locally).
 *
 * Every write keeps the condition of the one-by-one path, so nobody gets two of anything. A chunk whose
 * transaction fails for any reason (someone's entry already there after a replay, a grant spent
 * meanwhile, a conflict) writes nothing and its people go back to the one-by-one path, which sorts each
 * case out; so do quiet hours, erased accounts, audience intents, retries and a second intent for the
 * same person in the batch.
 */
export async function deliverInBulk(
  intents: NotificationIntentItem[],
  recipients: Map<string, RecipientContext>,
  deps: DispatchDeps,
  now: Date,
): Promise<BulkOutcome> {
  const leftover: NotificationIntentItem[] = [];
  const errors = new Map<string, unknown>();
  const people = new Set<string>();
  const fresh: Fresh[] = [];
  for (const intent of intents) {
    const context = intent.recipientId ? recipients.get(intent.recipientId) : undefined;
    const user = context?.user;
    if (intent.status !== 'pending' || intent.audience || !context || !user || user.status !== 'active') {
      leftover.push(intent);
      continue;
    }
    // A transaction may touch a person's unread count, grant and cap once: one intent each per call.
    if (people.has(user.userId)) {
      leftover.push(intent);
      continue;
    }
    people.add(user.userId);
    fresh.push({ intent, user, preferences: context.preferences });
  }
  if (!fresh.length) return { leftover, errors };
  const giveBack = (chunk: Fresh[]) => leftover.push(...chunk.map((f) => f.intent));

  const inboxed = await inChunks(
    fresh,
    INBOX_CHUNK,
    (chunk) => {
      const writes = chunk.map((f) => inboxWrites(f.intent, f.user.userId));
      return transact({ entries: writes.map((w) => w.entry), unreadCounts: writes.map((w) => w.unread) });
    },
    giveBack,
  );

  // WeChat: who it goes to, by the person's preferences, grants and today's pushes.
  const recipientOf = (f: Fresh) => ({ userId: f.user.userId, openid: f.user.openid });
  const day = capDay(now);
  const planned = inboxed.map((f) => ({ f, plan: planPush(f.intent, recipientOf(f), f.preferences, now) }));
  const state = await pushStateOf(
    planned.flatMap(({ f, plan }) =>
      plan.kind === 'send' ? [{ userId: f.user.userId, templateId: plan.templateId }] : [],
    ),
    day,
  );
  const finishing: { f: Fresh; record: WriteTx }[] = [];
  const toReserve: { f: Fresh; reservation: Reservation; data: Record<string, string> }[] = [];
  for (const { f, plan } of planned) {
    if (plan.kind === 'wait')
      leftover.push(f.intent); // quiet hours: the one-by-one path schedules it
    else if (plan.kind === 'skip') finishing.push({ f, record: skippedRecord(f.intent.intentId, plan.reason, now) });
    else if ((state.grants.get(`${f.user.userId}|${plan.templateId}`) ?? 0) <= 0)
      finishing.push({ f, record: skippedRecord(f.intent.intentId, 'noGrant', now) });
    else if (!f.intent.urgent && (state.pushes.get(f.user.userId) ?? 0) >= f.preferences.dailyCap)
      finishing.push({ f, record: skippedRecord(f.intent.intentId, 'dailyCap', now) });
    else toReserve.push({ f, reservation: { templateId: plan.templateId, capDay: day }, data: plan.data });
  }

  const reserved = await inChunks(
    toReserve,
    RESERVATION_CHUNK,
    (chunk) => {
      const writes = chunk.map((r) =>
        reservationWrites(r.f.intent, recipientOf(r.f), r.f.preferences, r.reservation, now),
      );
      return transact({
        deliveries: writes.map((w) => w.delivery),
        grants: writes.map((w) => w.grant),
        dailyCaps: writes.map((w) => w.dailyCap),
      });
    },
    (chunk) => giveBack(chunk.map((r) => r.f)),
  );

  await forEachLimit(reserved, SENDS_IN_FLIGHT, async ({ f, reservation, data }) => {
    const held: HeldSend = { intentId: f.intent.intentId, recipient: recipientOf(f), now };
    try {
      await deps
        .sender()
        .sendSubscribeMessage(subscribeMessage(held.recipient, reservation, inboxItemIdOf(f.intent), data));
    } catch (error) {
      // Refused, to retry, or unknown: this one goes on as the one-by-one path goes on after a failed send.
      try {
        await afterPush(f.intent, await afterFailedSend(held, 1, reservation, error), now);
      } catch (failure) {
        errors.set(f.intent.intentId, failure);
      }
      return;
    }
    finishing.push({ f, record: deliveryMove(held, 1, { status: 'sent' }) });
    await noteReach({
      intent: f.intent,
      userId: f.user.userId,
      memberships: Object.values(f.user.memberships),
      channel: 'sent',
      at: now,
    });
  });

  await inChunks(
    finishing,
    FINISH_CHUNK,
    (chunk) =>
      transact({
        records: chunk.map(({ record }) => record),
        intents: chunk.map(({ f }) =>
          notificationIntents.transactUpdate(
            { intentId: f.intent.intentId, ...deliveredChange(now, true) },
            { condition: openCondition },
          ),
        ),
      }),
    // One side moved meanwhile (a straggler): each is finished on its own, as the one-by-one path does.
    (chunk) =>
      forEachLimit(chunk, SENDS_IN_FLIGHT, async ({ f, record }) => {
        try {
          await finish(f.intent, now, true, record);
        } catch (failure) {
          errors.set(f.intent.intentId, failure);
        }
      }),
  );
  return { leftover, errors };
}

/**
 * Runs `write` over chunks of `items` (a few at a time) and answers the items whose chunk was written;
 * a chunk that fails is handed to `onFailed` whole (a failed transaction wrote none of it).
 */
async function inChunks<T>(
  items: T[],
  size: number,
  write: (chunk: T[]) => Promise<unknown>,
  onFailed: (chunk: T[]) => unknown,
): Promise<T[]> {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  const done: T[] = [];
  const failed: T[][] = [];
  await forEachLimit(chunks, TRANSACTIONS_IN_FLIGHT, async (chunk) => {
    try {
      await write(chunk);
      done.push(...chunk);
    } catch {
      failed.push(chunk);
    }
  });
  for (const chunk of failed) await onFailed(chunk);
  return done;
}

/**
 * Grants left per (person, template) and pushes counted today per person, in consistent BatchGets:
 * only people with a grant and under their cap get a reservation (its conditions still decide).
 */
async function pushStateOf(
  wanted: { userId: string; templateId: string }[],
  day: string,
): Promise<{ grants: Map<string, number>; pushes: Map<string, number> }> {
  const grants = new Map<string, number>();
  const pushes = new Map<string, number>();
  for (let i = 0; i < wanted.length; i += 50) {
    const page = wanted.slice(i, i + 50);
    const command = LinliTable.build(BatchGetCommand)
      .requests(
        ...page.map(({ userId, templateId }) => subscribeGrants.batchGet({ userId, templateId })),
        ...page.map(({ userId }) => pushCounters.batchGet({ userId, day })),
      )
      .options({ consistent: true });
    const { Responses, UnprocessedKeys } = await batchGet({ maxAttempts: 5 }, command);
    if (UnprocessedKeys && Object.keys(UnprocessedKeys).length)
      throw new Error('grants could not be read (throttled); will retry');
    const answers = (Responses?.[0] ?? []) as ({ remaining?: number; count?: number } | undefined)[];
    page.forEach(({ userId, templateId }, j) => {
      grants.set(`${userId}|${templateId}`, answers[j]?.remaining ?? 0);
      pushes.set(userId, answers[page.length + j]?.count ?? 0);
    });
  }
  return { grants, pushes };
}
