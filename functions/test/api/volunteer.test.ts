import { API, MINUTE_MS } from '@linli/shared';
import { readSheet } from 'read-excel-file/node';
import { DEMO_COMMUNITY_ID as cid, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { call, eventually, raw, signIn, step } from './http';

/**
 * The volunteer and time-bank API through real HTTP on the local stack: the concurrency the issue
 * names (50 sign-ups for 10 places, 50 redemptions of a stock of 5, one approval sent 20 times),
 * validation and object-level authorisation, and the committee's audit and export.
 */
const V = API.volunteer;
const T = API.timebank;

const residents = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `demo-openid-res_${String(from + i).padStart(3, '0')}`);
/** Signs people in one after another: setup, not the load under test. */
async function tokensOf(openids: string[]) {
  const tokens: string[] = [];
  for (const openid of openids) tokens.push(await signIn({ openid }));
  return tokens;
}
const inMinutes = (m: number) => new Date(Date.now() + m * MINUTE_MS).toISOString();
let seq = 0;
const requestId = () => `api-test-${Date.now()}-${++seq}`;

async function publish(token: string, over: Record<string, unknown> = {}) {
  seq++;
  const res = await call(V.createActivity, {
    token,
    params: { communityId: cid },
    body: {
      title: `接口测试活动${seq}`,
      description: '由接口测试发布',
      category: 'service',
      place: '社区服务中心',
      startAt: inMinutes(30),
      endAt: inMinutes(150),
      signUpDeadline: inMinutes(29),
      capacity: 10,
      cancelCutoffHours: 0,
      pointsRule: { kind: 'fixed', amount: 10 },
      ...over,
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

jest.setTimeout(240_000);

let sun: string;
beforeAll(async () => {
  sun = await signIn('sun');
});

describe('sign-up', () => {
  it('50 simultaneous sign-ups for 10 places: exactly 10 confirmed, 40 waiting in order', async () => {
    const activity = await publish(sun, { capacity: 10 });
    const tokens = await tokensOf(residents(1, 50));
    const answers = await Promise.all(
      tokens.map((token) => call(V.signUp, { token, params: { communityId: cid, activityId: activity.activityId } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.filter((a) => a.body.mine?.status === 'confirmed')).toHaveLength(10);
    const roster = await call(V.roster, { token: sun, params: { communityId: cid, activityId: activity.activityId } });
    expect(roster.body.activity).toMatchObject({ confirmed: 10, waitlisted: 40 });
    expect(roster.body.items.filter((r) => r.status === 'waitlisted').map((r) => r.waitPosition)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );

    // A confirmed volunteer withdraws: the first in line takes the place.
    const firstWaiter = roster.body.items.find((r) => r.waitPosition === 1)!;
    const leaver = answers.findIndex((a) => a.body.mine?.status === 'confirmed');
    const left = await call(V.cancelSignUp, {
      token: tokens[leaver],
      params: { communityId: cid, activityId: activity.activityId },
    });
    expect(left.body).toMatchObject({ confirmed: 10, waitlisted: 39, mine: { status: 'cancelled' } });
    const after = await call(V.roster, { token: sun, params: { communityId: cid, activityId: activity.activityId } });
    expect(after.body.items.find((r) => r.userId === firstWaiter.userId)?.status).toBe('confirmed');
  });

  it('answers 400 naming the field, 404 for unknown activities, 403 to strangers and to other communities', async () => {
    const bad = await call(V.createActivity, {
      token: sun,
      params: { communityId: cid },
      body: { title: '', capacity: 0 } as never,
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(expect.arrayContaining(['body.title', 'body.capacity']));
    const backwards = await raw('POST', `/communities/${cid}/volunteer/activities`, {
      token: sun,
      body: JSON.stringify({
        title: '时间颠倒',
        description: 'x',
        category: 'service',
        place: 'x',
        startAt: inMinutes(120),
        endAt: inMinutes(60),
        signUpDeadline: inMinutes(30),
        capacity: 2,
        cancelCutoffHours: 1,
        pointsRule: { kind: 'fixed', amount: 1 },
      }),
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('结束时间应晚于开始时间');

    const wang = await signIn('wang');
    expect((await call(V.signUp, { token: wang, params: { communityId: cid, activityId: 'nope' } })).status).toBe(404);
    const activity = await publish(sun);
    // A resident who organises nothing may not see the roster or the code; another community's committee sees nothing.
    expect(
      (await call(V.roster, { token: wang, params: { communityId: cid, activityId: activity.activityId } })).status,
    ).toBe(403);
    expect(
      (await call(V.attendanceCode, { token: wang, params: { communityId: cid, activityId: activity.activityId } }))
        .status,
    ).toBe(403);
    const wu = await signIn('wu');
    expect(
      (await call(V.getActivity, { token: wu, params: { communityId: cid, activityId: activity.activityId } })).status,
    ).toBe(403);
    expect(
      (
        await call(V.getActivity, {
          token: wu,
          params: { communityId: OTHER_COMMUNITY_ID, activityId: activity.activityId },
        })
      ).status,
    ).toBe(404);
    // Residents may not publish in the committee's name.
    const own = await raw('POST', `/communities/${cid}/volunteer/activities`, {
      token: wang,
      body: JSON.stringify({
        title: '冒名活动',
        description: 'x',
        category: 'service',
        place: 'x',
        startAt: inMinutes(120),
        endAt: inMinutes(180),
        signUpDeadline: inMinutes(60),
        capacity: 2,
        cancelCutoffHours: 1,
        pointsRule: { kind: 'fixed', amount: 1 },
      }),
    });
    expect(own.status).toBe(403);
  });
});

// 'hours and points' is one journey (points credited, then spent, given away and audited): a test may run
// the steps before it (with --randomize, all of them).
jest.setTimeout(240_000);

describe('hours and points', () => {
  let item: { itemId: string };
  let volunteers: string[];

  const hoursCredited = step(async () => {
    const activity = await publish(sun, { capacity: 10, pointsRule: { kind: 'fixed', amount: 50 } });
    volunteers = await tokensOf(residents(51, 10));
    for (const token of volunteers)
      expect(
        (await call(V.signUp, { token, params: { communityId: cid, activityId: activity.activityId } })).status,
      ).toBe(200);
    const code = await call(V.attendanceCode, {
      token: sun,
      params: { communityId: cid, activityId: activity.activityId },
    });
    expect(code.body.shortCode).toMatch(/^\d{6}$/);
    const checkIns = await Promise.all(
      volunteers.map(async (token) => {
        const { shortCode } = (
          await call(V.attendanceCode, { token: sun, params: { communityId: cid, activityId: activity.activityId } })
        ).body;
        return call(V.recordAttendance, {
          token,
          params: { communityId: cid, activityId: activity.activityId },
          body: { code: shortCode },
        });
      }),
    );
    expect(checkIns.map((c) => c.body.action)).toEqual(Array(10).fill('checkIn'));
    const roster = await call(V.roster, { token: sun, params: { communityId: cid, activityId: activity.activityId } });
    const [first, ...rest] = roster.body.items;

    // The same approval, 20 times at once: one posting, the same answer each time.
    const approve = () =>
      call(V.reviewHours, {
        token: sun,
        params: { communityId: cid, activityId: activity.activityId, userId: first!.userId },
        body: { decision: 'approve', minutes: 90, reason: '现场核实时长', round: first!.approvalRound },
      });
    const twenty = await Promise.all(Array.from({ length: 20 }, approve));
    expect(twenty.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(twenty.map((a) => JSON.stringify(a.body)))).toHaveProperty('size', 1);

    for (const r of rest)
      expect(
        (
          await call(V.reviewHours, {
            token: sun,
            params: { communityId: cid, activityId: activity.activityId, userId: r.userId },
            body: { decision: 'approve', minutes: 60, reason: '现场核实时长' },
          })
        ).body,
      ).toMatchObject({ hoursState: 'approved', points: 50 });
    const wallets = await Promise.all(
      volunteers.map((token) => call(T.wallet, { token, params: { communityId: cid } })),
    );
    expect(wallets.map((w) => w.body.balance)).toEqual(Array(10).fill(50));
    expect(wallets.every((w) => w.body.movements.filter((m) => m.kind === 'hours').length === 1)).toBe(true);
  });
  it('volunteers check in with the typed code and the organiser credits their hours', hoursCredited);

  const stockRedeemed = step(async () => {
    await hoursCredited();
    const created = await call(T.createItem, {
      token: sun,
      params: { communityId: cid },
      body: {
        name: `接口测试礼品${Date.now()}`,
        description: '限量',
        kind: 'gift',
        price: 20,
        initialStock: 5,
        requestId: requestId(),
      },
    });
    expect(created.status).toBe(201);
    item = created.body;
    // Each has 50 points: enough for two at 20, so both the stock and the balances are contested.
    const buyers = volunteers.flatMap((token) => Array(5).fill(token) as string[]);
    const answers = await Promise.all(
      buyers.map((token) =>
        call(T.redeem, {
          token,
          params: { communityId: cid, itemId: item.itemId },
          body: { quantity: 1, requestId: requestId() },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(45);
    const catalogue = await call(T.catalogue, { token: sun, params: { communityId: cid }, query: { include: 'all' } });
    expect(catalogue.body.items.find((i) => i.itemId === item.itemId)).toMatchObject({
      stock: 0,
      redeemed: 5,
      available: false,
    });
    const balances = await Promise.all(
      volunteers.map(async (token) => (await call(T.wallet, { token, params: { communityId: cid } })).body.balance),
    );
    expect(balances.every((b) => b === 50 || b === 30 || b === 10)).toBe(true);
    expect(balances.reduce((s, b) => s + b, 0)).toBe(10 * 50 - 5 * 20);

    // The committee fulfils one by its code; the resident cancels another and gets points and stock back.
    const [o1, o2] = answers.filter((a) => a.status === 201).map((a) => a.body);
    expect(
      (await call(T.fulfil, { token: sun, params: { communityId: cid, orderCode: o1!.orderCode } })).body,
    ).toMatchObject({ status: 'fulfilled' });
    const owner = buyers[answers.findIndex((a) => a.body.orderCode === o2!.orderCode)]!;
    const before = (await call(T.wallet, { token: owner, params: { communityId: cid } })).body.balance;
    expect(
      (await call(T.cancelOrder, { token: owner, params: { communityId: cid, orderCode: o2!.orderCode } })).body,
    ).toMatchObject({ status: 'cancelled' });
    expect((await call(T.wallet, { token: owner, params: { communityId: cid } })).body.balance).toBe(before + 20);
    // Someone else's order is not found, a fulfilled one cannot be cancelled.
    expect(
      (
        await call(T.cancelOrder, {
          token: volunteers.find((t) => t !== owner),
          params: { communityId: cid, orderCode: o2!.orderCode },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(T.getPickup, { token: owner, params: { communityId: cid, orderCode: o1!.orderCode } })).status,
    ).toBe(403);
  });
  it(
    '50 simultaneous redemptions (10 people, 5 each) of a stock of 5: exactly 5 orders, nobody overdrawn',
    stockRedeemed,
  );

  const pointsDonated = step(async () => {
    await stockRedeemed();
    const [giver] = volunteers.slice(-1);
    const w = await call(T.wallet, { token: giver, params: { communityId: cid } });
    const neighbour = await call(T.wallet, { token: await signIn('wang'), params: { communityId: cid } });
    const found = await call(T.findAccount, {
      token: giver,
      params: { communityId: cid, accountCode: neighbour.body.accountCode },
    });
    expect(found.body.nickname).toContain('*');
    const give = await call(T.donate, {
      token: giver,
      params: { communityId: cid },
      body: { to: neighbour.body.accountCode, amount: w.body.balance, requestId: requestId() },
    });
    expect(give.status).toBe(201);
    expect(give.body.balance).toBe(0);
    expect(
      (
        await call(T.donate, {
          token: giver,
          params: { communityId: cid },
          body: { to: 'fund', amount: 1, requestId: requestId() },
        })
      ).status,
    ).toBe(409);
    const junk = await raw('POST', `/communities/${cid}/timebank/donations`, {
      token: giver,
      body: JSON.stringify({ to: 'fund', amount: -3, requestId: 'x', extra: 1 }),
    });
    expect(junk.status).toBe(400);
    expect(JSON.stringify(junk.body)).toMatch(/body\.amount|body\.requestId|不认识的字段/);
  });
  it('donations need enough points and a real account; bad input is a 400', pointsDonated);

  const ledgerAudited = step(async () => {
    await pointsDonated();
    const audit = await call(T.runAudit, { token: sun, params: { communityId: cid } });
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({ passed: true, mismatches: [], unbalanced: [], belowZero: [], pointsTotal: 0 });
    const exported = await call(API.timebankExport.exportLedger, {
      token: sun,
      params: { communityId: cid },
      body: {},
    });
    expect(exported.status).toBe(201);
    const file = Buffer.from(await (await fetch(exported.body.url)).arrayBuffer());
    const rows = (await readSheet(file)) as unknown[][];
    expect(rows[0]).toEqual([
      '时间',
      '记账编号',
      '类型',
      '账户',
      '账户名称',
      '金额',
      '单位',
      '摘要',
      '经办人',
      '冲正原记录',
    ]);
    expect(rows.length - 1).toBe(exported.body.rows);
    // Double entry, checked the way an accountant would: each posting's points rows sum to zero.
    const sums = new Map<string, number>();
    for (const r of rows.slice(1))
      if (r[6] === '积分') sums.set(String(r[1]), (sums.get(String(r[1])) ?? 0) + Number(r[5]));
    expect([...sums.values()].every((s) => s === 0)).toBe(true);
    expect(
      (
        await call(API.timebankExport.exportLedger, {
          token: await signIn('wang'),
          params: { communityId: cid },
          body: {},
        })
      ).status,
    ).toBe(403);
  });
  it('the audit finds no mismatch, and the ledger exports to .xlsx with one row per entry', ledgerAudited);
});

describe('organisers cancel, remove and name leaders', () => {
  const inboxTitled = (token: string, title: string, activityId: string) => async () =>
    (await call(API.notifications.listInbox, { token, query: { limit: 50 } })).body.items.find(
      (i) => i.title === title && (i.link ?? '').includes(activityId),
    );

  it('removes one volunteer (the waiter moves up, the removed one is told), then cancels the activity once and tells everyone left', async () => {
    const activity = await publish(sun, { capacity: 2 });
    const [a, b, waiter, late] = await tokensOf(residents(61, 4));
    expect(b).toBeDefined();
    const at = { communityId: cid, activityId: activity.activityId };
    for (const token of [a, b, waiter]) expect((await call(V.signUp, { token, params: at })).status).toBe(200);
    const roster = await call(V.roster, { token: sun, params: at });
    const [first] = roster.body.items;

    const noReason = await call(V.removeRegistration, {
      token: sun,
      params: { ...at, userId: first!.userId },
      body: {} as never,
    });
    expect(noReason.status).toBe(400);
    expect(
      (
        await call(V.removeRegistration, {
          token: waiter,
          params: { ...at, userId: first!.userId },
          body: { reason: '冒名' },
        })
      ).status,
    ).toBe(403);
    const removed = await call(V.removeRegistration, {
      token: sun,
      params: { ...at, userId: first!.userId },
      body: { reason: '重复报名' },
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'cancelled', removedReason: '重复报名' });
    const retried = await call(V.removeRegistration, {
      token: sun,
      params: { ...at, userId: first!.userId },
      body: { reason: '重复报名' },
    });
    expect(retried.body).toMatchObject({ status: 'cancelled' });
    expect((await call(V.getActivity, { token: waiter, params: at })).body).toMatchObject({
      confirmed: 2,
      waitlisted: 0,
      mine: { status: 'confirmed' },
    });
    // Sign-ups were one after another: the first on the roster is a.
    const removedToken = a!;
    expect((await call(V.getActivity, { token: removedToken, params: at })).body.mine).toEqual({
      status: 'cancelled',
      removedReason: '重复报名',
    });
    await eventually(inboxTitled(removedToken, '报名已被组织者取消', activity.activityId), 'the removal in the inbox');

    expect((await call(V.cancelActivity, { token: waiter, params: at, body: { reason: '不想去了' } })).status).toBe(
      403,
    );
    const cancelled = await call(V.cancelActivity, { token: sun, params: at, body: { reason: '暴雨预警，活动改期' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ phase: 'cancelled', cancelReason: '暴雨预警，活动改期' });
    const again = await call(V.cancelActivity, { token: sun, params: at, body: { reason: '再取消一次' } });
    expect(again.body).toMatchObject({ cancelledAt: cancelled.body.cancelledAt, cancelReason: '暴雨预警，活动改期' });
    expect((await call(V.signUp, { token: late, params: at })).status).toBe(409);
    expect((await call(V.attendanceCode, { token: sun, params: at })).status).toBe(409);
    // The dispatcher expands the one intent to everyone still signed up; the removed volunteer is not among them.
    await eventually(inboxTitled(waiter!, '志愿活动已取消', activity.activityId), "the waiter's cancellation notice");
    const removedInbox = (await call(API.notifications.listInbox, { token: removedToken, query: { limit: 50 } })).body
      .items;
    expect(removedInbox.some((i) => i.title === '志愿活动已取消' && (i.link ?? '').includes(activity.activityId))).toBe(
      false,
    );
    const listed = await call(V.listActivities, {
      token: late,
      params: { communityId: cid },
      query: { view: 'upcoming', limit: 50 },
    });
    expect(listed.body.items.find((x) => x.activityId === activity.activityId)).toMatchObject({ phase: 'cancelled' });
  });

  it('the committee names a leader from the team’s members; others may not', async () => {
    const [leader, member, pending] = await tokensOf(residents(71, 3));
    const leaderCode = (await call(T.wallet, { token: leader, params: { communityId: cid } })).body.accountCode;
    const team = await call(V.createTeam, {
      token: sun,
      params: { communityId: cid },
      body: { name: `接口测试队${Date.now() % 100_000}`, description: '接口测试', leaderAccountCode: leaderCode },
    });
    expect(team.status).toBe(201);
    const at = { communityId: cid, teamId: team.body.teamId };
    await call(V.joinTeam, { token: member, params: at });
    await call(V.joinTeam, { token: pending, params: at });
    const requests = (await call(V.listTeamMembers, { token: leader, params: at })).body.items.filter(
      (m) => m.status === 'pending',
    );
    const memberId = requests[0]!.userId;
    const pendingId = requests[1]!.userId;
    expect(
      (
        await call(V.decideTeamMember, {
          token: leader,
          params: { ...at, userId: memberId },
          body: { decision: 'approve' },
        })
      ).body,
    ).toMatchObject({ memberCount: 2 });

    expect((await call(V.setTeamLeader, { token: leader, params: at, body: { userId: memberId } })).status).toBe(403);
    expect((await call(V.setTeamLeader, { token: sun, params: at, body: { userId: pendingId } })).status).toBe(409);
    const named = await call(V.setTeamLeader, { token: sun, params: at, body: { userId: memberId } });
    expect(named.status).toBe(200);
    expect(named.body.leaders.map((l) => l.userId)).toContain(memberId);
    expect((await call(V.listTeamMembers, { token: member, params: at })).status).toBe(200);
  });

  it('a retried 上架 answers the first item; another item of the same name is 409', async () => {
    const body = {
      name: `接口重试礼品${Date.now()}`,
      description: '重试',
      kind: 'gift' as const,
      price: 5,
      initialStock: 3,
      requestId: requestId(),
    };
    const first = await call(T.createItem, { token: sun, params: { communityId: cid }, body });
    const retry = await call(T.createItem, { token: sun, params: { communityId: cid }, body });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toMatchObject({ itemId: first.body.itemId, stock: 3 });
    expect(
      (
        await call(T.createItem, {
          token: sun,
          params: { communityId: cid },
          body: { ...body, requestId: requestId() },
        })
      ).status,
    ).toBe(409);
  });
});
