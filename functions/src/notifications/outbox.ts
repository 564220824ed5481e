import { NOTIFICATION_EVENTS, stableHash, type NotificationEvent } from '@linli/shared';
import { notificationIntents } from '../db/entities/notificationIntent';
import type { WriteTx } from '../db/transactions';

export interface IntentInput {
  communityId: string;
  event: NotificationEvent;
  /** Identifies the occurrence: the same key always yields the same intent (e.g. `${grievanceId}:accepted:${version}`). */
  dedupeKey: string;
  recipientId?: string;
  audience?: Record<string, unknown>;
  title: string;
  body: string;
  link: string;
  data?: Record<string, string>;
}

/**
 * A notification intent to put in the same transaction as its cause (the outbox pattern). The put is
 * unconditional on purpose: a condition failing here would cancel the business write; the cause's
 * own condition already makes the transaction happen once, and the derived id makes a replay
 * overwrite the same intent rather than add one.
 */
export function notificationIntent(input: IntentInput, now: Date): WriteTx {
  const spec = NOTIFICATION_EVENTS[input.event];
  return notificationIntents.transactPut({
    intentId: `n${stableHash(`${input.event}|${input.dedupeKey}`)}`,
    communityId: input.communityId,
    event: input.event,
    category: spec.category,
    urgent: spec.urgent,
    recipientId: input.recipientId,
    audience: input.audience,
    title: input.title,
    body: input.body,
    link: input.link,
    data: input.data ?? {},
    status: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
  });
}
