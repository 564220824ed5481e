import { accounts } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { activityDraft, givenCommunity, givenPerson, hours, minutes } from '../../test/timebankFixtures';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { notificationIntents } from '../db/entities/notificationIntent';
import { users } from '../db/entities/user';
import { auditCommunity } from '../timebank/ledger/audit';
import { createActivity, getActivity, updateActivity } from './activities';
import { attendanceCode, recordAttendance, scanVolunteerPass } from './attendance';
import { organiserCode, volunteerPass } from './attendanceCodes';
import { approvalKey, reviewHours, roster } from './hoursReview';
import { honours, myVolunteering } from './recognition';
import { reminderKey, sendReminders } from './reminders';
import { cancelSignUp, signUp } from './registrations';
import { createTeam, decideTeamMember, joinTeam } from './teams';
import { openResidentAccount } from '../timebank/accounts';
import { stableHash, type NotificationEvent } from '@linli/shared';

const intentOf = async (event: NotificationEvent, dedupeKey: string) =>
  (await notificationIntents.get({ intentId: `n${stableHash(`${event}|${dedupeKey}`)}` }, { consistent: true })).Item;

useTestTable();
jest.setTimeout(60_000);

let cid: string;
let sun: Awaited<ReturnType<typeof givenPerson>>;
const t0 = new Date('2030-03-01T00:00:00Z');

beforeAll(async () => {
  cid = await givenCommunity('vol');
  sun = await givenPerson('sun', cid, ['committee'], '孙主任');
});

let n = 0;
async function activity(overrides: Partial<Parameters<typeof createActivity>[0]['input']> = {}, now = t0) {
  n++;
  return createActivity({
    principal: sun.principal,
    communityId: cid,
    input: activityDraft(`活动${n}`, now, overrides),
    now,
  });
}

const people = async (prefix: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, i) => givenPerson(`${prefix}${i}`, cid, ['resident'], `${prefix}${i}`)),
  );

describe('sign-up with capacity and a waiting line', () => {
  it('confirms within capacity, queues the rest in order, and grants the volunteer role', async () => {
    const a = await activity();
    const [p0, p1, p2, p3] = await people('q', 4);
    for (const p of [p0, p1, p2, p3])
      await signUp({ user: p!.user, principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const views = await Promise.all(
      [p0, p1, p2, p3].map((p) =>
        getActivity({ principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 }),
      ),
    );
    expect(views.map((v) => v.mine?.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(views.map((v) => v.mine?.waitPosition)).toEqual([undefined, undefined, 1, 2]);
    expect(views[3]).toMatchObject({ confirmed: 2, waitlisted: 2 });
    const { Item } = await users.get({ userId: 'q0' }, { consistent: true });
    expect(Object.values(Item!.grants).map((g) => g.role)).toContain('volunteer');
  });

  it('signing up twice returns the same registration', async () => {
    const a = await activity();
    const [p] = await people('twice', 1);
    await signUp({ user: p!.user, principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const again = await signUp({
      user: p!.user,
      principal: p!.principal,
      communityId: cid,
      activityId: a.activityId,
      now: t0,
    });
    expect(again).toMatchObject({ confirmed: 1, waitlisted: 0, mine: { status: 'confirmed' } });
  });

  it('a cancellation promotes the first waiter and tells them', async () => {
    const a = await activity({ capacity: 1 });
    const [first, second, third] = await people('c', 3);
    for (const p of [first, second, third])
      await signUp({ user: p!.user, principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const after = await cancelSignUp({
      principal: first!.principal,
      communityId: cid,
      activityId: a.activityId,
      now: t0,
    });
    expect(after).toMatchObject({ confirmed: 1, waitlisted: 1, mine: { status: 'cancelled' } });
    expect(
      (await getActivity({ principal: second!.principal, communityId: cid, activityId: a.activityId, now: t0 })).mine
        ?.status,
    ).toBe('confirmed');
    expect(
      (await getActivity({ principal: third!.principal, communityId: cid, activityId: a.activityId, now: t0 })).mine,
    ).toMatchObject({
      status: 'waitlisted',
      waitPosition: 1,
    });
    const list = await roster({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: t0 });
    expect(list.items.map((r) => [r.userId, r.status])).toEqual([
      ['c1', 'confirmed'],
      ['c2', 'waitlisted'],
      ['c0', 'cancelled'],
    ]);
  });

  it('refuses cancelling inside the cut-off and signing up after the deadline', async () => {
    const a = await activity({ cancelCutoffHours: 24 });
    const [p] = await people('late', 1);
    await signUp({ user: p!.user, principal: p!.principal, communityId: cid, activityId: a.activityId, now: t0 });
    await expect(
      cancelSignUp({ principal: p!.principal, communityId: cid, activityId: a.activityId, now: hours(25, t0) }),
    ).rejects.toMatchObject({ status: 409 });
    const [q] = await people('after', 1);
    await expect(
      signUp({
        user: q!.user,
        principal: q!.principal,
        communityId: cid,
        activityId: a.activityId,
        now: hours(47.5, t0),
      }),
    ).rejects.toMatchObject({
      status: 409,
      message: '报名已截止',
    });
  });

  it('50 simultaneous sign-ups for 10 places confirm exactly 10 and queue 40', async () => {
    const a = await activity({ capacity: 10 });
    const crowd = await people('crowd', 50);
    await Promise.all(
      crowd.map((p) =>
        signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 }),
      ),
    );
    const list = await roster({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: t0 });
    expect(list.activity).toMatchObject({ confirmed: 10, waitlisted: 40 });
    expect(list.items.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(list.items.filter((r) => r.status === 'waitlisted').map((r) => r.waitPosition)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('more places promote waiters; fewer than the confirmed count is refused', async () => {
    const a = await activity({ capacity: 1 });
    const ps = await people('grow', 3);
    for (const p of ps)
      await signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 });
    const grown = await updateActivity({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      patch: { capacity: 3 },
      now: t0,
    });
    expect(grown).toMatchObject({ confirmed: 3, waitlisted: 0 });
    await expect(
      updateActivity({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        patch: { capacity: 2 },
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('only the committee or the organising team’s leader may edit', async () => {
    const a = await activity();
    const [stranger] = await people('stranger', 1);
    await expect(
      updateActivity({
        principal: stranger!.principal,
        communityId: cid,
        activityId: a.activityId,
        patch: { place: '别处' },
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('attendance and hours', () => {
  async function attended(capacity = 3) {
    const a = await activity({ capacity });
    const ps = await people(`att${n}-`, capacity);
    for (const p of ps)
      await signUp({ user: p.user, principal: p.principal, communityId: cid, activityId: a.activityId, now: t0 });
    return { a, ps, start: new Date(a.startAt) };
  }

  it('checks in with the rotating code, checks out with a later one, and the organiser confirms: points arrive in the same transaction', async () => {
    const { a, ps, start } = await attended(1);
    const v = ps[0]!;
    const inAt = minutes(-10, start);
    // The page shows the code entry by the server's clock: from an hour before the start, through the grace after the end.
    expect(
      (
        await getActivity({
          principal: v.principal,
          communityId: cid,
          activityId: a.activityId,
          now: minutes(-61, start),
        })
      ).attendanceOpen,
    ).toBe(false);
    expect(
      (await getActivity({ principal: v.principal, communityId: cid, activityId: a.activityId, now: inAt }))
        .attendanceOpen,
    ).toBe(true);
    const code = await attendanceCode({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      now: inAt,
    });
    expect(code.shortCode).toMatch(/^\d{6}$/);
    const checkedIn = await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: code.shortCode,
      now: inAt,
    });
    expect(checkedIn).toMatchObject({ action: 'checkIn', registration: { hoursState: 'checkedIn' } });
    // The same code again is refused (replay), a later code checks out.
    await expect(
      recordAttendance({
        principal: v.principal,
        communityId: cid,
        activityId: a.activityId,
        code: code.token,
        now: new Date(inAt.getTime() + 10_000),
      }),
    ).rejects.toMatchObject({ status: 409 });
    const outAt = minutes(130, inAt);
    const out = await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, outAt)).token,
      now: outAt,
    });
    expect(out).toMatchObject({ action: 'checkOut', registration: { hoursState: 'pending', claimedMinutes: 130 } });

    const approved = await reviewHours({
      principal: sun.principal,
      communityId: cid,
      activityId: a.activityId,
      userId: v.user.userId,
      decision: { decision: 'approve' },
      now: minutes(5, outAt),
    });
    expect(approved).toMatchObject({ hoursState: 'approved', approvedMinutes: 130, points: 22 });
    const { Item } = await ledgerAccounts.get(
      { communityId: cid, accountId: accounts.resident(v.user.userId) },
      { consistent: true },
    );
    expect(Item?.balance).toBe(22);
    const mine = await myVolunteering(v.principal, cid, outAt);
    expect(mine).toMatchObject({ totalMinutes: 130, activityCount: 1, pointsEarned: 22, star: { stars: 0 } });
    // The volunteer is told, by an intent written in the approval's transaction.
    expect(await intentOf('timebank.hoursApproved', approvalKey(a.activityId, v.user.userId, 1))).toMatchObject({
      recipientId: v.user.userId,
      status: 'pending',
    });
  });

  it('refuses a wrong or expired code, and people who did not sign up', async () => {
    const { a, start } = await attended(1);
    const [outsider] = await people('outsider', 1);
    const at = minutes(5, start);
    const { shortCode } = await organiserCode(cid, a.activityId, at);
    await expect(
      recordAttendance({
        principal: outsider!.principal,
        communityId: cid,
        activityId: a.activityId,
        code: shortCode,
        now: at,
      }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const old = await organiserCode(cid, a.activityId, minutes(-3, at));
    await expect(
      recordAttendance({
        principal: outsider!.principal,
        communityId: cid,
        activityId: a.activityId,
        code: old.shortCode,
        now: at,
      }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      recordAttendance({
        principal: outsider!.principal,
        communityId: cid,
        activityId: a.activityId,
        code: old.token,
        now: at,
      }),
    ).rejects.toMatchObject({
      status: 400,
    });
  });

  it('the organiser can scan a volunteer’s personal code instead', async () => {
    const { a, ps, start } = await attended(1);
    const v = ps[0]!;
    const { pass } = await volunteerPass(cid, v.user.userId, start);
    await expect(
      scanVolunteerPass({ principal: sun.principal, communityId: cid, activityId: a.activityId, pass, now: start }),
    ).resolves.toMatchObject({
      action: 'checkIn',
      nickname: v.user.nickname,
    });
    // The same pass cannot also check out; a fresh one can.
    await expect(
      scanVolunteerPass({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        pass,
        now: minutes(5, start),
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const fresh = await volunteerPass(cid, v.user.userId, minutes(60, start));
    await expect(
      scanVolunteerPass({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        pass: fresh.pass,
        now: minutes(61, start),
      }),
    ).resolves.toMatchObject({ action: 'checkOut', registration: { claimedMinutes: 61 } });
    const [notOrganiser] = await people('np', 1);
    await expect(
      scanVolunteerPass({
        principal: notOrganiser!.principal,
        communityId: cid,
        activityId: a.activityId,
        pass: fresh.pass,
        now: minutes(62, start),
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('flags a missing check-out and credits it only with verified minutes and a reason', async () => {
    const { a, ps, start } = await attended(1);
    const v = ps[0]!;
    await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, start)).shortCode,
      now: start,
    });
    const later = hours(8, start);
    expect(
      (await roster({ principal: sun.principal, communityId: cid, activityId: a.activityId, now: later })).items[0],
    ).toMatchObject({
      hoursState: 'missingCheckOut',
    });
    await expect(
      reviewHours({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: v.user.userId,
        decision: { decision: 'approve' },
        now: later,
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      reviewHours({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: v.user.userId,
        decision: { decision: 'approve', minutes: 90, reason: '现场核实' },
        now: later,
      }),
    ).resolves.toMatchObject({
      hoursState: 'approved',
      approvedMinutes: 90,
      points: 15,
    });
  });

  it('the same approval sent 20 times at once credits once and answers the same each time', async () => {
    const { a, ps, start } = await attended(1);
    const v = ps[0]!;
    await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, start)).shortCode,
      now: start,
    });
    const out = minutes(60, start);
    await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, out)).shortCode,
      now: out,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        reviewHours({
          principal: sun.principal,
          communityId: cid,
          activityId: a.activityId,
          userId: v.user.userId,
          decision: { decision: 'approve' },
          now: out,
        }),
      ),
    );
    expect(new Set(answers.map((x) => `${x.hoursState}:${x.points}`))).toEqual(new Set(['approved:10']));
    const { Item } = await ledgerAccounts.get(
      { communityId: cid, accountId: accounts.resident(v.user.userId) },
      { consistent: true },
    );
    expect(Item).toMatchObject({ balance: 10, movements: 1 });
    expect((await myVolunteering(v.principal, cid, out)).totalMinutes).toBe(60);
    expect((await auditCommunity(cid)).passed).toBe(true);
  });

  it('declining needs a reason and credits nothing', async () => {
    const { a, ps, start } = await attended(1);
    const v = ps[0]!;
    await recordAttendance({
      principal: v.principal,
      communityId: cid,
      activityId: a.activityId,
      code: (await organiserCode(cid, a.activityId, start)).shortCode,
      now: start,
    });
    await expect(
      reviewHours({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: v.user.userId,
        decision: { decision: 'decline' },
        now: start,
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      reviewHours({
        principal: sun.principal,
        communityId: cid,
        activityId: a.activityId,
        userId: v.user.userId,
        decision: { decision: 'decline', reason: '未实际参与' },
        now: start,
      }),
    ).resolves.toMatchObject({ hoursState: 'declined' });
    expect((await openResidentAccount(cid, v.user.userId)).balance).toBe(0);
  });

  it('writes a reminder once per confirmed volunteer before the start', async () => {
    const { a, ps, start } = await attended(2);
    const before = hours(-20, start);
    expect(await sendReminders(before)).toBeGreaterThanOrEqual(2);
    expect(await sendReminders(minutes(15, before))).toBe(0);
    for (const p of ps)
      expect(await intentOf('volunteer.reminder', reminderKey(a.activityId, p.user.userId, a.startAt))).toMatchObject({
        recipientId: p.user.userId,
      });
  });
});

describe('teams and recognition', () => {
  it('a leader approves a member, who becomes a volunteer; the honour list ranks the month', async () => {
    const leader = await givenPerson('leader', cid, ['resident'], '队长老张');
    const code = (await openResidentAccount(cid, 'leader')).accountCode as string;
    const team = await createTeam({
      principal: sun.principal,
      communityId: cid,
      input: { name: '环境监督队', description: '巡查卫生死角', leaderAccountCode: code },
      now: t0,
    });
    expect(team).toMatchObject({ memberCount: 1, leaders: [{ userId: 'leader', nickname: '队长老张' }] });
    const [joiner] = await people('joiner', 1);
    expect(await joinTeam({ user: joiner!.user, communityId: cid, teamId: team.teamId, now: t0 })).toMatchObject({
      my: 'pending',
    });
    await expect(
      decideTeamMember({
        principal: joiner!.principal,
        communityId: cid,
        teamId: team.teamId,
        userId: 'joiner0',
        decision: 'approve',
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      await decideTeamMember({
        principal: leader.principal,
        communityId: cid,
        teamId: team.teamId,
        userId: 'joiner0',
        decision: 'approve',
        now: t0,
      }),
    ).toMatchObject({
      memberCount: 2,
    });

    // The leader organises in the team's name, and only for their team.
    const teamActivity = await createActivity({
      principal: leader.principal,
      communityId: cid,
      input: {
        title: '河道巡查',
        description: '沿河巡查',
        category: 'environment',
        place: '安泰河',
        startAt: hours(30, t0).toISOString(),
        endAt: hours(31, t0).toISOString(),
        signUpDeadline: hours(29, t0).toISOString(),
        capacity: 5,
        cancelCutoffHours: 1,
        pointsRule: { kind: 'fixed', amount: 8 },
        teamId: team.teamId,
      },
      now: t0,
    });
    expect(teamActivity).toMatchObject({ organiser: { kind: 'team', name: '环境监督队' }, canOrganise: true });
    await expect(
      createActivity({
        principal: leader.principal,
        communityId: cid,
        input: {
          ...teamActivity,
          teamId: undefined,
          title: '冒名活动',
          signUpDeadline: teamActivity.signUpDeadline,
          cancelCutoffHours: 1,
        },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 403 });

    const board = await honours(cid, '2030-03', t0);
    expect(board.month).toBe('2030-03');
    expect(board.items.every((x, i) => i === 0 || board.items[i - 1]!.minutes >= x.minutes)).toBe(true);
  });
});
