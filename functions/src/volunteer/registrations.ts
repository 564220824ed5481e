import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { chinaTimeLabel, grantKey, type Principal } from '@linli/shared';
import { activities, type ActivityItem } from '../db/entities/activity';
import { registrations, type RegistrationItem } from '../db/entities/registration';
import { users, type UserItem } from '../db/entities/user';
import { failedConditions, transact, type WriteTx } from '../db/transactions';
import type { Draft } from '../db/draft';
import { conflict } from '../http/errors';
import { ulid } from '../commons/ids';
import { notificationIntent } from '../notifications/outbox';
import { getActivity, loadActivity, promotedIntent, waitingLine } from './activities';
import { activityLink } from './views';

/** Grants `volunteer` in the community with the write that makes someone one (a sign-up, a team membership). */
export function grantVolunteer(userId: string, communityId: string): WriteTx {
  return users.transactUpdate(
    { userId, grants: { [grantKey({ role: 'volunteer', communityId })]: $set({ role: 'volunteer' as const, communityId }) } },
    { condition: { attr: 'status', eq: 'active' } },
  );
}

const ATTEMPTS = 5;

/**
 * 报名. A place is taken only while `confirmed < capacity` and nobody is waiting (newcomers never
 * overtake the line); otherwise the sign-up joins the waiting line. Both are conditions on the
 * activity in the same transaction as the registration, so 50 people signing up at once for 10
 * places give exactly 10 confirmed. A repeated sign-up returns the one that exists.
 */
export async function signUp(user: UserItem, principal: Principal, communityId: string, activityId: string, now: Date) {
  const nowIso = now.toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const activity = await loadActivity(communityId, activityId);
    const { Item: existing } = await registrations.get({ communityId, activityId, userId: user.userId }, { consistent: true });
    if (existing && existing.status !== 'cancelled') return getActivity(principal, communityId, activityId, now);
    if (nowIso > activity.signUpDeadline) throw conflict('报名已截止');

    const registration: Draft<RegistrationItem> = {
      communityId,
      activityId,
      userId: user.userId,
      nickname: user.nickname,
      status: 'confirmed',
      signedUpAt: nowIso,
      // Domain time first; the wall-clock ULID orders sign-ups made at the same domain instant.
      queuedAt: `${nowIso}#${ulid()}`,
      approvalRound: 1,
    };
    const fresh = { condition: { or: [{ attr: 'userId' as const, exists: false }, { attr: 'status' as const, eq: 'cancelled' as const }] } };
    const open = { attr: 'signUpDeadline', gte: nowIso } as const;
    const placeFree = activity.confirmed < activity.capacity && activity.waitlisted === 0;
    const writes: WriteTx[] = placeFree
      ? [
          activities.transactUpdate(
            { communityId, activityId, confirmed: $add(1) },
            { condition: { and: [{ attr: 'confirmed', lt: { attr: 'capacity' } }, { attr: 'waitlisted', eq: 0 }, open] } },
          ),
          registrations.transactPut(registration, fresh),
          grantVolunteer(user.userId, communityId),
          confirmedIntent(activity, registration, now),
        ]
      : [
          activities.transactUpdate(
            { communityId, activityId, waitlisted: $add(1) },
            { condition: { and: [{ or: [{ attr: 'confirmed', gte: { attr: 'capacity' } }, { attr: 'waitlisted', gt: 0 }] }, open] } },
          ),
          registrations.transactPut({ ...registration, status: 'waitlisted' }, fresh),
          grantVolunteer(user.userId, communityId),
        ];
    try {
      await transact(writes);
      return getActivity(principal, communityId, activityId, now);
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(2)) throw conflict('账号状态异常，无法报名');
      // A registration appeared meanwhile (a double tap) or the activity changed (a place was
      // taken or freed, the deadline passed): read again and decide again.
    }
  }
  throw conflict('报名人数变化较快，请稍后重试');
}

function confirmedIntent(activity: ActivityItem, r: Draft<RegistrationItem>, now: Date): WriteTx {
  return notificationIntent(
    {
      communityId: activity.communityId,
      event: 'volunteer.signUpConfirmed',
      dedupeKey: `${activity.activityId}:${r.userId}:${r.queuedAt}`,
      recipientId: r.userId,
      title: '报名成功',
      body: `您已报名「${activity.title}」，${chinaTimeLabel(activity.startAt)} 在${activity.place}，请准时签到`,
      link: activityLink(activity.activityId),
      data: { activity: activity.title, time: activity.startAt, place: activity.place },
    },
    now,
  );
}

/**
 * 取消报名, until the activity's cancellation deadline. A confirmed place that frees up goes to the
 * first in line in the same transaction (the activity's counters condition on who waits, so a
 * place is never left empty while someone waits). Cancelling twice is a no-op.
 */
export async function cancelSignUp(principal: Principal, communityId: string, activityId: string, now: Date) {
  const nowIso = now.toISOString();
  const userId = principal.userId;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const activity = await loadActivity(communityId, activityId);
    const { Item: mine } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
    if (!mine || mine.status === 'cancelled') return getActivity(principal, communityId, activityId, now);
    const cancel = (from: 'confirmed' | 'waitlisted') =>
      registrations.transactUpdate(
        { communityId, activityId, userId, status: 'cancelled' },
        { condition: { and: [{ attr: 'status', eq: from }, { attr: 'checkedInAt', exists: false }] } },
      );

    let writes: WriteTx[];
    if (mine.status === 'waitlisted') {
      if (nowIso >= activity.startAt) throw conflict('活动已开始');
      writes = [cancel('waitlisted'), activities.transactUpdate({ communityId, activityId, waitlisted: $add(-1) }, { condition: { attr: 'waitlisted', gt: 0 } })];
    } else {
      if (mine.checkedInAt) throw conflict('您已签到，不能取消报名');
      if (nowIso > activity.cancelDeadline) throw conflict(`活动开始前 ${activity.cancelCutoffHours} 小时内不能取消报名，如有变化请联系组织者`);
      const beforeDeadline = { attr: 'cancelDeadline', gte: nowIso } as const;
      const [first] = activity.waitlisted > 0 ? await waitingLine(communityId, activityId) : [];
      writes = first
        ? [
            cancel('confirmed'),
            activities.transactUpdate({ communityId, activityId, waitlisted: $add(-1) }, { condition: { and: [{ attr: 'waitlisted', gt: 0 }, beforeDeadline] } }),
            registrations.transactUpdate({ communityId, activityId, userId: first.userId, status: 'confirmed' }, { condition: { attr: 'status', eq: 'waitlisted' } }),
            promotedIntent(activity, first, now),
          ]
        : [
            cancel('confirmed'),
            activities.transactUpdate({ communityId, activityId, confirmed: $add(-1) }, { condition: { and: [{ attr: 'waitlisted', eq: 0 }, { attr: 'confirmed', gt: 0 }, beforeDeadline] } }),
          ];
    }
    try {
      await transact(writes);
      return getActivity(principal, communityId, activityId, now);
    } catch (error) {
      if (!failedConditions(error)) throw error;
      // Someone joined or left the line, or this registration changed: read again.
    }
  }
  throw conflict('报名情况变化较快，请稍后重试');
}
