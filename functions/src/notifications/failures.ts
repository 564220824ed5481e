import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  NOTIFICATION_EVENTS,
  ROLE_LABELS,
  type Audience,
  type FailedNotificationView,
  type NotificationEventSpec,
} from '@linli/shared';
import { notificationDeliveries } from '../db/entities/notificationDelivery';
import { intentIndex, notificationIntents, type NotificationIntentItem } from '../db/entities/notificationIntent';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { transact, type WriteTx } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { conflict, notFound } from '../http/errors';
import { loadUsers } from '../identity/users';
import { notifications } from '../db/registries/notifications';

/** 未送达通知: the community's parked intents, newest first, with the reason in words. */
export async function listFailed(communityId: string, page: { cursor?: string; limit: number }) {
  const { Items = [], LastEvaluatedKey } = await notifications.query
    .parkedIntents({ communityId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  const people = await loadUsers(Items.flatMap((i) => (i.recipientId ? [i.recipientId] : [])));
  return {
    items: Items.map((i): FailedNotificationView => ({
      intentId: i.intentId,
      event: i.event,
      eventLabel: (NOTIFICATION_EVENTS as Record<string, NotificationEventSpec>)[i.event]?.label ?? i.event,
      title: i.title,
      recipient: i.recipientId
        ? (people.get(i.recipientId)?.nickname ?? '已注销用户')
        : describeAudience(i.audience as Audience | undefined),
      createdAt: i.createdAt,
      failedAt: i.failedAt ?? i.createdAt,
      reason: i.failureReason ?? '原因不明',
      attempts: i.attempts ?? 0,
      inboxDelivered: i.inboxDelivered ?? false,
    })),
    nextCursor: encodeCursor(LastEvaluatedKey),
  };
}

function describeAudience(audience: Audience | undefined): string {
  switch (audience?.kind) {
    case 'scope':
      return '社区通知的接收范围';
    case 'staff':
      return audience.roles.map((r) => ROLE_LABELS[r]).join('、');
    case 'topicNonVoters':
      return '议题尚未投票的住户';
    case 'activityVolunteers':
      return '活动的报名和候补志愿者';
    default:
      return '未知接收者';
  }
}

/**
 * 重新投递: the parked intent goes back to `pending` (the stream dispatches it again) with its
 * counters reset; a failed WeChat delivery record is cleared so the push may be tried again. Channels
 * already delivered stay delivered: the inbox entry exists, a sent push is not `failed`.
 */
export async function retryFailed(communityId: string, intentId: string, now: Date): Promise<{ ok: true }> {
  const { Item } = await notificationIntents.get({ intentId }, { consistent: true });
  if (!Item || Item.communityId !== communityId) throw notFound('通知');
  if (Item.status !== 'failed') throw conflict('该通知不在未送达列表中');
  const { Item: delivery } = await notificationDeliveries.get({ intentId, channel: 'wechat' }, { consistent: true });
  try {
    await transact({
      intent: requeue(Item, now),
      failedPush:
        delivery?.status === 'failed'
          ? notificationDeliveries.transactDelete(
              { intentId, channel: 'wechat' },
              { condition: { attr: 'status', eq: 'failed' } },
            )
          : undefined,
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('该通知刚刚被处理过，请刷新');
    throw error;
  }
  return { ok: true };
}

function requeue(intent: NotificationIntentItem, now: Date): WriteTx {
  return notificationIntents.transactUpdate(
    {
      intentId: intent.intentId,
      status: 'pending',
      attempts: 0,
      sweeps: 0,
      failedAt: $remove(),
      failureReason: $remove(),
      ...intentIndex.unparked(),
      ...intentIndex.open(intent.intentId, now.toISOString()),
    },
    {
      condition: {
        and: [
          { attr: 'status', eq: 'failed' },
          { attr: 'communityId', eq: intent.communityId },
        ],
      },
    },
  );
}
