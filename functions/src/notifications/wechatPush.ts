import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  addDays,
  capDay,
  MESSAGE_PAGE,
  MINUTE_MS,
  pushDecision,
  renderTemplateData,
  templateOf,
  type NotificationPreferences,
} from '@linli/shared';
import {
  notificationDeliveries,
  TERMINAL_DELIVERY,
  type NotificationDeliveryItem,
} from '../db/entities/notificationDelivery';
import type { NotificationIntentItem } from '../db/entities/notificationIntent';
import { pushCounters } from '../db/entities/pushCounter';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import { failedWrites, transact, type WriteTx } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { epochSeconds } from '../commons/clock';
import { logger } from '../commons/logger';
import { WeChatApiError, type SubscribeMessage } from '../wechat/client';

/** What sends subscribe messages: the WeChat client, or a test's wrapper around it. */
export interface SubscribeSender {
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
}

/** How the WeChat channel of an intent ended up this time. */
export type PushOutcome =
  /**
   * Finished on this channel. `record`, when present, is the write that records the outcome: the caller
   * puts it in the same transaction that finishes the intent (one round trip instead of two).
   */
  | { kind: 'done'; status: NotificationDeliveryItem['status']; reason?: string; record?: WriteTx }
  /** Try again at `at`: quiet hours, a transient failure's backoff, or another dispatcher's send in flight. */
  | { kind: 'later'; at: Date; why: 'quietHours' | 'backoff' | 'inFlight'; error?: string }
  /** Give up: the intent is parked for an admin with this reason. */
  | { kind: 'park'; reason: string };

export const MAX_SEND_ATTEMPTS = 5;
/** Waits after the 1st…4th failed send. */
const BACKOFF_MINUTES = [1, 5, 15, 60];
/** A send claimed longer ago than this without an outcome may or may not have reached WeChat. */
export const SEND_LEASE_MS = 2 * MINUTE_MS;

export interface Recipient {
  userId: string;
  openid?: string;
}

export interface PushRequest {
  intent: NotificationIntentItem;
  recipient: Recipient;
  preferences: NotificationPreferences;
  /** The inbox item already written, which the WeChat message links to. */
  inboxItemId: string;
  now: Date;
}

/**
 * The WeChat half of delivering an intent, at most once: a send is reserved by creating the delivery
 * record (condition: absent) in the same transaction that spends one of the person's grants for the
 * template (condition: remaining > 0) and counts against their daily cap (condition: below the cap);
 * every later step moves that record conditionally from the state its mover saw. The inbox already
 * holds the message, so "skip" is always a safe answer.
 */
export async function pushToWeChat(
  { intent, recipient, preferences, inboxItemId, now }: PushRequest,
  deps: { sender: () => SubscribeSender },
): Promise<PushOutcome> {
  const key = deliveryKey(intent.intentId);
  const held: HeldSend = { intentId: intent.intentId, recipient, now };
  // A fresh intent has no delivery record unless it was replayed; the reservation's own condition
  // finds that case, so only an intent coming back (waiting, retrying) reads the record first.
  if (intent.status !== 'pending') {
    const { Item: existing } = await notificationDeliveries.get(key, { consistent: true });
    if (existing) return resume(existing);
  }

  const plan = planPush(intent, recipient, preferences, now);
  if (plan.kind === 'skip') return skip(plan.reason);
  if (plan.kind === 'wait') return { kind: 'later', at: plan.until, why: 'quietHours' };
  const { templateId, data } = plan;
  const day = capDay(now);
  const reservation = reservationWrites(intent, recipient, preferences, { templateId, capDay: day }, now);
  try {
    await transact(reservation);
  } catch (error) {
    const failed = failedWrites(error, reservation);
    if (!failed) throw error;
    if (failed.has('delivery')) {
      const { Item } = await notificationDeliveries.get(key, { consistent: true });
      return Item ? resume(Item) : { kind: 'later', at: new Date(now.getTime() + SEND_LEASE_MS), why: 'inFlight' };
    }
    return skip(failed.has('grant') ? 'noGrant' : 'dailyCap');
  }
  return send(1, { templateId, capDay: day }, data);

  async function skip(reason: string): Promise<PushOutcome> {
    try {
      await notificationDeliveries.put(
        { ...key, status: 'skipped', reason, updatedAt: now.toISOString() },
        { condition: { attr: 'intentId', exists: false } },
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await notificationDeliveries.get(key, { consistent: true });
      if (Item) return resume(Item);
    }
    return { kind: 'done', status: 'skipped', reason };
  }

  async function resume(delivery: NotificationDeliveryItem): Promise<PushOutcome> {
    if (TERMINAL_DELIVERY.includes(delivery.status))
      return { kind: 'done', status: delivery.status, reason: delivery.reason };
    if (delivery.status === 'sending') {
      const since = Date.parse(delivery.updatedAt);
      if (now.getTime() - since < SEND_LEASE_MS)
        return { kind: 'later', at: new Date(since + SEND_LEASE_MS), why: 'inFlight' };
      // The dispatcher that claimed this send stopped before recording its outcome: it may have gone out.
      await settle(delivery.attempt, { status: 'unconfirmed', reason: 'dispatcherStopped' }).catch(ignoreConditional);
      return { kind: 'done', status: 'unconfirmed' };
    }
    // retrying: take the next attempt, unless another dispatcher just did.
    const template = templateOf(intent.event);
    const rendered = template ? renderTemplateData(template.mapping, intent, now) : undefined;
    const reservation = {
      templateId: delivery.templateId ?? template?.template.id ?? '',
      capDay: delivery.capDay ?? capDay(now),
    };
    if (!template || !rendered?.ok || !recipient.openid) {
      await settle(delivery.attempt, { status: 'failed', reason: 'notRenderable' }, reservation, 'retrying').catch(
        ignoreConditional,
      );
      return { kind: 'park', reason: '订阅消息内容已无法生成' };
    }
    const attempt = delivery.attempt + 1;
    try {
      await notificationDeliveries.update(
        { ...key, status: 'sending', attempt, updatedAt: now.toISOString() },
        {
          condition: {
            and: [
              { attr: 'status', eq: 'retrying' },
              { attr: 'attempt', eq: delivery.attempt },
            ],
          },
        },
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { kind: 'later', at: new Date(now.getTime() + SEND_LEASE_MS), why: 'inFlight' };
    }
    return send(attempt, reservation, rendered.data);
  }

  async function send(attempt: number, reservation: Reservation, data: Record<string, string>): Promise<PushOutcome> {
    try {
      await deps.sender().sendSubscribeMessage(subscribeMessage(recipient, reservation, inboxItemId, data));
    } catch (error) {
      return afterFailedSend(held, attempt, reservation, error);
    }
    return { kind: 'done', status: 'sent', record: deliveryMove(held, attempt, { status: 'sent' }) };
  }

  function settle(
    attempt: number,
    change: { status: NotificationDeliveryItem['status']; reason?: string },
    giveBack?: Reservation,
    from: 'sending' | 'retrying' = 'sending',
  ) {
    return settleDelivery(held, attempt, change, giveBack, from);
  }
}

/** What a reserved send holds: the template whose grant it spent and the day whose cap slot it took. */
export interface Reservation {
  templateId: string;
  capDay: string;
}

/** The intent's WeChat delivery record and whose grant and cap it reserved, as the steps after a reservation see them. */
export interface HeldSend {
  intentId: string;
  recipient: Recipient;
  now: Date;
}

const deliveryKey = (intentId: string) => ({ intentId, channel: 'wechat' as const });

/** What the WeChat channel will do for an intent, before any grant or cap is looked at. */
export type PushPlan =
  | { kind: 'send'; templateId: string; data: Record<string, string> }
  | { kind: 'skip'; reason: string }
  | { kind: 'wait'; until: Date };

/**
 * Whether an intent goes to WeChat at all: its event has a template, the person an openid, their
 * preferences allow it now (or it waits for quiet hours to end), and its data renders.
 */
export function planPush(
  intent: NotificationIntentItem,
  recipient: Recipient,
  preferences: NotificationPreferences,
  now: Date,
): PushPlan {
  const template = templateOf(intent.event);
  if (!template) return { kind: 'skip', reason: 'noTemplate' };
  if (!recipient.openid) return { kind: 'skip', reason: 'noOpenid' };
  const decision = pushDecision({ category: intent.category, urgent: intent.urgent, preferences, now });
  if (decision.kind === 'skip') return { kind: 'skip', reason: decision.reason };
  if (decision.kind === 'wait') return { kind: 'wait', until: decision.until };
  const rendered = renderTemplateData(template.mapping, intent, now);
  if (!rendered.ok) {
    logger.warn('subscribe message not renderable', {
      intentId: intent.intentId,
      event: intent.event,
      keyword: rendered.keyword,
    });
    return { kind: 'skip', reason: `templateData:${rendered.keyword}` };
  }
  return { kind: 'send', templateId: template.template.id, data: rendered.data };
}

export function subscribeMessage(
  recipient: Recipient,
  reservation: Reservation,
  inboxItemId: string,
  data: Record<string, string>,
): SubscribeMessage {
  return {
    touser: recipient.openid as string,
    templateId: reservation.templateId,
    page: `${MESSAGE_PAGE}?id=${inboxItemId}`,
    data,
    lang: 'zh_CN',
  };
}

/**
 * The reservation of one send, as transaction writes: the delivery record (absent before), one of the
 * person's grants for the template (some left), one slot of their daily cap (below it, unless urgent).
 */
export function reservationWrites(
  intent: NotificationIntentItem,
  recipient: Recipient,
  preferences: NotificationPreferences,
  reservation: Reservation,
  now: Date,
) {
  return {
    delivery: notificationDeliveries.transactPut(
      {
        ...deliveryKey(intent.intentId),
        status: 'sending',
        attempt: 1,
        templateId: reservation.templateId,
        capDay: reservation.capDay,
        updatedAt: now.toISOString(),
      },
      { condition: { attr: 'intentId', exists: false } },
    ),
    grant: subscribeGrants.transactUpdate(
      {
        userId: recipient.userId,
        templateId: reservation.templateId,
        remaining: $add(-1),
        updatedAt: now.toISOString(),
      },
      { condition: { attr: 'remaining', gt: 0 } },
    ),
    // Urgent messages are counted but never held back by the cap.
    dailyCap: pushCounters.transactUpdate(
      { userId: recipient.userId, day: reservation.capDay, count: $add(1), ttl: epochSeconds(addDays(now, 2)) },
      intent.urgent
        ? undefined
        : {
            condition: {
              or: [
                { attr: 'count', exists: false },
                { attr: 'count', lt: preferences.dailyCap },
              ],
            },
          },
    ),
  };
}

/** A skipped channel's record (why nothing went to WeChat), written once. */
export const skippedRecord = (intentId: string, reason: string, now: Date): WriteTx =>
  notificationDeliveries.transactPut(
    { ...deliveryKey(intentId), status: 'skipped', reason, updatedAt: now.toISOString() },
    { condition: { attr: 'intentId', exists: false } },
  );

/** Moves a delivery record on from the status and attempt its mover saw. */
export function deliveryMove(
  held: HeldSend,
  attempt: number,
  change: { status: NotificationDeliveryItem['status']; reason?: string },
  from: 'sending' | 'retrying' = 'sending',
): WriteTx {
  return notificationDeliveries.transactUpdate(
    { ...deliveryKey(held.intentId), ...change, updatedAt: held.now.toISOString() },
    {
      condition: {
        and: [
          { attr: 'status', eq: from },
          { attr: 'attempt', eq: attempt },
        ],
      },
    },
  );
}

/** Moves the delivery record on; with `giveBack`, also returns the grant and the cap slot WeChat did not use. */
async function settleDelivery(
  held: HeldSend,
  attempt: number,
  change: { status: NotificationDeliveryItem['status']; reason?: string },
  giveBack?: Reservation,
  from: 'sending' | 'retrying' = 'sending',
) {
  const { recipient, now } = held;
  const back = giveBack?.templateId ? giveBack : undefined;
  await transact({
    delivery: deliveryMove(held, attempt, change, from),
    grant: back
      ? subscribeGrants.transactUpdate({
          userId: recipient.userId,
          templateId: back.templateId,
          remaining: $add(1),
          updatedAt: now.toISOString(),
        })
      : undefined,
    dailyCap: back
      ? pushCounters.transactUpdate({ userId: recipient.userId, day: back.capDay, count: $add(-1) })
      : undefined,
  });
}

/**
 * After WeChat refused or failed a reserved send: records what it means (see classifySendFailure) and
 * answers what the intent does next. Rethrows what is not a WeChat answer.
 */
export async function afterFailedSend(
  held: HeldSend,
  attempt: number,
  reservation: Reservation,
  error: unknown,
): Promise<PushOutcome> {
  const { recipient, now } = held;
  const kind = classifySendFailure(error);
  if (kind === undefined) throw error;
  const wx = error as WeChatApiError;
  const code = `wechat:${wx.errcode}`;
  logger.warn('subscribe message not sent', { intentId: held.intentId, errcode: wx.errcode, kind, attempt });
  if (kind === 'refused') {
    // 43101: WeChat holds no grant for this person and template. Zero our count; the inbox has the message.
    await transact({
      delivery: deliveryMove(held, attempt, { status: 'refused', reason: code }),
      grant: subscribeGrants.transactUpdate({
        userId: recipient.userId,
        templateId: reservation.templateId,
        remaining: 0,
        updatedAt: now.toISOString(),
      }),
      dailyCap: pushCounters.transactUpdate({ userId: recipient.userId, day: reservation.capDay, count: $add(-1) }),
    }).catch(ignoreConditional);
    return { kind: 'done', status: 'refused', reason: code };
  }
  if (kind === 'ambiguous') {
    await settleDelivery(held, attempt, { status: 'unconfirmed', reason: code }).catch(ignoreConditional);
    return { kind: 'done', status: 'unconfirmed', reason: code };
  }
  if (kind === 'retryable' && attempt < MAX_SEND_ATTEMPTS) {
    await settleDelivery(held, attempt, { status: 'retrying', reason: code }).catch(ignoreConditional);
    const wait = BACKOFF_MINUTES[Math.min(attempt, BACKOFF_MINUTES.length) - 1] as number;
    return { kind: 'later', at: new Date(now.getTime() + wait * MINUTE_MS), why: 'backoff', error: code };
  }
  // Permanent, or transient too many times: WeChat kept nothing, so the grant and the cap slot come back.
  await settleDelivery(held, attempt, { status: 'failed', reason: code }, reservation).catch(ignoreConditional);
  return { kind: 'park', reason: failureText(wx, attempt, kind === 'retryable') };
}

type SendFailure = 'refused' | 'retryable' | 'ambiguous' | 'permanent';

/**
 * What a failed send means for trying again. WeChat answering "busy" (-1), a rate limit (45009/45011) or a
 * token it keeps refusing, and a connection that never opened, surely sent nothing: retry later. A timeout
 * or a dropped connection may have delivered it: never resend (at most once). Anything else will fail the
 * same way again (47003 bad data, 40037 bad template): park it. Not a WeChat answer at all: undefined.
 */
export function classifySendFailure(error: unknown): SendFailure | undefined {
  if (!(error instanceof WeChatApiError)) return undefined;
  if (error.isUserRefused) return 'refused';
  if (error.isRateLimited || error.isTokenInvalid) return 'retryable';
  if (error.isTransient) {
    if (error.cause === undefined) return 'retryable';
    const code = networkCode(error.cause);
    return code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH'].includes(code) ? 'retryable' : 'ambiguous';
  }
  return 'permanent';
}

function networkCode(cause: unknown): string | undefined {
  const inner = (cause as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof inner?.code === 'string' ? inner.code : undefined;
}

function failureText(error: WeChatApiError, attempts: number, exhausted: boolean): string {
  const what = WECHAT_FAILURES[error.errcode] ?? `微信返回错误 ${error.errcode}`;
  return exhausted ? `${what}（${error.errcode}），重试 ${attempts} 次仍失败` : `${what}（${error.errcode}）`;
}

const WECHAT_FAILURES: Record<number, string> = {
  [-1]: '微信系统繁忙',
  40001: '微信接口凭证无效',
  40003: '接收者 openid 无效',
  40037: '订阅消息模板 id 无效',
  41030: '跳转页面不存在或未发布',
  42001: '微信接口凭证过期',
  45009: '微信接口调用超过每日上限',
  45011: '微信接口调用过于频繁',
  47003: '订阅消息模板参数不合规',
};

function ignoreConditional(error: unknown) {
  if (!isConditionFailure(error)) throw error;
}
