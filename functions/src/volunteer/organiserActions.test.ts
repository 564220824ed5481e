import { accounts, stableHash, type Audience, type NotificationEvent } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { activityDraft, givenCommunity, givenPerson, hours, minutes } from '../../test/timebankFixtures';
import { activities } from '../db/entities/activity';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { notificationIntents } from '../db/entities/notificationIntent';
import { registrations } from '../db/entities/registration';
import { teamMembers } from '../db/entities/teamMember';
import { volunteerTeams } from '../db/entities/volunteerTeam';
import { expandAudience, provideAudiences } from '../notifications/audiences';
import { openResidentAccount } from '../timebank/accounts';
import { reversePosting } from '../timebank/ledger/reversal';
import { volunteerAudiences } from './audiences';
import { volunteerSection } from './personalData';
import { activityVolunteers, cancelActivity, createActivity, getActivity, updateActivity } from './activities';
import { attendanceCode, recordAttendance } from './attendance';
import { organiserCode } from './attendanceCodes';
import { reviewHours, roster } from './hoursReview';
import { sendReminders } from './reminders';
import { cancelSignUp, removeRegistration, signUp } from './registrations';
import { createTeam, decideTeamMember, joinTeam, listTeams, setTeamLeader } from './teams';

const intentOf = async (event: NotificationEvent, dedupeKey: string) =>
  (await notificationIntents.get({ intentId: `n${stableHash(`${event}|${dedupeKey}`)}` }, { consistent: true })).Item;

useTestTable();
provideAudiences(volunteerAudiences);
jest.setTimeout(90_000);

let cid: string;
let sun: Awaited<ReturnType<typeof givenPerson>>;
const t0 = new Date('2030-04-01T00:00:00Z');

beforeAll(async () => {
  cid = await givenCommunity('org');
  sun = await givenPerson('sun', cid, ['committee'], '孙主任');
});

let n = 0;
async function activity(overrides: Partial<Parameters<typeof createActivity>[0]['input']> = {}, by = sun.principal) {
  n++;
  return createActivity({
    principal: by,
    communityId: cid,
    input: activityDraft(`组织者活动${n}`, t0, { category: 'service', place: '活动室', ...overrides }),
    now: t0,
  });
}

const people = async (prefix: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, i) => givenPerson(`${prefix}${i}`, cid, ['resident'], `${prefix}${i}`)),
  );
const counters = async (activityId: string) => {
  const { Item } = await activities.get({ communityId: cid, activityId }, { consistent: true });
  return { confirmed: Item!.confirmed, waitlisted: Item!.waitlisted };
};

describe('cancelling an activity', () => {
  it('the committee cancels with a reason: listed as cancelled, everyone signed up or waiting is told, once', async () => {
    const a = await activity();
    const ps = await people('cx', 3);
    for (const p of ps)
      await signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const [gone] = await people('cxgone', 1);
    await signUp({ user: gone!.user, principal: gone!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await cancelSignUp({ principal: gone!.principal, communityId: cid, activityId: a.activityId, now: t0 });

    const cancelled = await cancelActivity({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      reason: '暴雨预警，改期举行',
      now: hours(1, t0),
    });
    expect(cancelled).toMatchObject({
      phase: 'cancelled',
      cancelReason: '暴雨预警，改期举行',
      cancelledAt: hours(1, t0).toISOString(),
      attendanceOpen: false,
    });
    // A retry (or a second organiser) changes nothing and answers the same.
    const again = await cancelActivity({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      reason: '另一个原因',
      now: hours(2, t0),
    });
    expect(again).toMatchObject({
      phase: 'cancelled',
      cancelReason: '暴雨预警，改期举行',
      cancelledAt: hours(1, t0).toISOString(),
    });

    const intent = await intentOf('volunteer.activityCancelled', `${a.activityId}:cancelled`);
    expect(intent).toMatchObject({
      audience: { kind: 'activityVolunteers', activityId: a.activityId },
      status: 'pending',
      data: { reason: '暴雨预警，改期举行' },
    });
    // The dispatcher expands it to the two confirmed and the one waiting — not the one who left.
    const page = await expandAudience({ communityId: cid, audience: intent!.audience as Audience, cursor: undefined });
    expect(page.userIds.sort()).toEqual(['cx0', 'cx1', 'cx2']);
    expect(page.nextCursor).toBeUndefined();

    const seen = await getActivity({
      principal: ps[0]!.principal,
      communityId: cid,
      activityId: a.activityId,
      now: hours(3, t0),
    });
    expect(seen).toMatchObject({ phase: 'cancelled', mine: { status: 'confirmed' } });
  });

  it('after a cancel: no sign-up, withdrawal, edit, check-in or points; no reminder', async () => {
    const a = await activity({ capacity: 1 });
    const [v, w, late] = await people('cy', 3);
    await signUp({ user: v!.user, principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await signUp({ user: w!.user, principal: w!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await cancelActivity({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      reason: '场地临时停用',
      now: t0,
    });

    await expect(
      signUp({ user: late!.user, principal: late!.principal, communityId: cid, activityId: a.activityId, now: t0 }),
    ).rejects.toMatchObject({
      status: 409,
      message: '活动已取消',
    });
    await expect(
      cancelSignUp({ principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'cy0',
        reason: '重复报名',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      updateActivity({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        patch: { capacity: 5 },
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect(await counters(a.activityId)).toEqual({ confirmed: 1, waitlisted: 1 });

    const start = new Date(a.startAt);
    await expect(
      attendanceCode({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: start }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      recordAttendance({
        principal: v!.principal,
        communityId: cid,
        activityId: a.activityId,
        code: (await organiserCode(cid, a.activityId, start)).shortCode,
        now: start,
      }),
    ).rejects.toMatchObject({
      status: 409,
      message: '活动已取消，不能签到',
    });
    await expect(
      reviewHours({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'cy0',
        decision: { decision: 'approve', minutes: 60, reason: '现场核实' },
        now: hours(3, start),
      }),
    ).rejects.toMatchObject({ status: 409 });
    const { Item } = await ledgerAccounts.get(
      { communityId: cid, accountId: accounts.resident('cy0') },
      { consistent: true },
    );
    expect(Item?.balance ?? 0).toBe(0);

    await sendReminders(hours(30, t0));
    expect(
      (await registrations.get({ communityId: cid, activityId: a.activityId, userId: 'cy0' }, { consistent: true }))
        .Item?.remindedFor,
    ).toBeUndefined();
  });

  it('only the committee or the organising team’s leader, and only before the end', async () => {
    const leader = await givenPerson('cleader', cid, ['resident'], '队长');
    const code = (await openResidentAccount(cid, 'cleader')).accountCode as string;
    const team = await createTeam({
      principal: sun.principal,
      communityId: cid,
      input: { name: '取消测试队', description: '说明', leaderAccountCode: code },
      now: t0,
    });
    const mine = await activity({ teamId: team.teamId }, leader.principal);
    const theirs = await activity();
    const [stranger] = await people('cz', 1);
    await expect(
      cancelActivity({
        principal: stranger!.principal,
        communityId: cid,
        activityId: mine.activityId,
        reason: '不想办了',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      cancelActivity({
        principal: leader.principal,
        communityId: cid,
        activityId: theirs.activityId,
        reason: '不想办了',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      cancelActivity({
        principal: leader.principal,
        communityId: cid,
        activityId: mine.activityId,
        reason: '队员不足',
        now: t0,
      }),
    ).resolves.toMatchObject({
      phase: 'cancelled',
    });
    await expect(
      cancelActivity({
        principal: sun.principal,
        communityId: cid,
        activityId: theirs.activityId,
        reason: '太晚了',
        now: hours(50, t0),
      }),
    ).rejects.toMatchObject({
      status: 409,
      message: '活动已结束，不能取消',
    });
  });

  it('refused once hours have been credited; possible again after the 冲正', async () => {
    const a = await activity({ capacity: 1 });
    const [v] = await people('cc', 1);
    await signUp({ user: v!.user, principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const start = new Date(a.startAt);
    await recordAttendance({
      principal: v!.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, start)).shortCode,
      now: start,
    });
    const approved = await reviewHours({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      userId: 'cc0',
      decision: { decision: 'approve', minutes: 60, reason: '提前离场' },
      now: minutes(61, start),
    });
    expect(approved.points).toBe(10);
    await expect(
      cancelActivity({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        reason: '取消',
        now: minutes(62, start),
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const { Item: reg } = await registrations.get(
      { communityId: cid, activityId: a.activityId, userId: 'cc0' },
      { consistent: true },
    );
    await reversePosting({
      principal: sun.principal,
      communityId: cid,
      postingId: reg!.postingId!,
      reason: '活动临时取消',
      now: minutes(63, start),
    });
    await expect(
      cancelActivity({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        reason: '活动临时取消',
        now: minutes(64, start),
      }),
    ).resolves.toMatchObject({ phase: 'cancelled' });
  });

  it('approval racing a cancel: either the approval credits and the cancel is refused, or the cancel wins and nothing is credited', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await activity({ capacity: 1 });
      const [v] = await people(`race${round}-`, 1);
      await signUp({ user: v!.user, principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 });
      const start = new Date(a.startAt);
      await recordAttendance({
        principal: v!.principal,
        communityId: cid,
        activityId: a.activityId,
        code: (await organiserCode(cid, a.activityId, start)).shortCode,
        now: start,
      });
      const at = minutes(30, start);
      const [approval, cancel] = await Promise.allSettled([
        reviewHours({
          principal: sun.principal,
          communityId: cid,
          activityId: a.activityId,
          userId: v!.user.userId,
          decision: { decision: 'approve', minutes: 30, reason: '核实' },
          now: at,
        }),
        cancelActivity({
          principal: sun.principal,
          communityId: cid,
          activityId: a.activityId,
          reason: '突发情况',
          now: at,
        }),
      ]);
      const { Item: account } = await ledgerAccounts.get(
        { communityId: cid, accountId: accounts.resident(v!.user.userId) },
        { consistent: true },
      );
      const { Item: act } = await activities.get({ communityId: cid, activityId: a.activityId }, { consistent: true });
      expect([approval.status, cancel.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      if (act!.cancelledAt) expect(account?.balance ?? 0).toBe(0);
      else expect(account?.balance).toBe(5);
    }
  });

  it('20 sign-ups racing a cancel: the counters match the registrations and whoever was refused left nothing behind', async () => {
    const a = await activity({ capacity: 5 });
    const crowd = await people('cs', 20);
    const results = await Promise.allSettled([
      ...crowd.map((p) =>
        signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 }),
      ),
      (async () => {
        await new Promise((r) => setTimeout(r, 30));
        return cancelActivity({
          principal: sun.principal,
          communityId: cid,
          activityId: a.activityId,
          reason: '天气原因',
          now: t0,
        });
      })(),
    ]);
    expect(results[20]!.status).toBe('fulfilled');
    const list = await roster({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const confirmed = list.items.filter((r) => r.status === 'confirmed').length;
    const waiting = list.items.filter((r) => r.status === 'waitlisted').length;
    expect(list.activity).toMatchObject({ phase: 'cancelled', confirmed, waitlisted: waiting });
    expect(confirmed).toBeLessThanOrEqual(5);
    const accepted = crowd.filter((_, i) => results[i]!.status === 'fulfilled').map((p) => p.user.userId);
    const refused = results.slice(0, 20).filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    for (const r of refused) expect(r.reason).toMatchObject({ status: 409 });
    // Every accepted sign-up is on the roster and will be told; nobody refused is.
    expect((await activityVolunteers(cid, a.activityId)).sort()).toEqual(accepted.sort());
  });
});

describe('removing one registration', () => {
  it('frees the seat, promotes the first waiter as a volunteer’s own cancel does, tells the removed volunteer; a retry is a no-op', async () => {
    const a = await activity({ capacity: 1 });
    const [v, w1, w2] = await people('rm', 3);
    for (const p of [v, w1, w2])
      await signUp({ user: p!.user, principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const removed = await removeRegistration({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      userId: 'rm0',
      reason: '报名信息不实',
      now: hours(1, t0),
    });
    expect(removed).toMatchObject({ userId: 'rm0', status: 'cancelled', removedReason: '报名信息不实' });
    expect(await counters(a.activityId)).toEqual({ confirmed: 1, waitlisted: 1 });
    expect(
      (await getActivity({ principal: w1!.principal, communityId: cid, activityId: a.activityId, now: t0 })).mine
        ?.status,
    ).toBe('confirmed');
    expect(
      (await getActivity({ principal: w2!.principal, communityId: cid, activityId: a.activityId, now: t0 })).mine,
    ).toMatchObject({
      status: 'waitlisted',
      waitPosition: 1,
    });
    expect(
      (await getActivity({ principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 })).mine,
    ).toEqual({
      status: 'cancelled',
      removedReason: '报名信息不实',
    });

    const { Item: reg } = await registrations.get(
      { communityId: cid, activityId: a.activityId, userId: 'rm0' },
      { consistent: true },
    );
    expect(await intentOf('volunteer.registrationRemoved', `${a.activityId}:rm0:${reg!.queuedAt}`)).toMatchObject({
      recipientId: 'rm0',
      data: { reason: '报名信息不实' },
    });
    const { Item: promoted } = await registrations.get(
      { communityId: cid, activityId: a.activityId, userId: 'rm1' },
      { consistent: true },
    );
    expect(await intentOf('volunteer.promoted', `${a.activityId}:rm1:${promoted!.queuedAt}`)).toMatchObject({
      recipientId: 'rm1',
    });

    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rm0',
        reason: '报名信息不实',
        now: hours(1, t0),
      }),
    ).resolves.toMatchObject({ status: 'cancelled' });
    expect(await counters(a.activityId)).toEqual({ confirmed: 1, waitlisted: 1 });
  });

  it('a waiter can be removed too; strangers, unknown people and checked-in volunteers cannot', async () => {
    const a = await activity({ capacity: 1 });
    const [v, w] = await people('rw', 2);
    await signUp({ user: v!.user, principal: v!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await signUp({ user: w!.user, principal: w!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await expect(
      removeRegistration({
        principal: v!.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rw1',
        reason: '我不喜欢他',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'nobody',
        reason: '原因',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rw1',
        reason: '名额调整',
        now: t0,
      }),
    ).resolves.toMatchObject({
      status: 'cancelled',
    });
    expect(await counters(a.activityId)).toEqual({ confirmed: 1, waitlisted: 0 });
    const start = new Date(a.startAt);
    await recordAttendance({
      principal: v!.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, start)).shortCode,
      now: start,
    });
    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rw0',
        reason: '原因',
        now: minutes(5, start),
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rw0',
        reason: '原因',
        now: hours(3, start),
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('concurrent removals promote waiters in order, exactly one each; the same removal sent 5 times promotes once', async () => {
    const a = await activity({ capacity: 3 });
    const ps = await people('rc', 7);
    for (const p of ps)
      await signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await Promise.all([
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rc0',
        reason: '原因一',
        now: t0,
      }),
      removeRegistration({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: 'rc1',
        reason: '原因二',
        now: t0,
      }),
      ...Array.from({ length: 5 }, () =>
        removeRegistration({
          principal: sun.principal,
          communityId: cid,
          activityId: a.activityId,
          userId: 'rc2',
          reason: '原因三',
          now: t0,
        }),
      ),
    ]);
    const list = await roster({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: t0 });
    expect(list.activity).toMatchObject({ confirmed: 3, waitlisted: 1 });
    expect(
      list.items
        .filter((r) => r.status === 'confirmed')
        .map((r) => r.userId)
        .sort(),
    ).toEqual(['rc3', 'rc4', 'rc5']);
    expect(list.items.filter((r) => r.status === 'waitlisted').map((r) => [r.userId, r.waitPosition])).toEqual([
      ['rc6', 1],
    ]);
  });
});

describe('teams: leaving and naming a leader', () => {
  it('erasing a member and the leader takes the count down in the same write; the committee names a new leader from the members', async () => {
    const leader = await givenPerson('tl', cid, ['resident'], '老队长');
    const code = (await openResidentAccount(cid, 'tl')).accountCode as string;
    const team = await createTeam({
      principal: sun.principal,
      communityId: cid,
      input: { name: '换队长测试队', description: '说明', leaderAccountCode: code },
      now: t0,
    });
    const [m1, m2, pending] = await people('tm', 3);
    for (const p of [m1, m2, pending])
      await joinTeam({ user: p!.user, communityId: cid, teamId: team.teamId, now: t0 });
    await decideTeamMember({
      principal: leader.principal,
      communityId: cid,
      teamId: team.teamId,
      userId: 'tm0',
      decision: 'approve',
      now: t0,
    });
    await decideTeamMember({
      principal: leader.principal,
      communityId: cid,
      teamId: team.teamId,
      userId: 'tm1',
      decision: 'approve',
      now: t0,
    });
    const teamNow = async () =>
      (await volunteerTeams.get({ communityId: cid, teamId: team.teamId }, { consistent: true })).Item!;
    expect((await teamNow()).memberCount).toBe(3);

    await volunteerSection.erase('tm1', t0);
    await volunteerSection.erase('tm2', t0); // a pending request was never counted
    expect((await teamNow()).memberCount).toBe(2);
    await volunteerSection.erase('tl', t0);
    await volunteerSection.erase('tl', t0); // erasure retried
    expect(await teamNow()).toMatchObject({ memberCount: 1, leaders: {} });

    await expect(
      setTeamLeader({ principal: sun.principal, communityId: cid, teamId: team.teamId, userId: 'tm2', now: t0 }),
    ).rejects.toMatchObject({ status: 409 });
    const named = await setTeamLeader({
      principal: sun.principal,
      communityId: cid,
      teamId: team.teamId,
      userId: 'tm0',
      now: t0,
    });
    expect(named).toMatchObject({ leaders: [{ userId: 'tm0', nickname: 'tm0' }], memberCount: 1 });
    await expect(
      setTeamLeader({ principal: sun.principal, communityId: cid, teamId: team.teamId, userId: 'tm0', now: t0 }),
    ).resolves.toMatchObject({
      leaders: [{ userId: 'tm0' }],
    });
    expect(
      (await teamMembers.get({ communityId: cid, teamId: team.teamId, userId: 'tm0' }, { consistent: true })).Item,
    ).toMatchObject({ role: 'leader', status: 'active' });
    // The new leader now manages the team and organises in its name.
    expect((await listTeams(m1!.principal, cid)).items.find((t) => t.teamId === team.teamId)).toMatchObject({
      isLeader: true,
    });
    await expect(activity({ teamId: team.teamId }, m1!.principal)).resolves.toMatchObject({ canOrganise: true });
  });
});
