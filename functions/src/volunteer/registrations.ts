import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { chinaTimeLabel, grantKey } from '@linli/shared';
import { activities, type ActivityItem } from '../db/entities/activity';
import { registrations, type RegistrationItem } from '../db/entities/registration';
import { users, type UserItem } from '../db/entities/user';
import { failedWrites, transact, type Writes, type WriteTx } from '../db/transactions';
import type { Draft } from '../db/draft';
import { conflict, notFound } from '../http/errors';
import { ulid } from '../commons/ids';
import { notificationIntent } from '../notifications/outbox';
import { getActivity, loadActivity, promotedIntent, waitingLine, type ActivityRequest } from './activities';
import { rosterEntry } from './hoursReview';
import { assertOrganiser } from './organisers';
import { activityLink } from './views';

/** Grants `volunteer` in the community with the write that makes someone one (a sign-up, a team membership). */
export function grantVolunteer(userId: string, communityId: string): WriteTx {
  return users.transactUpdate(
    {
      userId,
      grants: { [grantKey({ role: 'volunteer', communityId })]: $set({ role: 'volunteer' as const, communityId }) },
    },
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
export async function signUp({ user, principal, communityId, activityId, now }: ActivityRequest & { user: UserItem }) {
  const nowIso = now.toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const activity = await loadActivity(communityId, activityId);
    const { Item: existing } = await registrations.get(
      { communityId, activityId, userId: user.userId },
      { consistent: true },
    );
    if (existing && existing.status !== 'cancelled') return getActivity({ principal, communityId, activityId, now });
    if (nowIso > activity.signUpDeadline) throw conflict('报名已截止');

    const registration: Draft<RegistrationItem> = {
      communityId,
      activityId,
      userId: user.userId,
      nickname: user.nickname,
      proxyBy: principal.actor?.name,
      status: 'confirmed',
      signedUpAt: nowIso,
      // Domain time first; the wall-clock ULID orders sign-ups made at the same domain instant.
      queuedAt: `${nowIso}#${ulid()}`,
      approvalRound: 1,
    };
    const fresh = {
      condition: {
        or: [
          { attr: 'userId' as const, exists: false },
          { attr: 'status' as const, eq: 'cancelled' as const },
        ],
      },
    };
    if (activity.cancelledAt) throw conflict('活动已取消');
    const open = { attr: 'signUpDeadline', gte: nowIso } as const;
    const notCancelled = { attr: 'cancelledAt', exists: false } as const;
    const placeFree = activity.confirmed < activity.capacity && activity.waitlisted === 0;
    const writes = placeFree
      ? {
          activity: activities.transactUpdate(
            { communityId, activityId, confirmed: $add(1) },
            {
              condition: {
                and: [
                  { attr: 'confirmed', lt: { attr: 'capacity' } },
                  { attr: 'waitlisted', eq: 0 },
                  open,
                  notCancelled,
                ],
              },
            },
          ),
          registration: registrations.transactPut(registration, fresh),
          volunteer: grantVolunteer(user.userId, communityId),
          notice: confirmedIntent(activity, registration, now),
        }
      : {
          activity: activities.transactUpdate(
            { communityId, activityId, waitlisted: $add(1) },
            {
              condition: {
                and: [
                  {
                    or: [
                      { attr: 'confirmed', gte: { attr: 'capacity' } },
                      { attr: 'waitlisted', gt: 0 },
                    ],
                  },
                  open,
                  notCancelled,
                ],
              },
            },
          ),
          registration: registrations.transactPut({ ...registration, status: 'waitlisted' }, fresh),
          volunteer: grantVolunteer(user.userId, communityId),
        };
    try {
      await transact(writes);
      return getActivity({ principal, communityId, activityId, now });
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (!failed) throw error;
      if (failed.has('volunteer')) throw conflict('账号状态异常，无法报名');
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

/** Who takes a sign-up off the roster: the volunteer, or the organiser with a reason the volunteer is told. */
export type Withdrawal = { by: 'self' } | { by: 'organiser'; actorId: string; reason: string };

/**
 * Takes one registration off the roster: the volunteer's own 取消报名 and the organiser's 移出报名 are this
 * one code path. A confirmed place that frees up goes to the first in line in the same transaction (the
 * activity's counters condition on who waits, so a place is never left empty while someone waits). The
 * volunteer may withdraw until the cancellation deadline (a waiter until the start), the organiser until
 * the end; neither once checked in, nor on a cancelled activity. Withdrawing twice is a no-op.
 */
export async function withdrawRegistration({
  communityId,
  activityId,
  userId,
  withdrawal: w,
  now,
}: Omit<ActivityRequest, 'principal'> & { userId: string; withdrawal: Withdrawal }): Promise<void> {
  const nowIso = now.toISOString();
  const self = w.by === 'self';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const activity = await loadActivity(communityId, activityId);
    const { Item: reg } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
    if (!reg || reg.status === 'cancelled') return;
    if (activity.cancelledAt) throw conflict('活动已取消');
    if (reg.checkedInAt)
      throw conflict(
        self ? '您已签到，不能取消报名' : '该志愿者已签到，不能移出；如不认可其时长，请在审核时选择不通过',
      );
    const removal = self ? {} : { removedBy: w.actorId, removedAt: nowIso, removedReason: w.reason };
    const cancel = (from: 'confirmed' | 'waitlisted') =>
      registrations.transactUpdate(
        { communityId, activityId, userId, status: 'cancelled', ...removal },
        {
          condition: {
            and: [
              { attr: 'status', eq: from },
              { attr: 'checkedInAt', exists: false },
            ],
          },
        },
      );
    const notCancelled = { attr: 'cancelledAt', exists: false } as const;
    const told = self ? undefined : removedIntent(activity, reg, w.reason, now);

    let writes: Writes;
    if (!self && nowIso >= activity.endAt) throw conflict('活动已结束');
    const inTime = self ? undefined : ({ attr: 'endAt', gt: nowIso } as const);
    if (reg.status === 'waitlisted') {
      if (self && nowIso >= activity.startAt) throw conflict('活动已开始');
      writes = {
        registration: cancel('waitlisted'),
        activity: activities.transactUpdate(
          { communityId, activityId, waitlisted: $add(-1) },
          { condition: { and: [{ attr: 'waitlisted', gt: 0 }, notCancelled, ...(inTime ? [inTime] : [])] } },
        ),
        told,
      };
    } else {
      if (self && nowIso > activity.cancelDeadline)
        throw conflict(`活动开始前 ${activity.cancelCutoffHours} 小时内不能取消报名，如有变化请联系组织者`);
      const deadline = inTime ?? ({ attr: 'cancelDeadline', gte: nowIso } as const);
      const [first] = activity.waitlisted > 0 ? await waitingLine(communityId, activityId) : [];
      writes = first
        ? {
            registration: cancel('confirmed'),
            activity: activities.transactUpdate(
              { communityId, activityId, waitlisted: $add(-1) },
              { condition: { and: [{ attr: 'waitlisted', gt: 0 }, notCancelled, deadline] } },
            ),
            firstWaiter: registrations.transactUpdate(
              { communityId, activityId, userId: first.userId, status: 'confirmed' },
              { condition: { attr: 'status', eq: 'waitlisted' } },
            ),
            promoted: promotedIntent(activity, first, now),
            told,
          }
        : {
            registration: cancel('confirmed'),
            activity: activities.transactUpdate(
              { communityId, activityId, confirmed: $add(-1) },
              {
                condition: {
                  and: [{ attr: 'waitlisted', eq: 0 }, { attr: 'confirmed', gt: 0 }, notCancelled, deadline],
                },
              },
            ),
            told,
          };
    }
    try {
      await transact(writes);
      return;
    } catch (error) {
      if (!failedWrites(error, writes)) throw error;
      // Someone joined or left the line, this registration changed, or the activity was cancelled: read again.
    }
  }
  throw conflict('报名情况变化较快，请稍后重试');
}

/** 取消报名: the volunteer's own withdrawal, answered with the activity as they now see it. */
export async function cancelSignUp({ principal, communityId, activityId, now }: ActivityRequest) {
  await withdrawRegistration({ communityId, activityId, userId: principal.userId, withdrawal: { by: 'self' }, now });
  return getActivity({ principal, communityId, activityId, now });
}

/** 移出报名: the organiser takes one volunteer off the roster, with a reason they are told. */
export async function removeRegistration({
  principal,
  communityId,
  activityId,
  userId,
  reason,
  now,
}: ActivityRequest & { userId: string; reason: string }) {
  const activity = await loadActivity(communityId, activityId);
  await assertOrganiser(principal, activity);
  const { Item: reg } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
  if (!reg) throw notFound('报名记录');
  await withdrawRegistration({
    communityId,
    activityId,
    userId,
    withdrawal: { by: 'organiser', actorId: principal.userId, reason },
    now,
  });
  const { Item: after } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
  return rosterEntry(after!, await loadActivity(communityId, activityId), now.toISOString());
}

function removedIntent(activity: ActivityItem, r: RegistrationItem, reason: string, now: Date): WriteTx {
  return notificationIntent(
    {
      communityId: activity.communityId,
      event: 'volunteer.registrationRemoved',
      dedupeKey: `${activity.activityId}:${r.userId}:${r.queuedAt}`,
      recipientId: r.userId,
      title: '报名已被组织者取消',
      body: `组织者取消了您在「${activity.title}」的报名：${reason}`,
      link: activityLink(activity.activityId),
      data: { activity: activity.title, time: activity.startAt, place: activity.place, reason },
    },
    now,
  );
}
