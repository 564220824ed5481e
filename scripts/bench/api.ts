import { identityApi, PRIVACY_GUIDELINE, rosterRoutes, type RouteContract, type RequestOf } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../../devstack/seed/personas';
import { signInMany, type BenchContext, type Benchmark } from './context';
import { besideRaw, cpuText, ms, rate, runLoad } from './load';

const LEVELS = [1, 10, 50];

/**
 * p50/p99 and throughput of a route at 1, 10 and 50 clients in flight, with the DynamoDB calls one
 * request makes (from the local stack's x-linli-db-ops header).
 */
export async function routeRows<C extends RouteContract>(
  ctx: BenchContext,
  label: string,
  contract: C,
  request: (i: number) => Promise<Partial<RequestOf<C>> & { token?: string }>,
  opts: { requests?: number; baselineKey?: 'getsPerSecond' | 'putsPerSecond' | 'transactionsPerSecond' } = {},
): Promise<string[]> {
  const sample = await ctx.call(contract, await request(0));
  const ops = sample.dbOps ? `${sample.dbOps.reads} R + ${sample.dbOps.writes} W` : 'n/a';
  const rows: string[] = [];
  const baseline = ctx.baseline[opts.baselineKey ?? 'getsPerSecond'];
  for (const concurrency of LEVELS) {
    const result = await runLoad(
      opts.requests ?? Math.max(100, concurrency * 20),
      concurrency,
      async (i) => (await ctx.call(contract, await request(i))).status,
    );
    ctx.log(
      `${label} @${concurrency}: ${rate(result.perSecond)} p50 ${ms(result.p50)} p99 ${ms(result.p99)} errors ${result.errors}`,
    );
    rows.push(
      `| ${label} | ${concurrency} | ${ms(result.p50)} | ${ms(result.p99)} | ${rate(result.perSecond)} | ${(result.perSecond / baseline).toFixed(2)} | ${ops} | ${result.errors} |`,
    );
  }
  return rows;
}

export const ROUTE_TABLE_HEADER = [
  '| route | clients | p50 | p99 | throughput | ÷ raw DynamoDB | DynamoDB calls per request | 5xx |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];

/** The foundation's main read and write routes on the local stack. */
export const apiLatency: Benchmark = {
  name: 'api',
  async run(ctx) {
    const residents = await signInMany(
      ctx,
      Array.from({ length: 50 }, (_, i) => `bench-resident-${i}`),
    );
    const committee = await ctx.signIn('sun');
    const overview = (
      await ctx.call(rosterRoutes.overview, { token: committee, params: { communityId: DEMO_COMMUNITY_ID } })
    ).body;
    const building = overview.buildings[0]!.buildingId;
    const rows = [
      ...(await routeRows(ctx, 'GET /me', identityApi.getMe, async (i) => ({ token: residents[i % 50] }))),
      ...(await routeRows(ctx, 'GET roster overview', rosterRoutes.overview, async () => ({
        token: committee,
        params: { communityId: DEMO_COMMUNITY_ID },
      }))),
      ...(await routeRows(ctx, 'GET units of a building (20)', rosterRoutes.listUnits, async () => ({
        token: committee,
        params: { communityId: DEMO_COMMUNITY_ID },
        query: { buildingId: building, limit: 20 },
      }))),
      ...(await routeRows(
        ctx,
        'POST privacy consent (write)',
        identityApi.acceptPrivacy,
        async (i) => ({ token: residents[i % 50], body: { version: PRIVACY_GUIDELINE.version } }),
        { baselineKey: 'putsPerSecond' },
      )),
    ];
    // The goal figure: GET /me at 50 in flight, bracketed by raw consistent GetItems at 50 in flight.
    const me = await besideRaw(
      (n) => ctx.raw.gets(n),
      (n, from) =>
        runLoad(n, 50, async (i) => (await ctx.call(identityApi.getMe, { token: residents[(from + i) % 50] })).status),
      { requests: 1000, processes: ctx.processes },
    );
    ctx.log(
      `GET /me @50 beside raw GetItem: ${rate(me.route.perSecond)} ÷ ${rate(me.rawPerSecond)} = ${me.ratio.toFixed(2)}`,
    );
    return {
      title: 'API on the local stack: identity and roster routes',
      goals: [
        {
          measure: 'GET /me, 50 in flight (a single-read route)',
          value: me.ratio,
          goal: 0.5,
          kind: 'atLeast',
          unit: '×',
          cpu: me.cpu,
          baseline: `raw consistent GetItem, 50 in flight: ${rate(me.rawPerSecond)} (API ${rate(me.route.perSecond)}, p99 ${ms(me.route.p99)}). CPU per request: ${cpuText(me.cpu.route)}; per raw GetItem: ${cpuText(me.cpu.raw)}`,
        },
      ],
      markdown: [
        'Every request is authenticated (one consistent BatchGetItem loads the caller and the session their token names) and validated; write routes also count against the caller\'s rate budget (disabled for this run). "÷ raw DynamoDB" divides the route\'s throughput by the raw DynamoDB Local rate of the same kind measured at the start of this run.',
        '',
        ...ROUTE_TABLE_HEADER,
        ...rows,
      ].join('\n'),
    };
  },
};
