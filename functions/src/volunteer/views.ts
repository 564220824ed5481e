import { checkInOpensAt, checkOutClosesAt, hoursState, type ActivityView, type PointsRule } from '@linli/shared';
import type { ActivityItem } from '../db/entities/activity';
import type { RegistrationItem } from '../db/entities/registration';
import type { Draft } from '../db/draft';

export const pointsRuleOf = (a: Pick<ActivityItem, 'pointsRule'>): PointsRule =>
  a.pointsRule.kind === 'fixed'
    ? { kind: 'fixed', amount: a.pointsRule.amount ?? 0 }
    : { kind: 'perHour', rate: a.pointsRule.rate ?? 0 };

/** What a volunteer (or the organiser's roster) shows of one sign-up. */
export function registrationSummary(
  r: Draft<RegistrationItem>,
  a: Pick<ActivityItem, 'startAt' | 'endAt'>,
  now: string,
  waitPosition?: number,
) {
  return {
    status: r.status,
    waitPosition: r.status === 'waitlisted' ? waitPosition : undefined,
    hoursState: hoursState(r, a, now),
    checkedInAt: r.checkedInAt,
    checkedOutAt: r.checkedOutAt,
    claimedMinutes: r.claimedMinutes,
    approvedMinutes: r.approvedMinutes,
    points: r.points,
    reviewReason: r.reviewReason,
    removedReason: r.removedReason,
  };
}

export function activityView(
  a: Draft<ActivityItem>,
  ctx: { now: string; canOrganise: boolean; mine?: Draft<RegistrationItem>; waitPosition?: number },
): ActivityView {
  return {
    activityId: a.activityId,
    title: a.title,
    description: a.description,
    category: a.category,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    signUpDeadline: a.signUpDeadline,
    cancelDeadline: a.cancelDeadline,
    capacity: a.capacity,
    confirmed: a.confirmed,
    waitlisted: a.waitlisted,
    pointsRule: pointsRuleOf(a),
    organiser: { kind: a.organiserKind, teamId: a.teamId, name: a.organiserName },
    phase: a.cancelledAt ? 'cancelled' : ctx.now > a.endAt ? 'ended' : ctx.now > a.signUpDeadline ? 'closed' : 'open',
    cancelledAt: a.cancelledAt,
    cancelReason: a.cancelReason,
    attendanceOpen: !a.cancelledAt && ctx.now >= checkInOpensAt(a) && ctx.now <= checkOutClosesAt(a),
    canOrganise: ctx.canOrganise,
    mine:
      ctx.mine && ctx.mine.status !== 'cancelled'
        ? registrationSummary(ctx.mine, a, ctx.now, ctx.waitPosition)
        : ctx.mine
          ? { status: 'cancelled', removedReason: ctx.mine.removedReason }
          : undefined,
  };
}

/** Link the inbox and subscribe messages open for an activity. */
export const activityLink = (activityId: string) => `/packages/volunteer/pages/activity/index?id=${activityId}`;
