import {
  API,
  buildingIdOf,
  DAY_MS,
  type GrievanceDetail,
  HOUR_MS,
  type RouteContract,
  grievanceRoutes,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID as C } from '../../devstack/seed/personas';
import type { Benchmark, BenchContext } from './context';
import { besideRaw, cpuText, ms, rate, runLoad, type LoadResult } from './load';
import { SHAPES } from './baseline';

/**
 * 诉求 on the local stack: submit, list and read latency with 50 clients in flight (each a different
 * resident), and the DynamoDB calls every route makes, counted by the API's own diagnostics header
 * (`x-linli-db-ops`, the pipeline's user read and rate-limit write included).
 */
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
const CLIENTS = 50;
const BUILDINGS = ['1栋', '2栋', '3栋', '4栋', '5栋', '6栋'].map((b) => buildingIdOf(C, b));
const CATEGORIES = ['repair', 'sanitation', 'noise', 'parking', 'safety'];

type Call = BenchContext['call'];

/** DynamoDB calls of each route, walking one request through its whole life. */
async function opsPerRoute(
  ctx: BenchContext,
  tokens: { resident: string; neighbour: string; worker: string; committee: string },
) {
  const rows: [string, { reads: number; writes: number } | undefined, string][] = [];
  const measure = async <T>(contract: RouteContract, req: Parameters<Call>[1], note = '') => {
    const res = await ctx.call(contract, req);
    if (res.status >= 300) throw new Error(`${contract.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    rows.push([contract.id, res.dbOps, note]);
    return res.body as T;
  };
  const community = { communityId: C };
  const on = (c: GrievanceDetail) => ({ communityId: C, grievanceId: c.grievanceId });
  await measure(G.getSettings, { token: tokens.resident, params: community });
  await measure(
    G.suggestDuplicates,
    { token: tokens.resident, params: community, query: { category: 'repair', buildingId: BUILDINGS[2] } },
    'bounded by 30 days of public requests',
  );
  let c = await measure<GrievanceDetail>(G.submit, {
    token: tokens.resident,
    params: community,
    body: {
      clientRequestId: `ops${Date.now().toString(36)}`,
      category: 'repair',
      description: '基准测试：楼道灯不亮',
      location: { kind: 'building', buildingId: BUILDINGS[2] as string },
      visibility: 'public',
    },
  });
  await measure(G.listMine, { token: tokens.resident, params: community });
  await measure(G.listCommunity, { token: tokens.resident, params: community });
  await measure(G.get, { token: tokens.resident, params: on(c) });
  await measure(G.summary, { token: tokens.neighbour, params: on(c) });
  await measure(G.support, { token: tokens.neighbour, params: on(c) });
  await measure(G.listFollowing, { token: tokens.neighbour, params: community }, 'plus one BatchGet of the page');
  await measure(G.listQueue, { token: tokens.worker, params: community });
  await measure(G.postMessage, {
    token: tokens.resident,
    params: on(c),
    body: { clientMessageId: 'ops1', text: '麻烦尽快' },
  });
  await measure(G.addNote, { token: tokens.worker, params: on(c), body: { clientNoteId: 'ops1', text: '已联系物业' } });
  c = await measure<GrievanceDetail>(G.accept, { token: tokens.worker, params: on(c), body: { version: c.version } });
  c = await measure<GrievanceDetail>(G.commit, {
    token: tokens.worker,
    params: on(c),
    body: {
      version: c.version,
      text: '今天更换',
      dueBy: new Date(Date.parse(c.dueAt as string) - HOUR_MS).toISOString(),
    },
  });
  c = await measure<GrievanceDetail>(G.resolve, {
    token: tokens.worker,
    params: on(c),
    body: { version: c.version, note: '已更换' },
  });
  c = await measure<GrievanceDetail>(
    G.rate,
    { token: tokens.resident, params: on(c), body: { version: c.version, rating: 'unsatisfied', comment: '还是不亮' } },
    '不满意: reopens one level up',
  );
  c = await measure<GrievanceDetail>(G.escalate, {
    token: tokens.committee,
    params: on(c),
    body: { version: c.version, reason: '需要街道协调' },
  });
  await measure(
    API.agoraPolls.createTopic,
    {
      token: tokens.committee,
      params: community,
      body: {
        title: '楼道灯长期不亮',
        description: '由诉求转为议题',
        sourceGrievanceId: c.grievanceId,
        requestId: `bench${Date.now().toString(36)}`,
      },
    },
    '转为议题: topic + link + timeline in one transaction',
  );
  await measure(
    G.dashboard,
    { token: tokens.committee, params: community },
    "the month's requests + open queue + grids",
  );
  await measure(
    API.grievanceLedger.exportLedger,
    {
      token: tokens.committee,
      params: community,
      body: {
        from: new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10),
        to: new Date().toISOString().slice(0, 10),
      },
    },
    '+ S3 put',
  );
  return rows;
}

function loadRow(label: string, r: LoadResult, baselinePerSecond: number, baselineLabel: string): string {
  return `| ${label} | ${r.requests} | ${ms(r.p50)} | ${ms(r.p99)} | ${rate(r.perSecond)} | ${(r.perSecond / baselinePerSecond).toFixed(3)} × ${baselineLabel} | ${r.errors} |`;
}

export const grievancesBenchmark: Benchmark = {
  name: 'grievances',
  async run(ctx) {
    ctx.log(`signing in ${CLIENTS} residents…`);
    const residents: string[] = [];
    for (let i = 1; i <= CLIENTS; i++)
      residents.push(await ctx.signIn({ openid: `demo-openid-res_${String(i).padStart(3, '0')}` }));
    const tokens = {
      resident: await ctx.signIn('wang'),
      neighbour: await ctx.signIn('li'),
      worker: await ctx.signIn('liu'),
      committee: await ctx.signIn('sun'),
    };

    ctx.log('counting DynamoDB calls per route…');
    const ops = await opsPerRoute(ctx, tokens);

    ctx.log(`submit: 200 requests, ${CLIENTS} in flight…`);
    const created: string[] = [];
    const submitted = await besideRaw(
      (n) => ctx.raw.transactions(SHAPES.grievanceSubmit, n),
      (n, from) =>
        runLoad(n, CLIENTS, async (k) => {
          const i = from + k;
          const res = await ctx.call(G.submit, {
            token: residents[i % CLIENTS] as string,
            params: { communityId: C },
            body: {
              clientRequestId: `bench${i}${Date.now().toString(36)}`,
              category: CATEGORIES[i % CATEGORIES.length] as string,
              description: `基准测试诉求 ${i}：楼道杂物堆放`,
              location: { kind: 'building', buildingId: BUILDINGS[i % BUILDINGS.length] as string },
              visibility: i % 4 === 0 ? 'private' : 'public',
              anonymous: i % 8 === 1,
            },
          });
          if (res.status === 201) created.push((res.body as GrievanceDetail).grievanceId);
          return res.status;
        }),
      { requests: 200, rawRequests: 500, processes: ctx.processes },
    );
    const submit = submitted.route;

    ctx.log(`list: 500 community pages, ${CLIENTS} in flight…`);
    const listed = await besideRaw(
      (n) => ctx.raw.gets(n),
      (n, from) =>
        runLoad(
          n,
          CLIENTS,
          async (k) =>
            (
              await ctx.call(G.listCommunity, {
                token: residents[(from + k) % CLIENTS] as string,
                params: { communityId: C },
                query: { limit: 20 },
              })
            ).status,
        ),
      { requests: 500, rawRequests: 1000, processes: ctx.processes },
    );
    const list = listed.route;
    // The same page queried raw: what DynamoDB Local alone makes of 20 requests, as the API's query asks.
    const { grievanceFeed } = await import('../../functions/src/db/entities/grievance');
    const rawPage = await besideRaw(
      (n) => ctx.raw.gets(n),
      (n) => ctx.raw.queries('GSI1', grievanceFeed(C, 'public'), 20, n),
      { requests: 500, rawRequests: 1000, processes: ctx.processes },
    );
    ctx.log(`raw Query of the page: ${rate(rawPage.route.perSecond)}, ${rawPage.ratio.toFixed(2)}× raw GetItem`);

    ctx.log(`read: 500 details, ${CLIENTS} in flight…`);
    const read = await runLoad(500, CLIENTS, async (i) => {
      const reader = i % CLIENTS;
      // Each reader opens requests they may see: their own (any visibility) or a neighbour's public one.
      const id = created[(reader + CLIENTS * (i % 4)) % created.length] as string;
      return (
        await ctx.call(G.get, { token: residents[reader] as string, params: { communityId: C, grievanceId: id } })
      ).status;
    });
    const readOk = (read.statuses[200] ?? 0) + (read.statuses[404] ?? 0);

    const b = ctx.baseline;
    return {
      title: '诉求 (grievances): latency at 50 clients and DynamoDB calls per route',
      goals: [
        {
          measure: '诉求 list page (one Query of 20), 50 in flight',
          value: listed.ratio,
          cpu: listed.cpu,
          why: `DynamoDB Local alone, queried raw for the same 20 requests, reaches ${rawPage.ratio.toFixed(2)}× raw GetItem: a page of 20 large items is not one read's work.`,
          goal: 0.5,
          kind: 'atLeast',
          unit: '×',
          baseline: `raw consistent GetItem, 50 in flight: ${rate(listed.rawPerSecond)} (API ${rate(list.perSecond)}, p50 ${ms(list.p50)}); the raw Query of the same 20 requests alone reaches ${rawPage.ratio.toFixed(2)}×. CPU per request: ${cpuText(listed.cpu.route)}; per raw Query: ${cpuText(rawPage.cpu.route)}; per raw GetItem: ${cpuText(listed.cpu.raw)}`,
        },
        {
          measure: '诉求 submit (request path), 50 in flight',
          value: submitted.ratio,
          cpu: submitted.cpu,
          goal: 0.2,
          kind: 'atLeast',
          unit: '×',
          baseline: `raw TransactWriteItems of its shape (3 puts, 2 conditional): ${rate(submitted.rawPerSecond)} (API ${rate(submit.perSecond)}, p50 ${ms(submit.p50)}). CPU per request: ${cpuText(submitted.cpu.route)}; per raw transaction: ${cpuText(submitted.cpu.raw)}`,
        },
      ],
      markdown: [
        `${CLIENTS} residents in flight against serverless-offline + DynamoDB Local; submit includes the WeChat stand-in's msgSecCheck.`,
        '',
        '| operation | requests | p50 | p99 | per second | vs baseline | errors (5xx) |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        loadRow(
          'submit (TransactWrite: request + timeline event + intent)',
          submit,
          submitted.rawPerSecond,
          'raw transactions of its shape/s',
        ),
        loadRow('list community (one Query, 20 per page)', list, listed.rawPerSecond, 'raw GetItem/s'),
        loadRow('the same page as a raw Query (no API)', rawPage.route, rawPage.rawPerSecond, 'raw GetItem/s'),
        loadRow('read detail (one Query of its partition + one GetItem)', read, b.getsPerSecond, 'raw GetItem/s'),
        '',
        `Reads answered: ${readOk} of ${read.requests} (404 = a private request of someone else, as it should be).`,
        '',
        '| route | DynamoDB reads | writes | note |',
        '| --- | --- | --- | --- |',
        ...ops.map(([route, o, note]) => `| ${route} | ${o?.reads ?? '?'} | ${o?.writes ?? '?'} | ${note} |`),
        '',
        'Reads include the pipeline’s GetItem of the caller; writes include the per-user rate-limit counter on every POST/PUT. ' +
          'A TransactWriteItems counts as one write call (up to six items for a transition).',
      ].join('\n'),
    };
  },
};
