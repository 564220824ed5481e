import { accounts, hoursText, pointsFor, resolveReview, type ReviewDecision } from '@linli/shared';
import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { activities, type ActivityItem } from '../db/entities/activity';
import { registrations, type RegistrationItem } from '../db/entities/registration';
import type { Draft } from '../db/draft';
import { transact } from '../db/transactions';
import { badRequest, conflict, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { notificationIntent } from '../notifications/outbox';
import { executePosting, postingIdOf, PostingRefused } from '../timebank/ledger/posting';
import { loadActivity, type ActivityRequest } from './activities';
import { assertOrganiser } from './organisers';
import { statsWrites } from './recognition';
import { activityView, pointsRuleOf, registrationSummary } from './views';
import { volunteer } from '../db/registries/volunteer';

const ORDER = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;

export function rosterEntry(r: Draft<RegistrationItem>, a: Draft<ActivityItem>, nowIso: string, waitPosition?: number) {
  return {
    ...registrationSummary(r, a, nowIso, waitPosition),
    userId: r.userId,
    nickname: r.nickname,
    proxyBy: r.proxyBy,
    signedUpAt: r.signedUpAt,
    approvalRound: r.approvalRound,
  };
}

/** 报名名单: the activity and every registration in one consistent query of its partition. */
export async function roster({ principal, communityId, activityId, now }: ActivityRequest) {
  const { Items = [] } = await volunteer.query.activityRoster({ communityId, activityId }).send();
  const activity = Items.find((i): i is ActivityItem & { entity: 'Activity' } => i.entity === 'Activity');
  if (!activity) throw notFound('活动');
  await assertOrganiser(principal, activity);
  const regs = Items.filter(
    (i): i is RegistrationItem & { entity: 'Registration' } => i.entity === 'Registration',
  ).sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.queuedAt < b.queuedAt ? -1 : 1));
  const nowIso = now.toISOString();
  let position = 0;
  return {
    activity: activityView(activity, { now: nowIso, canOrganise: true }),
    items: regs.map((r) => rosterEntry(r, activity, nowIso, r.status === 'waitlisted' ? ++position : undefined)),
  };
}

/** The idempotency key of crediting a volunteer's hours for an activity (one per approval round). */
export const approvalKey = (activityId: string, userId: string, round: number) =>
  `approve:${activityId}:${userId}:${round}`;

/**
 * 确认时长: approve the checked time (or an adjusted one, with a reason) or decline. Approval posts
 * the points (resident +, issuing account −), the registration's new state, the volunteer's totals
 * and the notification in ONE transaction; its posting id derives from (activity, volunteer, round),
 * so the same approval sent 20 times credits once and answers the same each time.
 */
export async function reviewHours({
  principal,
  communityId,
  activityId,
  userId,
  decision: d,
  now,
}: ActivityRequest & { userId: string; decision: ReviewDecision }) {
  const nowIso = now.toISOString();
  const load = async () => {
    const { Item } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
    if (!Item) throw notFound('报名记录');
    return Item;
  };
  // The activity and the registration are read together; the organiser check still answers first.
  const [activityRead, regRead] = await Promise.allSettled([loadActivity(communityId, activityId), load()]);
  if (activityRead.status === 'rejected') throw activityRead.reason;
  const activity = activityRead.value;
  await assertOrganiser(principal, activity);
  if (regRead.status === 'rejected') throw regRead.reason;
  const reg = regRead.value;
  if (d.round !== undefined && d.round !== reg.approvalRound)
    throw conflict('该志愿者的时长记录已变化（已冲正或重新提交），请刷新后再确认');
  const settled = (r: RegistrationItem) =>
    (r.reviewStatus === 'approved' &&
      d.decision === 'approve' &&
      (d.minutes === undefined || d.minutes === r.approvedMinutes)) ||
    (r.reviewStatus === 'declined' && d.decision === 'decline');
  if (settled(reg)) return rosterEntry(reg, activity, nowIso);

  const resolved = resolveReview(reg, d);
  if (!resolved.ok) {
    if (resolved.field)
      throw badRequest(resolved.message, [{ field: `body.${resolved.field}`, message: resolved.message }]);
    throw conflict(resolved.message);
  }
  const reviewable = {
    and: [
      { attr: 'status', eq: 'confirmed' },
      { attr: 'approvalRound', eq: reg.approvalRound },
      {
        or: [
          { attr: 'reviewStatus', eq: 'pending' },
          {
            and: [
              { attr: 'checkedInAt', exists: true },
              { attr: 'reviewStatus', exists: false },
            ],
          },
        ],
      },
    ],
  } as const;
  const reviewed = {
    communityId,
    activityId,
    userId,
    reviewReason: d.reason,
    reviewedBy: principal.userId,
    reviewedAt: nowIso,
  };
  const whenRaced = async () => {
    if ((await loadActivity(communityId, activityId)).cancelledAt) throw conflict('活动已取消，不发放积分');
    const fresh = await load();
    if (settled(fresh)) return rosterEntry(fresh, activity, nowIso);
    throw conflict('该志愿者的时长刚刚已被处理，请刷新');
  };

  if (d.decision === 'decline') {
    try {
      await registrations.update({ ...reviewed, reviewStatus: 'declined' }, { condition: reviewable as never });
    } catch (error) {
      if (isConditionFailure(error)) return whenRaced();
      throw error;
    }
    return rosterEntry({ ...reg, ...reviewed, reviewStatus: 'declined' }, activity, nowIso);
  }

  if (activity.cancelledAt) throw conflict('活动已取消，不发放积分');
  const minutes = resolved.minutes;
  const points = pointsFor(pointsRuleOf(activity), minutes);
  const key = approvalKey(activityId, userId, reg.approvalRound);
  const postingId = points > 0 ? postingIdOf(communityId, key) : undefined;
  const approved = { ...reviewed, reviewStatus: 'approved' as const, approvedMinutes: minutes, points, postingId };
  const alongside = {
    registration: registrations.transactUpdate(approved, { condition: reviewable as never }),
    // Counts the credit on the activity, and only while it is not cancelled: a cancel needs `credited` 0.
    activity: activities.transactUpdate(
      { communityId, activityId, credited: $add(1) },
      { condition: { attr: 'cancelledAt', exists: false } },
    ),
    stats: statsWrites(communityId, userId, activity.startAt, { minutes, activities: 1, points }),
    notice: notificationIntent(
      {
        communityId,
        event: 'timebank.hoursApproved',
        dedupeKey: key,
        recipientId: userId,
        title: '服务时长已确认',
        body: `「${activity.title}」服务 ${hoursText(minutes)} 小时已确认${points ? `，获得 ${points} 积分` : ''}`,
        link: '/packages/volunteer/pages/wallet/index',
        data: {
          activity: activity.title,
          hours: `${hoursText(minutes)} 小时`,
          points: String(points),
          time: activity.startAt,
        },
      },
      now,
    ),
  };
  try {
    if (points > 0) {
      const result = await executePosting(
        {
          communityId,
          idempotencyKey: key,
          kind: 'hours',
          entries: [
            { account: accounts.resident(userId), amount: points },
            { account: accounts.issuance, amount: -points },
          ],
          memo: `${activity.title}（${hoursText(minutes)} 小时）`,
          actorId: principal.userId,
          at: nowIso,
          refs: { activityId, userId, round: String(reg.approvalRound) },
        },
        { alongside },
      );
      if (result.outcome === 'duplicate') return whenRaced();
    } else {
      await transact(alongside);
    }
  } catch (error) {
    if (error instanceof PostingRefused || isConditionFailure(error)) return whenRaced();
    throw error;
  }
  return rosterEntry({ ...reg, ...approved }, activity, nowIso);
}
