import {
  MINUTE_MS,
  NOTIFICATION_EVENTS,
  stableHash,
  type Audience,
  type NotificationEvent,
  type NotificationEventSpec,
} from '@linli/shared';
import { intentIndex, notificationIntents } from '../db/entities/notificationIntent';
import type { WriteTx } from '../db/transactions';

export interface IntentInput {
  communityId: string;
  event: NotificationEvent;
  /** Identifies the occurrence: the same key always yields the same intent (e.g. `${grievanceId}:accepted:${version}`). */
  dedupeKey: string;
  recipientId?: string;
  /** Instead of one recipient: who to expand it to (see shared/notifications/audience.ts). */
  audience?: Audience;
  title: string;
  body: string;
  /** Page of the object the message is about, e.g. `/packages/grievance/pages/detail/index?id=…`; '' for none. */
  link: string;
  /** Values for the event's template, under the field names the event declares (NOTIFICATION_EVENTS[event].fields). */
  data?: Record<string, string>;
  /** Overrides the event's urgency (a committee may mark one notice urgent: 停水). */
  urgent?: boolean;
  /** Set by community notices only. */
  broadcastId?: string;
}

/**
 * How long the stream has to deliver an intent before the sweeper looks at it: a crashed or dropped
 * stream batch is picked up after this grace, never lost.
 */
export const SWEEP_GRACE_MS = 2 * MINUTE_MS;

/**
 * A notification intent to put in the same transaction as its cause (the outbox pattern). The put is
 * unconditional on purpose: a condition failing here would cancel the business write; the cause's
 * own condition already makes the transaction happen once, and the derived id makes a replay
 * overwrite the same intent rather than add one (its delivery records keep it from being sent twice).
 */
export function notificationIntent(input: IntentInput, now: Date): WriteTx {
  const spec: NotificationEventSpec = NOTIFICATION_EVENTS[input.event];
  const data = input.data ?? {};
  assertDeclaredFields(input.event, spec, data);
  if (!input.recipientId === !input.audience)
    throw new Error(`notification ${input.event}: give exactly one of recipientId and audience`);
  const intentId = intentIdOf(input.event, input.dedupeKey);
  return notificationIntents.transactPut({
    intentId,
    communityId: input.communityId,
    event: input.event,
    category: spec.category,
    urgent: input.urgent ?? spec.urgent,
    recipientId: input.recipientId,
    audience: input.audience,
    broadcastId: input.broadcastId,
    title: input.title,
    body: input.body,
    // DynamoDB Local (1.11) refuses empty strings: "no object" and "no value" are stored as absent.
    link: input.link || undefined,
    data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '')),
    status: 'pending',
    attempts: 0,
    sweeps: 0,
    createdAt: now.toISOString(),
    ...intentIndex.open(intentId, new Date(now.getTime() + SWEEP_GRACE_MS).toISOString()),
  });
}

export const intentIdOf = (event: string, dedupeKey: string) => `n${stableHash(`${event}|${dedupeKey}`)}`;

/** Data may carry only the fields its event declares: nothing else (a ballot, a reporter) can ride along. */
function assertDeclaredFields(event: string, spec: NotificationEventSpec, data: Record<string, string>) {
  if (!spec.fields) return;
  const stray = Object.keys(data).filter((key) => !spec.fields!.includes(key));
  if (stray.length)
    throw new Error(`notification ${event}: data field(s) ${stray.join(', ')} not declared in NOTIFICATION_EVENTS`);
}
