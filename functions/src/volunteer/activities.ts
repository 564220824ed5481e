import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { upcomingOrder } from './upcomingOrder';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  addHours,
  chinaTimeLabel,
  COMMITTEE,
  holdsRole,
  MAX_SERVICE_MINUTES,
  MINUTE_MS,
  stableHash,
  type ActivityCategory,
  type PointsRule,
} from '@linli/shared';
import { activities, type ActivityItem } from '../db/entities/activity';
import { registrations, type RegistrationItem } from '../db/entities/registration';
import { volunteerTeams } from '../db/entities/volunteerTeam';
import { LinliTable } from '../db/table';
import type { Draft } from '../db/draft';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedWrites, transact } from '../db/transactions';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { notificationIntent } from '../notifications/outbox';
import { assertOrganiser, leadsTeam, mayOrganise, organiserScope } from './organisers';
import { activityLink, activityView } from './views';
import { volunteer } from '../db/registries/volunteer';
import type { CommunityRequest } from '../commons/serviceRequest';

/** A request about one activity. */
export interface ActivityRequest extends CommunityRequest {
  activityId: string;
}

export async function loadActivity(communityId: string, activityId: string): Promise<ActivityItem> {
  const { Item } = await activities.get({ communityId, activityId }, { consistent: true });
  if (!Item) throw notFound('活动');
  return Item;
}

/** The waiting line of an activity, first in line first (a consistent read of the activity's partition). */
export async function waitingLine(communityId: string, activityId: string): Promise<RegistrationItem[]> {
  const Items = await registrationsOf(communityId, activityId, 'eq', 'waitlisted');
  return Items.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : 1));
}

/** The registration views of my sign-ups on a page of activities: one BatchGet. */
async function mySignUps(userId: string, list: ActivityItem[]): Promise<Map<string, RegistrationItem>> {
  const mine = new Map<string, RegistrationItem>();
  if (!userId || !list.length) return mine;
  const { Responses } = await batchGet(
    LinliTable.build(BatchGetCommand).requests(
      ...list.map((a) => registrations.batchGet({ communityId: a.communityId, activityId: a.activityId, userId })),
    ),
  );
  for (const r of (Responses?.[0] ?? []) as (RegistrationItem | undefined)[]) if (r) mine.set(r.activityId, r);
  return mine;
}

/**
 * 活动列表: upcoming (ending from now on, soonest first), past (most recent first), or the ones this
 * person organises (the committee: all recent; a leader: their teams'). Ordered by end time; upcoming puts the
 * ones still open for sign-up first (upcomingOrder), so a closed one never leads the list.
 */
export async function listActivities({
  principal,
  communityId,
  query: q,
  now,
}: CommunityRequest & {
  query: { view: 'upcoming' | 'past' | 'organising'; category?: ActivityCategory; cursor?: string; limit: number };
}) {
  const nowIso = now.toISOString();
  const scope = await organiserScope(principal, communityId);
  if (q.view === 'organising' && !scope.committee && scope.leaderOf.size === 0) return { items: [] };
  const past = q.view === 'past';
  // Organisers also need the last month's activities, to confirm hours after the event.
  const from = q.view === 'organising' ? addHours(now, -24 * 30).toISOString() : nowIso;
  const { Items = [], LastEvaluatedKey } = await volunteer.query
    .activitiesByEndTime({
      communityId,
      ...(past ? { endedBefore: nowIso } : { endingFrom: from }),
      category: q.category,
      page: { limit: q.limit, start: decodeCursor(q.cursor) },
    })
    .send();
  const list = q.view === 'organising' ? Items.filter((a) => mayOrganise(scope, a)) : Items;
  const mine = await mySignUps(principal.userId, list);
  const items = list.map((a) =>
    activityView(a, { now: nowIso, canOrganise: mayOrganise(scope, a), mine: mine.get(a.activityId) }),
  );
  return { items: q.view === 'upcoming' ? upcomingOrder(items) : items, nextCursor: encodeCursor(LastEvaluatedKey) };
}

export async function getActivity({ principal, communityId, activityId, now }: ActivityRequest) {
  const [activity, { Item: mine }, scope] = await Promise.all([
    loadActivity(communityId, activityId),
    registrations.get({ communityId, activityId, userId: principal.userId }, { consistent: true }),
    organiserScope(principal, communityId),
  ]);
  const waitPosition =
    mine?.status === 'waitlisted'
      ? (await waitingLine(communityId, activityId)).findIndex((r) => r.userId === principal.userId) + 1
      : undefined;
  return activityView(activity, {
    now: now.toISOString(),
    canOrganise: mayOrganise(scope, activity),
    mine,
    waitPosition: waitPosition || undefined,
  });
}

interface ActivityInput {
  title: string;
  description: string;
  category: ActivityCategory;
  place: string;
  startAt: string;
  endAt: string;
  signUpDeadline: string;
  capacity: number;
  cancelCutoffHours: number;
  pointsRule: PointsRule;
  teamId?: string;
}

const cancelDeadlineOf = (startAt: string, cutoffHours: number) =>
  addHours(new Date(startAt), -cutoffHours).toISOString();

/**
 * 发布活动: by the committee in its own name, or by a team leader in the team's name. The id derives
 * from (organiser, title, start), so a retried or double-tapped publish makes one activity.
 */
export async function createActivity({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & { input: ActivityInput }) {
  if (input.startAt <= now.toISOString())
    throw badRequest('开始时间应晚于现在', [{ field: 'body.startAt', message: '开始时间应晚于现在' }]);
  let organiserName = '社区居委会';
  if (input.teamId) {
    const { Item: team } = await volunteerTeams.get({ communityId, teamId: input.teamId });
    if (!team) throw badRequest('服务队不存在', [{ field: 'body.teamId', message: '服务队不存在' }]);
    if (!holdsRole(principal, COMMITTEE, communityId) && !(await leadsTeam(principal, communityId, input.teamId)))
      throw forbidden('只有该服务队的队长或居委会可以以服务队名义发布活动');
    organiserName = team.name;
  } else if (!holdsRole(principal, COMMITTEE, communityId)) {
    throw forbidden('以居委会名义发布活动需要居委会身份；服务队队长请选择本队');
  }
  const activityId = `a${stableHash(`${communityId}|${principal.userId}|${input.title}|${input.startAt}`).slice(0, 16)}`;
  const item: Draft<ActivityItem> = {
    communityId,
    activityId,
    title: input.title,
    description: input.description,
    category: input.category,
    place: input.place,
    startAt: input.startAt,
    endAt: input.endAt,
    signUpDeadline: input.signUpDeadline,
    cancelCutoffHours: input.cancelCutoffHours,
    cancelDeadline: cancelDeadlineOf(input.startAt, input.cancelCutoffHours),
    capacity: input.capacity,
    confirmed: 0,
    waitlisted: 0,
    pointsRule: input.pointsRule,
    organiserKind: input.teamId ? 'team' : 'committee',
    teamId: input.teamId,
    organiserName,
    createdBy: principal.userId,
    createdAt: now.toISOString(),
  };
  try {
    await activities.put(item, { condition: { attr: 'activityId', exists: false } });
    return activityView(item, { now: now.toISOString(), canOrganise: true });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return activityView(await loadActivity(communityId, activityId), { now: now.toISOString(), canOrganise: true });
  }
}

/**
 * 修改活动. Conditions, not reads, keep it safe against concurrent sign-ups: capacity never drops
 * below the confirmed count, times move only before the start. Extra places go to the waiting line.
 */
export async function updateActivity({
  principal,
  communityId,
  activityId,
  patch,
  now,
}: ActivityRequest & { patch: Partial<Omit<ActivityInput, 'teamId'>> }) {
  const current = await loadActivity(communityId, activityId);
  await assertOrganiser(principal, current);
  const nowIso = now.toISOString();
  if (current.cancelledAt) throw conflict('活动已取消，不能修改');
  if (nowIso >= current.endAt) throw conflict('活动已结束，不能修改');
  const next = { ...current, ...patch };
  const timesChanged = ['startAt', 'endAt', 'signUpDeadline', 'cancelCutoffHours'].some(
    (k) => k in patch && patch[k as keyof typeof patch] !== current[k as keyof ActivityItem],
  );
  if (timesChanged) {
    if (current.startAt <= nowIso) throw conflict('活动已开始，不能修改时间');
    if (next.startAt <= nowIso)
      throw badRequest('开始时间应晚于现在', [{ field: 'body.startAt', message: '开始时间应晚于现在' }]);
    if (next.endAt <= next.startAt)
      throw badRequest('结束时间应晚于开始时间', [{ field: 'body.endAt', message: '结束时间应晚于开始时间' }]);
    if (Date.parse(next.endAt) - Date.parse(next.startAt) > MAX_SERVICE_MINUTES * MINUTE_MS)
      throw badRequest('单次活动不能超过 24 小时', [{ field: 'body.endAt', message: '单次活动不能超过 24 小时' }]);
    if (next.signUpDeadline > next.startAt)
      throw badRequest('报名截止时间不能晚于开始时间', [
        { field: 'body.signUpDeadline', message: '报名截止时间不能晚于开始时间' },
      ]);
  }
  const conditions: Record<string, unknown>[] = [
    { attr: 'activityId', exists: true },
    { attr: 'cancelledAt', exists: false },
  ];
  if (patch.capacity !== undefined) conditions.push({ attr: 'confirmed', lte: patch.capacity });
  if (timesChanged) conditions.push({ attr: 'startAt', gt: nowIso });
  try {
    await activities.update(
      {
        communityId,
        activityId,
        ...patch,
        // The time indexes follow startAt and endAt (the entity's update links).
        ...(timesChanged ? { cancelDeadline: cancelDeadlineOf(next.startAt, next.cancelCutoffHours) } : {}),
        updatedAt: nowIso,
      },
      { condition: { and: conditions } as never },
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const fresh = await loadActivity(communityId, activityId);
    if (fresh.cancelledAt) throw conflict('活动已取消，不能修改');
    if (patch.capacity !== undefined && fresh.confirmed > patch.capacity)
      throw conflict(`名额不能少于已报名人数（${fresh.confirmed} 人）`);
    throw conflict('活动已开始，不能修改时间');
  }
  if (patch.capacity !== undefined && patch.capacity > current.capacity)
    await promoteWaiters(communityId, activityId, now);
  return activityView(await loadActivity(communityId, activityId), { now: nowIso, canOrganise: true });
}

/**
 * Moves waiters into free places, first in line first, each in its own transaction guarded by
 * `confirmed < capacity`: run it after capacity grows; it stops when the places are full.
 */
export async function promoteWaiters(communityId: string, activityId: string, now: Date): Promise<number> {
  let promoted = 0;
  for (let guard = 0; guard < 500; guard++) {
    const activity = await loadActivity(communityId, activityId);
    if (activity.cancelledAt || activity.confirmed >= activity.capacity || activity.waitlisted === 0) break;
    const [first] = await waitingLine(communityId, activityId);
    if (!first) break;
    const writes = {
      activity: activities.transactUpdate(
        { communityId, activityId, confirmed: $add(1), waitlisted: $add(-1) },
        {
          condition: {
            and: [
              { attr: 'confirmed', lt: { attr: 'capacity' } },
              { attr: 'waitlisted', gt: 0 },
              { attr: 'cancelledAt', exists: false },
            ],
          },
        },
      ),
      registration: registrations.transactUpdate(
        { communityId, activityId, userId: first.userId, status: 'confirmed' },
        { condition: { attr: 'status', eq: 'waitlisted' } },
      ),
      notice: promotedIntent(activity, first, now),
    };
    try {
      await transact(writes);
      promoted++;
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (!failed) throw error;
      if (failed.has('activity')) break;
    }
  }
  return promoted;
}

/**
 * 取消活动: by the committee or the organising team's leader, with a reason, before the end and only
 * while no hours have been credited (`credited`, which an approval adds to in its own transaction under
 * the condition that the activity is not cancelled — so no points are ever credited for a cancelled
 * activity, whichever comes first). One conditional update sets it once; its intent reaches everyone
 * signed up or waiting (the `activityVolunteers` audience, expanded by the dispatcher). Sign-ups,
 * withdrawals, promotions and edits all condition on `cancelledAt` absent, so none slips in after it.
 */
export async function cancelActivity({
  principal,
  communityId,
  activityId,
  reason,
  now,
}: ActivityRequest & { reason: string }) {
  const activity = await loadActivity(communityId, activityId);
  await assertOrganiser(principal, activity);
  const nowIso = now.toISOString();
  const view = async () =>
    activityView(await loadActivity(communityId, activityId), { now: nowIso, canOrganise: true });
  if (activity.cancelledAt) return view();
  const refuse = (a: ActivityItem) => {
    if (a.credited) throw conflict('已有志愿者的服务时长确认并发放积分，活动不能取消；请先冲正');
    if (nowIso >= a.endAt) throw conflict('活动已结束，不能取消');
  };
  refuse(activity);
  try {
    await transact({
      activity: activities.transactUpdate(
        {
          communityId,
          activityId,
          cancelledAt: nowIso,
          cancelledBy: principal.userId,
          cancelReason: reason,
          updatedAt: nowIso,
        },
        {
          condition: {
            and: [
              { attr: 'cancelledAt', exists: false },
              { attr: 'endAt', gt: nowIso },
              {
                or: [
                  { attr: 'credited', exists: false },
                  { attr: 'credited', eq: 0 },
                ],
              },
            ],
          },
        },
      ),
      notice: notificationIntent(
        {
          communityId,
          event: 'volunteer.activityCancelled',
          dedupeKey: `${activityId}:cancelled`,
          audience: { kind: 'activityVolunteers', activityId },
          title: '志愿活动已取消',
          body: `「${activity.title}」（${chinaTimeLabel(activity.startAt)}）已取消：${reason}`,
          link: activityLink(activityId),
          data: { activity: activity.title, time: activity.startAt, place: activity.place, reason },
        },
        now,
      ),
    });
  } catch (error) {
    if (!failedWrites(error)) throw error;
    const fresh = await loadActivity(communityId, activityId);
    if (fresh.cancelledAt) return view(); // a retry or a double tap that lost the race
    refuse(fresh);
    throw error;
  }
  return view();
}

/** Who a cancellation reaches (audience `activityVolunteers`): everyone confirmed or waiting. */
export async function activityVolunteers(communityId: string, activityId: string): Promise<string[]> {
  return (await registrationsOf(communityId, activityId, 'ne', 'cancelled')).map((r) => r.userId);
}

/** An activity's registrations in (eq) or not in (ne) one status: a consistent read of the activity's partition. */
async function registrationsOf(
  communityId: string,
  activityId: string,
  match: 'eq' | 'ne',
  status: RegistrationItem['status'],
): Promise<RegistrationItem[]> {
  const { Items = [] } = await volunteer.query
    .registrationsInStatus({ communityId, activityId, status, except: match === 'ne' })
    .send();
  return Items;
}

/** 候补转正: the intent written with the promotion. */
export function promotedIntent(activity: Draft<ActivityItem>, waiter: Draft<RegistrationItem>, now: Date) {
  return notificationIntent(
    {
      communityId: activity.communityId,
      event: 'volunteer.promoted',
      dedupeKey: `${activity.activityId}:${waiter.userId}:${waiter.queuedAt}`,
      recipientId: waiter.userId,
      title: '候补成功',
      body: `有人取消报名，您已从候补转为正式报名「${activity.title}」`,
      link: activityLink(activity.activityId),
      data: { activity: activity.title, time: activity.startAt, place: activity.place },
    },
    now,
  );
}
