import { $add, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { BatchWriteCommand, execute as batchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import { $ZodError } from 'zod/v4/core';
import { MINUTE_MS, withDefaults, type Audience, type NotificationPreferences } from '@linli/shared';
import { broadcasts } from '../db/entities/broadcast';
import { notificationPreferences, type NotificationPreferencesItem } from '../db/entities/notificationPreferences';
import {
  intentIndex,
  notificationIntents,
  OPEN_STATUSES,
  type IntentStatus,
  type NotificationIntentItem,
} from '../db/entities/notificationIntent';
import { users, type UserItem } from '../db/entities/user';
import { LinliTable } from '../db/table';
import { failedWrites, transact, type WriteTx } from '../db/transactions';
import { logger } from '../commons/logger';
import { expandAudience, UnknownScopeError, UnsupportedAudienceError } from './audiences';
import { deliverToInbox } from './inbox';
import { intentIdOf, SWEEP_GRACE_MS } from './outbox';
import { noteReach } from './reach';
import { pushToWeChat, type PushOutcome, type SubscribeSender } from './wechatPush';

export interface DispatchDeps {
  sender: () => SubscribeSender;
  /** Recipients per expansion page (a query page of memberships). */
  pageSize?: number;
  /** Real time an invocation may spend expanding one audience before handing over to the next event. */
  expansionBudgetMs?: number;
}

/** What a person's delivery needs besides the intent: their account (openid, status) and preferences. */
export interface RecipientContext {
  user?: UserItem;
  preferences: NotificationPreferences;
}

const isOpen = (status: IntentStatus) => OPEN_STATUSES.includes(status);
/** An intent is moved only while open: a delivered or parked intent is never reopened by a straggler. */
export const openCondition = { attr: 'status' as const, in: [...OPEN_STATUSES] };

export interface DispatchRequest {
  /** The intent, or its id to read it (consistently) first. */
  intent: string | NotificationIntentItem;
  now: Date;
  /** Recipients' accounts and preferences already read for a batch of intents. */
  prefetched?: Map<string, RecipientContext>;
}

/**
 * Does whatever an intent still needs: expands an audience a page at a time into per-recipient intents,
 * or delivers a recipient's intent to the inbox and (where granted and welcome) to WeChat. Safe to call
 * for the same intent any number of times, concurrently too: every write is conditional or idempotent.
 */
export async function dispatchIntent(
  { intent: intentOrId, now, prefetched }: DispatchRequest,
  deps: DispatchDeps,
): Promise<IntentStatus | 'missing'> {
  const intent =
    typeof intentOrId === 'string'
      ? (await notificationIntents.get({ intentId: intentOrId }, { consistent: true })).Item
      : intentOrId;
  if (!intent) return 'missing';
  if (!isOpen(intent.status)) return intent.status;
  if (intent.audience) return expand(intent, deps, now);
  if (!intent.recipientId) return park({ intent, reason: '通知既没有接收者也没有接收范围', now });
  const context =
    prefetched?.get(intent.recipientId) ?? (await loadRecipients([intent.recipientId])).get(intent.recipientId)!;
  return deliver(intent, context, deps, now);
}

async function deliver(
  intent: NotificationIntentItem,
  recipient: RecipientContext,
  deps: DispatchDeps,
  now: Date,
): Promise<IntentStatus> {
  const { user } = recipient;
  // An erased account gets nothing; the intent is done.
  if (!user || user.status !== 'active') return finish(intent, now, false);
  const { itemId } = await deliverToInbox(intent, user.userId);
  const outcome = await pushToWeChat(
    {
      intent,
      recipient: { userId: user.userId, openid: user.openid },
      preferences: recipient.preferences,
      inboxItemId: itemId,
      now,
    },
    deps,
  );
  if (outcome.kind === 'done' && outcome.status === 'sent')
    await noteReach({
      intent,
      userId: user.userId,
      memberships: Object.values(user.memberships),
      channel: 'sent',
      at: now,
    });
  return afterPush(intent, outcome, now);
}

/** Moves an intent whose inbox entry is written on by how its WeChat channel ended up. */
export function afterPush(intent: NotificationIntentItem, outcome: PushOutcome, now: Date): Promise<IntentStatus> {
  switch (outcome.kind) {
    case 'done':
      return finish(intent, now, true, outcome.record);
    case 'later':
      return reschedule(intent, outcome.at, outcome.why === 'backoff' ? 'retrying' : 'waiting', outcome.error);
    case 'park':
      return park({ intent, reason: outcome.reason, now, inboxDelivered: true });
  }
}

/**
 * Writes one page of an audience as child intents, then records the progress on the parent with a
 * condition on the page it started from. A crash between the two re-expands the same page: the
 * children's ids derive from (parent, recipient) and their puts are conditional, so nobody gets two.
 */
async function expand(intent: NotificationIntentItem, deps: DispatchDeps, now: Date): Promise<IntentStatus> {
  const started = Date.now();
  const budget = deps.expansionBudgetMs ?? 4000;
  let pages = intent.expansionPages ?? 0;
  let cursor = intent.expansionCursor;
  for (;;) {
    let page;
    try {
      page = await expandAudience({
        communityId: intent.communityId,
        audience: intent.audience as Audience,
        cursor,
        limit: deps.pageSize ?? 250,
      });
    } catch (error) {
      if (error instanceof UnsupportedAudienceError)
        return park({ intent, reason: '该接收范围暂不支持（相应功能尚未上线）', now });
      if (error instanceof UnknownScopeError) return park({ intent, reason: '接收范围中的楼栋或房屋已不存在', now });
      if (error instanceof $ZodError) return park({ intent, reason: '接收范围的格式不正确', now });
      throw error;
    }
    await writeChildren(intent, page.userIds, now);
    const done = !page.nextCursor;
    const progress = {
      intent: notificationIntents.transactUpdate(
        {
          intentId: intent.intentId,
          status: done ? 'delivered' : 'expanding',
          expansionPages: pages + 1,
          recipients: $add(page.userIds.length),
          ...(done
            ? {
                expansionCursor: $remove(),
                deliveredAt: now.toISOString(),
                ...intentIndex.closed(),
              }
            : {
                expansionCursor: page.nextCursor,
                ...intentIndex.open(intent.intentId, new Date(now.getTime() + SWEEP_GRACE_MS).toISOString()),
              }),
        },
        {
          condition: {
            and: [
              openCondition,
              pages === 0 ? { attr: 'expansionPages', exists: false } : { attr: 'expansionPages', eq: pages },
            ],
          },
        },
      ),
      notice: intent.broadcastId
        ? broadcasts.transactUpdate({
            communityId: intent.communityId,
            broadcastId: intent.broadcastId,
            recipients: $add(page.userIds.length),
            ...(done ? { completedAt: now.toISOString() } : {}),
          })
        : undefined,
    };
    try {
      await transact(progress);
    } catch (error) {
      if (failedWrites(error, progress)?.has('intent')) return 'expanding'; // another dispatcher moved it on
      throw error;
    }
    if (done) {
      logger.info('audience expanded', { intentId: intent.intentId, pages: pages + 1 });
      return 'delivered';
    }
    pages += 1;
    cursor = page.nextCursor;
    if (Date.now() - started > budget) return 'expanding'; // the status update's stream event continues it
  }
}

const CHILD_BATCHES_IN_FLIGHT = 10;

/**
 * Writes a page's child intents 25 to a BatchWriteItem (a page of 250 was 250 conditional puts). A
 * batch cannot be conditional, so the children already there (the page re-expanded after a crash, or
 * by a second dispatcher at once) are read first, in BatchGets, and left alone. A child overwritten
 * in the narrow race between two dispatchers is only dispatched again: its inbox entry and WeChat
 * reservation are conditional, so nobody gets two.
 */
async function writeChildren(parent: NotificationIntentItem, userIds: string[], now: Date): Promise<void> {
  const dueAt = new Date(now.getTime() + SWEEP_GRACE_MS).toISOString();
  const ids = new Map(userIds.map((userId) => [childIntentId(parent.intentId, parent.event, userId), userId]));
  const existing = await loadIntents([...ids.keys()]);
  const puts = [...ids].filter(([intentId]) => !existing.has(intentId));
  const batches: (typeof puts)[] = [];
  for (let i = 0; i < puts.length; i += 25) batches.push(puts.slice(i, i + 25));
  await forEachLimit(batches, CHILD_BATCHES_IN_FLIGHT, async (batch) => {
    const command = LinliTable.build(BatchWriteCommand).requests(
      ...batch.map(([intentId, userId]) =>
        notificationIntents.batchPut({
          intentId,
          communityId: parent.communityId,
          event: parent.event,
          category: parent.category,
          urgent: parent.urgent,
          recipientId: userId,
          parentId: parent.intentId,
          broadcastId: parent.broadcastId,
          title: parent.title,
          body: parent.body,
          link: parent.link,
          data: parent.data,
          status: 'pending',
          attempts: 0,
          sweeps: 0,
          createdAt: parent.createdAt,
          ...intentIndex.open(intentId, dueAt),
        }),
      ),
    );
    const { UnprocessedItems } = await batchWrite({ maxAttempts: 5 }, command);
    if (UnprocessedItems && Object.keys(UnprocessedItems).length)
      throw new Error('child intents could not be written (throttled); the page will be expanded again');
  });
}

export const childIntentId = (parentId: string, event: string, userId: string) =>
  intentIdOf(event, `${parentId}>${userId}`);

/** What marks an intent delivered: out of the open index, with when and whether the inbox got it. */
export const deliveredChange = (now: Date, inboxDelivered: boolean) => ({
  status: 'delivered' as const,
  deliveredAt: now.toISOString(),
  inboxDelivered,
  ...intentIndex.closed(),
});

/** Marks the intent delivered (out of the open index), with the channel's outcome record when there is one. */
export async function finish(
  intent: NotificationIntentItem,
  now: Date,
  inboxDelivered: boolean,
  record?: WriteTx,
): Promise<IntentStatus> {
  const change = deliveredChange(now, inboxDelivered);
  if (record) {
    try {
      await transact({
        record,
        intent: notificationIntents.transactUpdate(
          { intentId: intent.intentId, ...change },
          { condition: openCondition },
        ),
      });
      return 'delivered';
    } catch (error) {
      if (!failedWrites(error)) throw error;
      // One side moved meanwhile (a straggler settled the intent): apply what still applies, separately.
      await transact({ record }).catch((e) => {
        if (!failedWrites(e)) throw e;
      });
    }
  }
  await moveOpen(intent, change);
  return 'delivered';
}

/** Leaves the intent open, due again at `at` (quiet hours over, backoff elapsed, another send's lease out). */
async function reschedule(
  intent: NotificationIntentItem,
  at: Date,
  status: 'waiting' | 'retrying',
  error?: string,
): Promise<IntentStatus> {
  await moveOpen(intent, {
    status,
    inboxDelivered: true,
    ...(status === 'retrying' ? { attempts: $add(1), lastError: error } : {}),
    ...intentIndex.open(intent.intentId, at.toISOString()),
  });
  return status;
}

/** Parks an intent as failed, in the community's list for admins, with the reason in words. */
export async function park({
  intent,
  reason,
  now,
  inboxDelivered = false,
}: {
  intent: NotificationIntentItem;
  /** Shown to admins in the failed list. */
  reason: string;
  now: Date;
  inboxDelivered?: boolean;
}): Promise<IntentStatus> {
  const failedAt = now.toISOString();
  await moveOpen(intent, {
    status: 'failed',
    failedAt,
    failureReason: reason,
    inboxDelivered,
    ...intentIndex.parked(intent, failedAt),
  });
  logger.warn('notification parked', { intentId: intent.intentId, event: intent.event, reason });
  return 'failed';
}

/** Updates an intent only while it is still open: a delivered or parked intent is never reopened by a straggler. */
async function moveOpen(intent: NotificationIntentItem, change: Record<string, unknown>): Promise<void> {
  try {
    await notificationIntents.update(
      { intentId: intent.intentId, ...change } as Parameters<typeof notificationIntents.update>[0],
      {
        condition: openCondition,
      },
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/**
 * Remembers why a dispatch attempt threw and makes the intent due again after a short wait, so the
 * sweeper retries it even where the stream does not (a dropped batch, the local plugin).
 */
export async function noteDispatchError(intentId: string, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
  try {
    await notificationIntents.update(
      {
        intentId,
        lastError: message,
        ...intentIndex.open(intentId, new Date(now.getTime() + MINUTE_MS).toISOString()),
      },
      { condition: openCondition },
    );
  } catch {
    // Best effort: the intent is still in the open index at its earlier due time.
  }
}

/** Accounts and preferences of many recipients in BatchGets (a stream batch's worth at once). */
export async function loadRecipients(userIds: string[]): Promise<Map<string, RecipientContext>> {
  const unique = [...new Set(userIds)];
  const found = new Map<string, RecipientContext>();
  for (let i = 0; i < unique.length; i += 50) {
    const ids = unique.slice(i, i + 50);
    const command = LinliTable.build(BatchGetCommand)
      .requests(
        ...ids.map((userId) => users.batchGet({ userId })),
        ...ids.map((userId) => notificationPreferences.batchGet({ userId })),
      )
      .options({ consistent: true });
    const { Responses, UnprocessedKeys } = await batchGet({ maxAttempts: 5 }, command);
    if (UnprocessedKeys && Object.keys(UnprocessedKeys).length)
      throw new Error('recipients could not be read (throttled); will retry');
    const answers = (Responses?.[0] ?? []) as unknown[];
    ids.forEach((userId, j) => {
      found.set(userId, {
        user: answers[j] as UserItem | undefined,
        preferences: withDefaults(answers[ids.length + j] as NotificationPreferencesItem | undefined),
      });
    });
  }
  return found;
}

/** Intents by id, read consistently in BatchGets. */
export async function loadIntents(intentIds: string[]): Promise<Map<string, NotificationIntentItem>> {
  const found = new Map<string, NotificationIntentItem>();
  for (let i = 0; i < intentIds.length; i += 100) {
    const ids = intentIds.slice(i, i + 100);
    const command = LinliTable.build(BatchGetCommand)
      .requests(...ids.map((intentId) => notificationIntents.batchGet({ intentId })))
      .options({ consistent: true });
    const { Responses, UnprocessedKeys } = await batchGet({ maxAttempts: 5 }, command);
    if (UnprocessedKeys && Object.keys(UnprocessedKeys).length)
      throw new Error('intents could not be read (throttled); will retry');
    ((Responses?.[0] ?? []) as (NotificationIntentItem | undefined)[]).forEach(
      (intent) => intent && found.set(intent.intentId, intent),
    );
  }
  return found;
}

/** Runs `task` over `items` with at most `limit` in flight; rejects with the first error after all settle. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: unknown;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        try {
          await task(item);
        } catch (error) {
          firstError ??= error;
        }
      }
    }),
  );
  if (firstError !== undefined) throw firstError;
}
