import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { accounts, chinaMonth, starLevel, type Principal } from '@linli/shared';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { activities, type ActivityItem } from '../db/entities/activity';
import { ALL_TIME, volunteerStats, type VolunteerStatsItem } from '../db/entities/volunteerStats';
import { LinliTable } from '../db/table';
import type { WriteTx } from '../db/transactions';
import { loadUsers } from '../identity/users';
import { registrationSummary } from './views';
import { volunteer } from '../db/registries/volunteer';

/**
 * Moves a volunteer's verified totals, all time and for the month of the activity, in the same
 * transaction as the approval (or its reversal, with negative amounts).
 */
export function statsWrites(
  communityId: string,
  userId: string,
  activityStartAt: string,
  delta: { minutes: number; activities: number; points: number },
): WriteTx[] {
  return [ALL_TIME, chinaMonth(activityStartAt)].map((period) =>
    volunteerStats.transactUpdate({
      communityId,
      period,
      userId,
      minutes: $add(delta.minutes),
      activities: $add(delta.activities),
      points: $add(delta.points),
    }),
  );
}

/** 我的志愿: verified totals, star level and my sign-ups, newest first. */
export async function myVolunteering(principal: Principal, communityId: string, now: Date) {
  const [{ Item: stats }, { Item: account }, regs] = await Promise.all([
    volunteerStats.get({ communityId, period: ALL_TIME, userId: principal.userId }),
    ledgerAccounts.get({ communityId, accountId: accounts.resident(principal.userId) }),
    volunteer.query.signUpsOf({ userId: principal.userId, communityId, newestFirst: true, page: { limit: 50 } }).send(),
  ]);
  const items = regs.Items ?? [];
  const byId = new Map<string, ActivityItem>();
  if (items.length) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...[...new Set(items.map((r) => r.activityId))].map((activityId) =>
          activities.batchGet({ communityId, activityId }),
        ),
      ),
    );
    for (const a of (Responses?.[0] ?? []) as (ActivityItem | undefined)[]) if (a) byId.set(a.activityId, a);
  }
  const nowIso = now.toISOString();
  return {
    totalMinutes: stats?.minutes ?? 0,
    activityCount: stats?.activities ?? 0,
    pointsEarned: stats?.points ?? 0,
    balance: account?.balance ?? 0,
    star: starLevel(stats?.minutes ?? 0),
    registrations: items.flatMap((r) => {
      const a = byId.get(r.activityId);
      if (!a) return [];
      return [
        {
          ...registrationSummary(r, a, nowIso),
          activityId: a.activityId,
          title: a.title,
          place: a.place,
          startAt: a.startAt,
          endAt: a.endAt,
        },
      ];
    }),
  };
}

const HONOUR_LIST_SIZE = 20;

/** 月度光荣榜: the month's volunteers by verified hours, with their all-time star level. */
export async function honours(communityId: string, month: string | undefined, now: Date) {
  const period = month ?? chinaMonth(now.toISOString());
  const { Items = [] } = await volunteer.query.statsOfPeriod({ communityId, period }).send();
  const top = Items.filter((s) => s.minutes > 0)
    .sort((a, b) => b.minutes - a.minutes || b.activities - a.activities || (a.userId < b.userId ? -1 : 1))
    .slice(0, HONOUR_LIST_SIZE);
  const allTime = new Map<string, VolunteerStatsItem>();
  if (top.length) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...top.map((s) => volunteerStats.batchGet({ communityId, period: ALL_TIME, userId: s.userId })),
      ),
    );
    for (const s of (Responses?.[0] ?? []) as (VolunteerStatsItem | undefined)[]) if (s) allTime.set(s.userId, s);
  }
  const people = await loadUsers(top.map((s) => s.userId));
  return {
    month: period,
    items: top.map((s, i) => ({
      rank: i + 1,
      userId: s.userId,
      nickname: people.get(s.userId)?.status === 'active' ? (people.get(s.userId)?.nickname ?? '志愿者') : '已注销用户',
      minutes: s.minutes,
      activities: s.activities,
      star: starLevel(allTime.get(s.userId)?.minutes ?? s.minutes),
    })),
  };
}
