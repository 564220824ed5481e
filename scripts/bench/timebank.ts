import { MINUTE_MS, timebankRoutes, volunteerRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../../devstack/seed/personas';
import { signInMany, type Benchmark, type BenchContext } from './context';
import { besideRaw, cpuText, ms, rate, runLoad, type LoadResult } from './load';
import { SHAPES } from './baseline';

/**
 * 志愿 + 时间银行 on the local stack: hour approvals (each one a double-entry posting with its
 * idempotency key) and redemptions (points and stock moved in one transaction), as committee
 * members and residents would fire them, beside raw DynamoDB Local transactions in the same run.
 * Then the contention case: many residents after a small stock — exactly the stock is sold.
 */
const V = volunteerRoutes;
const T = timebankRoutes;
const VOLUNTEERS = 100;
const CONCURRENCY = 50;
const POINTS = 40;
const PRICE = 2;
const CONTESTED_STOCK = 25;
const CONTENDERS = 500;

const inMinutes = (m: number) => new Date(Date.now() + m * MINUTE_MS).toISOString();
let seq = 0;
const requestId = (what: string) => `bench-${what}-${Date.now().toString(36)}-${++seq}`;

function ok<T extends { status: number; body: unknown }>(res: T, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res;
}

/** An activity with every volunteer signed up and checked in: what the organiser reviews afterwards. */
async function checkedInActivity(ctx: BenchContext, organiser: string, volunteers: string[]) {
  const activity = ok(
    await ctx.call(V.createActivity, {
      token: organiser,
      params: { communityId: cid },
      body: {
        title: `基准测试：楼道清洁 ${Date.now().toString(36)}`,
        description: '基准测试活动',
        category: 'service',
        place: '社区服务中心',
        startAt: inMinutes(30),
        endAt: inMinutes(150),
        signUpDeadline: inMinutes(29),
        capacity: volunteers.length,
        cancelCutoffHours: 0,
        pointsRule: { kind: 'fixed', amount: POINTS },
      },
    }),
    'createActivity',
  ).body;
  const on = { communityId: cid, activityId: activity.activityId };
  for (const token of volunteers) ok(await ctx.call(V.signUp, { token, params: on }), 'signUp');
  for (const token of volunteers) {
    // The code rotates: each volunteer types the one the organiser's screen shows at that moment.
    const { shortCode } = ok(await ctx.call(V.attendanceCode, { token: organiser, params: on }), 'attendanceCode').body;
    ok(await ctx.call(V.recordAttendance, { token, params: on, body: { code: shortCode } }), 'checkIn');
  }
  const roster = ok(await ctx.call(V.roster, { token: organiser, params: on }), 'roster').body;
  return { on, userIds: roster.items.map((r) => r.userId) };
}

const row = (what: string, r: LoadResult, baseline: number) =>
  `| ${what} | ${r.requests} | ${ms(r.p50)} | ${ms(r.p99)} | ${rate(r.perSecond)} | ${(r.perSecond / baseline).toFixed(2)}× | ${r.errors} |`;

export const timebankBenchmark: Benchmark = {
  name: 'timebank',
  async run(ctx) {
    const sun = await ctx.signIn('sun');
    const volunteers = await signInMany(
      ctx,
      Array.from({ length: VOLUNTEERS }, (_, i) => `demo-openid-res_${String(i + 1).padStart(3, '0')}`),
    );
    ctx.log(`${VOLUNTEERS} volunteers signed in; signing up and checking in…`);
    const { on, userIds } = await checkedInActivity(ctx, sun, volunteers);

    // Approvals: 居委会 credits every volunteer's hours, 50 reviews in flight.
    let approvalOps: { reads: number; writes: number } | undefined;
    const approved = await besideRaw(
      (n) => ctx.raw.transactions(SHAPES.hoursApproval, n),
      (n, from) =>
        runLoad(n, CONCURRENCY, async (k) => {
          const i = from + k;
          const res = await ctx.call(V.reviewHours, {
            token: sun,
            params: { ...on, userId: userIds[i] as string },
            body: { decision: 'approve', minutes: 120, reason: '现场核实时长' },
          });
          approvalOps ??= res.dbOps;
          return res.status;
        }),
      // Two rounds of 50: each volunteer is approved once, every round at full concurrency.
      { requests: userIds.length, rawRequests: 300, rounds: 2, processes: ctx.processes },
    );
    const approvals = approved.route;
    ctx.log(`approvals: ${rate(approvals.perSecond)}, p99 ${ms(approvals.p99)}`);

    // Redemptions: each volunteer spends their points on a plentiful item, 50 orders in flight.
    const plentiful = ok(
      await ctx.call(T.createItem, {
        token: sun,
        params: { communityId: cid },
        body: {
          name: `基准测试：环保袋 ${Date.now().toString(36)}`,
          description: '基准测试',
          kind: 'gift',
          price: PRICE,
          initialStock: 5000,
          requestId: `bench-bag-${Date.now().toString(36)}`,
        },
      }),
      'createItem',
    ).body;
    const perVolunteer = POINTS / PRICE;
    let redemptionOps: { reads: number; writes: number } | undefined;
    const redeemed = await besideRaw(
      (n) => ctx.raw.transactions(SHAPES.redemption, n),
      (n, from) =>
        runLoad(n, CONCURRENCY, async (k) => {
          const i = from + k;
          const res = await ctx.call(T.redeem, {
            token: volunteers[i % VOLUNTEERS],
            params: { communityId: cid, itemId: plentiful.itemId },
            body: { quantity: 1, requestId: requestId('redeem') },
          });
          if (res.status === 201) redemptionOps ??= res.dbOps;
          return res.status;
        }),
      { requests: VOLUNTEERS * perVolunteer, rawRequests: 500, processes: ctx.processes },
    );
    const redemptions = redeemed.route;
    ctx.log(`redemptions: ${rate(redemptions.perSecond)}, p99 ${ms(redemptions.p99)}`);

    // Contention: 500 tries at a stock of 25 from residents who can still pay (fresh points first).
    const topUp = await checkedInActivity(ctx, sun, volunteers);
    for (const userId of topUp.userIds)
      ok(
        await ctx.call(V.reviewHours, {
          token: sun,
          params: { ...topUp.on, userId },
          body: { decision: 'approve', minutes: 120, reason: '现场核实时长' },
        }),
        'approve',
      );
    const scarce = ok(
      await ctx.call(T.createItem, {
        token: sun,
        params: { communityId: cid },
        body: {
          name: `基准测试：理发券 ${Date.now().toString(36)}`,
          description: '限量',
          kind: 'service',
          price: PRICE,
          initialStock: CONTESTED_STOCK,
          requestId: `bench-cut-${Date.now().toString(36)}`,
        },
      }),
      'createItem',
    ).body;
    const contention = await runLoad(
      CONTENDERS,
      CONCURRENCY,
      async (i) =>
        (
          await ctx.call(T.redeem, {
            token: volunteers[i % VOLUNTEERS],
            params: { communityId: cid, itemId: scarce.itemId },
            body: { quantity: 1, requestId: requestId('contend') },
          })
        ).status,
    );
    const catalogue = ok(
      await ctx.call(T.catalogue, { token: sun, params: { communityId: cid }, query: { include: 'all' } }),
      'catalogue',
    ).body;
    const after = catalogue.items.find((i) => i.itemId === scarce.itemId);
    const audit = ok(await ctx.call(T.runAudit, { token: sun, params: { communityId: cid } }), 'audit').body;

    const sold = contention.statuses[201] ?? 0;
    const ops = (o?: { reads: number; writes: number }) => (o ? `${o.reads} R + ${o.writes} W` : 'n/a');
    return {
      title: '志愿 + 时间银行: approvals, redemptions and a contested stock',
      goals: [
        {
          measure: 'hours approval (request path), 50 in flight',
          value: approved.ratio,
          cpu: approved.cpu,
          goal: 0.25,
          kind: 'atLeast',
          unit: '×',
          baseline: `raw TransactWriteItems of its shape (8 writes): ${rate(approved.rawPerSecond)} (API ${rate(approvals.perSecond)}, p50 ${ms(approvals.p50)}). CPU per request: ${cpuText(approved.cpu.route)}; per raw transaction: ${cpuText(approved.cpu.raw)}`,
        },
        {
          measure: 'redemption (request path), 50 in flight',
          value: redeemed.ratio,
          cpu: redeemed.cpu,
          goal: 0.25,
          kind: 'atLeast',
          unit: '×',
          baseline: `raw TransactWriteItems of its shape (5 writes): ${rate(redeemed.rawPerSecond)} (API ${rate(redemptions.perSecond)}, p50 ${ms(redemptions.p50)}). CPU per request: ${cpuText(redeemed.cpu.route)}; per raw transaction: ${cpuText(redeemed.cpu.raw)}`,
        },
      ],
      markdown: [
        `${VOLUNTEERS} residents; ${CONCURRENCY} requests in flight against serverless-offline + DynamoDB Local. Each approval posts ${POINTS} points (issuance → resident) with its idempotency key; each redemption moves points (resident → issuance) and one piece of stock (stock → redeemed) in one transaction.`,
        '',
        '| operation | requests | p50 | p99 | per second | vs raw transactions/s | errors (5xx) |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        row('approve hours (posting + registration + stats + intent)', approvals, approved.rawPerSecond),
        row('redeem (points + stock + order)', redemptions, redeemed.rawPerSecond),
        row(`contested redeem (stock ${CONTESTED_STOCK})`, contention, redeemed.rawPerSecond),
        '',
        `Approvals are compared with raw TransactWriteItems of their shape (8 writes: 2 puts, 6 updates, 4 conditional: ${rate(approved.rawPerSecond)}), redemptions and the contested ones with that of a redemption (5 writes: 2 puts, 3 updates, 4 conditional: ${rate(redeemed.rawPerSecond)}), each measured just before and after.`,
        '',
        `DynamoDB calls per request (x-linli-db-ops, the pipeline's user read and rate-limit write included): approval ${ops(approvalOps)}, redemption ${ops(redemptionOps)}.`,
        '',
        `Contested stock: ${sold} orders for a stock of ${CONTESTED_STOCK} (${contention.statuses[409] ?? 0} answered 409), stock left ${after?.stock ?? '?'}, redeemed ${after?.redeemed ?? '?'}; ledger audit after the run: ${audit.passed ? 'passed' : 'FAILED'} (${audit.mismatches.length} mismatches, ${audit.belowZero.length} accounts below zero).`,
      ].join('\n'),
    };
  },
};
