import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  notificationIntents,
  intentIndex,
  OPEN_INDEX_SHARDS,
  OPEN_STATUSES,
  type NotificationIntentItem,
} from '../db/entities/notificationIntent';
import { logger } from '../commons/logger';
import { dispatchIntent, forEachLimit, noteDispatchError, park, type DispatchDeps } from './dispatch';
import { SEND_LEASE_MS } from './wechatPush';
import { notifications } from '../db/registries/notifications';

/** An intent picked up this often without finishing is parked rather than retried for ever. */
export const MAX_SWEEPS = 8;
const PER_SHARD = 50;
const IN_FLIGHT = 5;

export interface SweepReport {
  due: number;
  dispatched: number;
  parked: number;
  errors: number;
}

/**
 * The open index (every shard): the intents due by `dueBy` (all of them when absent), at most `perShard`
 * from each shard (all pages when absent). The sweeper, the demo seed and the tests all read it here.
 */
export async function queryOpenIntents(
  opts: { dueBy?: Date; perShard?: number } = {},
): Promise<NotificationIntentItem[]> {
  const shards = Array.from({ length: OPEN_INDEX_SHARDS }, (_, shard) => shard);
  const pages = await Promise.all(
    shards.map(async (shard) => {
      const { Items = [] } = await notifications.query
        .openIntents({
          shard,
          dueBy: opts.dueBy?.toISOString(),
          page: opts.perShard ? { limit: opts.perShard } : undefined,
        })
        .send();
      return Items;
    }),
  );
  return pages.flat();
}

/**
 * 补投: every minute, takes the open intents whose time has come — a push held for quiet hours, a send
 * backing off, an intent whose stream batch was dropped or crashed — claims each (moving its due time on,
 * conditioned on the due time it saw, so two sweepers never take the same one) and dispatches it.
 */
export async function sweepDueIntents({ now }: { now: Date }, deps: DispatchDeps): Promise<SweepReport> {
  const report: SweepReport = { due: 0, dispatched: 0, parked: 0, errors: 0 };
  const due = await queryOpenIntents({ dueBy: now, perShard: PER_SHARD });
  report.due = due.length;
  await forEachLimit(due, IN_FLIGHT, async (intent) => {
    if (!(await claim(intent, now))) return;
    if ((intent.sweeps ?? 0) + 1 > MAX_SWEEPS) {
      await park({
        intent,
        reason: `多次投递仍未完成：${intent.lastError ?? '原因不明'}`,
        now,
        inboxDelivered: intent.inboxDelivered ?? false,
      });
      report.parked++;
      return;
    }
    try {
      await dispatchIntent({ intent: intent.intentId, now }, deps);
      report.dispatched++;
    } catch (error) {
      report.errors++;
      logger.error('sweep dispatch failed', { intentId: intent.intentId, error: error as Error });
      await noteDispatchError(intent.intentId, error, now);
    }
  });
  return report;
}

/** Moves the intent's due time a lease ahead, only if it is still what this sweeper read. */
async function claim(intent: NotificationIntentItem, now: Date): Promise<boolean> {
  try {
    await notificationIntents.update(
      {
        intentId: intent.intentId,
        sweeps: $add(1),
        ...intentIndex.open(intent.intentId, new Date(now.getTime() + SEND_LEASE_MS).toISOString()),
      },
      {
        condition: {
          and: [
            { attr: 'dueAt', eq: intent.dueAt as string },
            { attr: 'status', in: [...OPEN_STATUSES] },
          ],
        },
      },
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
