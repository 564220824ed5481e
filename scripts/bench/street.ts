import {
  BatchWriteItemCommand,
  DynamoDBClient,
  type BatchWriteItemCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { cpus, loadavg } from 'node:os';
import {
  agoraRoutes,
  API,
  ballotSpec,
  DAY_MS,
  MINUTE_MS,
  streetAgoraRoutes,
  streetConsoleRoutes,
  streetWideRoutes,
  type RouteContract,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, DEMO_STREET_ID } from '../../devstack/seed/personas';
import { plannedCommunity, sizeFrom, streetIdOf, type SeededCommunity } from '../../devstack/seed/streetPlan';
import { sessionToken } from './sessionToken';
import type { Benchmark, BenchContext } from './context';
import { ms, rate, runLoad } from './load';

/**
 * `npm run bench -- street` (issue 15 §3): the street-scale seed, and what it proves beside the small demo
 * seed in the same run. Seeds the street in this process through the services the routes call
 * (devstack/seed/street.ts; `LINLI_SEED_NUMBER`, `LINLI_SEED_SIZE` choose it, default the full street of
 * 20 × 1,750 units), then measures:
 *
 * - list pages and the street console on the demo (幸福里 / 东街, 2 communities) and on the seeded street:
 *   p99 and the DynamoDB calls the API's own counter (`x-linli-db-ops`) reports per request;
 * - a street-wide 一户一票 poll as one household poll per community (the design in FEATURES-streets.md: a
 *   street-scope topic is being built elsewhere): every household's ballot in one burst, 50 in flight;
 * - the close-time recount of 35,000 household ballots and of 100,000 per-person ballots (written straight
 *   into one poll's partitions, as the agora benchmark does), against agoraClock's 300 s timeout;
 * - a street-wide notice to every household, through the worker's fan-out: time to the last inbox entry and
 *   the worker's DynamoDB calls per recipient.
 */
const CONCURRENCY = 50;
const PAGE_REQUESTS = 200;

async function pool<T>(items: T[], width: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

interface PageFigure {
  page: string;
  small: { p50: number; p99: number; ops: string };
  street: { p50: number; p99: number; ops: string };
}

/** p50/p99 of a page at 5 in flight, and the DynamoDB calls (reads + writes) the API counted, as a set. */
async function measurePage<C extends RouteContract>(
  ctx: BenchContext,
  contract: C,
  req: Parameters<BenchContext['call']>[1],
) {
  const ops = new Map<string, number>();
  let bad = 0;
  const load = await runLoad(PAGE_REQUESTS, 5, async () => {
    const res = await ctx.call(contract, req as never);
    if (res.status !== 200) bad++;
    const key = res.dbOps ? `${res.dbOps.reads}r+${res.dbOps.writes}w` : 'none';
    ops.set(key, (ops.get(key) ?? 0) + 1);
    return res.status;
  });
  if (bad) throw new Error(`${contract.path} answered ${bad} non-200s: ${JSON.stringify(load.statuses)}`);
  return { p50: load.p50, p99: load.p99, ops: [...ops.keys()].join(' or ') };
}

/** Runs one part of the benchmark; a failure becomes a line of the report instead of losing the run. */
async function section(ctx: BenchContext, name: string, run: () => Promise<string[]>): Promise<string[]> {
  try {
    return await run();
  } catch (error) {
    ctx.log(`${name} failed: ${(error as Error).stack}`);
    return [`**${name} failed in this run**: ${(error as Error).message.slice(0, 300)}`];
  }
}

export const streetBenchmark: Benchmark = {
  name: 'street',
  withFanOut: true,
  async run(ctx) {
    // How busy the machine was while this ran (1-minute load average every 5 s, this run's own processes included).
    const loads: number[] = [loadavg()[0] ?? 0];
    const sampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5_000);
    sampler.unref();
    try {
      return await runStreet(ctx, loads);
    } finally {
      clearInterval(sampler);
    }
  },
};

async function runStreet(ctx: BenchContext, loads: number[]) {
  const seedNumber = Number(process.env.LINLI_SEED_NUMBER ?? '1');
  const size = sizeFrom(process.env.LINLI_SEED_SIZE);
  const { seedStreetIfAbsent } = await import('../../devstack/seed/street');
  // A live session per voter (what sign-in stores), then a token naming it: thousands of WeChat sign-ins
  // are not what this measures.
  const token = sessionToken;

  const seeded = await seedStreetIfAbsent({ seedNumber, size, parallel: 6, progress: ctx.log });
  ctx.log(
    `seeded ${seeded.communityIds.length} communities, ${seeded.units} units, ${seeded.residents} residents, ${seeded.grievances} 诉求, ${seeded.activities} activities (${seeded.credited} hours credited), ${seeded.redemptions} redemptions in ${seeded.seconds.toFixed(0)} s`,
  );
  const streetId = streetIdOf(seedNumber);
  const planned: SeededCommunity[] = Array.from({ length: size.communities }, (_, i) =>
    plannedCommunity(seedNumber, size, i),
  );
  const big = planned[0]!;
  // Signed in again before each later section: an access token expires long before a full street's run ends.
  let admin = await ctx.signIn('admin');

  // 1. List pages and the street console, small seed and street seed in the same run.
  const pages: PageFigure[] = [];
  const pair = async <C extends RouteContract>(
    page: string,
    contract: C,
    small: Parameters<BenchContext['call']>[1],
    street: Parameters<BenchContext['call']>[1],
  ) => {
    const s = await measurePage(ctx, contract, small);
    const b = await measurePage(ctx, contract, street);
    pages.push({ page, small: s, street: b });
    ctx.log(`${page}: small p99 ${ms(s.p99)} (${s.ops}), street p99 ${ms(b.p99)} (${b.ops})`);
  };
  await pair(
    '诉求 of the community (GET /communities/{c}/grievances)',
    API.grievances.listCommunity,
    { token: admin, params: { communityId: DEMO_COMMUNITY_ID }, query: {} },
    { token: admin, params: { communityId: big.communityId }, query: {} },
  );
  await pair(
    '待办 queue (GET /communities/{c}/grievances/queue)',
    API.grievances.listQueue,
    { token: admin, params: { communityId: DEMO_COMMUNITY_ID }, query: {} },
    { token: admin, params: { communityId: big.communityId }, query: {} },
  );
  await pair(
    '街道待办 (GET /streets/{s}/console/queue)',
    streetConsoleRoutes.streetQueue,
    { token: admin, params: { streetId: DEMO_STREET_ID }, query: {} },
    { token: admin, params: { streetId }, query: {} },
  );
  await pair(
    '三率 (GET /streets/{s}/console/figures)',
    streetConsoleRoutes.streetFigures,
    { token: admin, params: { streetId: DEMO_STREET_ID }, query: {} },
    { token: admin, params: { streetId }, query: {} },
  );

  const pollLines = await section(ctx, 'street-wide household poll', async () => {
    admin = await ctx.signIn('admin');
    // 2. 街道议事 as the street office opens it (POST /streets/{s}/topics: one ordinary household poll per
    // community, FEATURES-streets.md), every household's ballot in one burst, then each community's close as
    // agoraClock runs it, and the street's sum.
    const o0 = Date.now();
    const opened = await ctx.call(streetAgoraRoutes.openStreetTopic, {
      token: admin,
      params: { streetId },
      body: {
        requestId: `bench-street-${o0}`,
        title: '街道停车改造意见征询',
        description: '一户一票，全街道各社区同时进行',
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve', options: [] },
        opensAt: new Date(o0 - MINUTE_MS).toISOString(),
        closesAt: new Date(o0 + DAY_MS).toISOString(),
      },
    });
    if (opened.status !== 201) throw new Error(`open street topic: ${opened.status} ${JSON.stringify(opened.body)}`);
    const openSeconds = (Date.now() - o0) / 1000;
    const streetTopicId = opened.body.streetTopicId;
    ctx.log(`street topic opened in ${opened.body.communities.length} communities in ${openSeconds.toFixed(1)} s`);
    const voters = planned.flatMap((c) =>
      c.residents.filter((r) => r.relation === 'owner').map((r) => ({ communityId: c.communityId, userId: r.userId })),
    );
    const tokens: string[] = new Array(voters.length);
    await pool(voters, 20, async (v, i) => {
      tokens[i] = await token(v.userId);
    });
    const accepted = new Set<string>();
    let failed = 0;
    const burst = await runLoad(voters.length, CONCURRENCY, async (i) => {
      const v = voters[i]!;
      const res = await ctx.call(agoraRoutes.castBallot, {
        token: tokens[i],
        params: { communityId: v.communityId, topicId: streetTopicId },
        body: { choices: [['agree', 'agree', 'disagree', 'abstain'][i % 4] as string], requestId: `s${i}` },
      });
      if (res.status === 201) accepted.add((res.body as { receipt: string }).receipt);
      else failed++;
      return res.status;
    });
    ctx.log(
      `burst: ${voters.length} households, ${JSON.stringify(burst.statuses)} in ${burst.seconds.toFixed(1)} s, p99 ${ms(burst.p99)}`,
    );
    // Each community's poll closed as agoraClock closes it at its closesAt (the clock's "now" a day on).
    const m = await import('../../functions/src/agora/closing');
    const closeAt = new Date(o0 + 2 * DAY_MS);
    const closes: number[] = [];
    for (const c of planned) {
      const t0 = Date.now();
      let outcome = await m.closePoll(c.communityId, streetTopicId, closeAt);
      if (outcome !== 'alreadyPublished') outcome = await m.closePoll(c.communityId, streetTopicId, closeAt);
      closes.push((Date.now() - t0) / 1000);
      if (outcome !== 'alreadyPublished' && outcome !== 'published')
        ctx.log(`close of ${c.communityId}: ${String(outcome)}`);
    }
    const street = await ctx.call(streetAgoraRoutes.getStreetTopic, {
      token: admin,
      params: { streetId, streetTopicId },
    });
    if (street.status !== 200) throw new Error(`street topic: ${street.status} ${JSON.stringify(street.body)}`);
    const stored = street.body.total?.ballots ?? street.body.communities.reduce((sum, c) => sum + c.ballots, 0);
    const duplicated = Math.max(0, stored - accepted.size);
    const lost = Math.max(0, accepted.size - stored);
    const slowest = Math.max(...closes);
    // Each community's electorate, frozen from its roster when the street topic opened its poll.
    const electorate = street.body.communities.reduce((sum, c) => sum + c.electorate, 0);

    return [
      `| 街道议事, 一户一票 over ${size.communities} communities (\`POST /streets/{s}/topics\`: one household poll per community) | value |`,
      '| --- | --- |',
      `| opening the street topic (electorates frozen from ${size.communities} rosters) | ${openSeconds.toFixed(1)} s, ${electorate.toLocaleString('en')} households |`,
      `| household ballots in one burst, ${CONCURRENCY} in flight | ${voters.length.toLocaleString('en')} in ${burst.seconds.toFixed(1)} s (${rate(voters.length / burst.seconds)}), p50 ${ms(burst.p50)} / p99 ${ms(burst.p99)} |`,
      `| answers | ${JSON.stringify(burst.statuses)} |`,
      `| accepted receipts / in the street's total / lost / duplicated | ${accepted.size.toLocaleString('en')} / ${stored.toLocaleString('en')} / ${lost} / ${duplicated} |`,
      `| close (recount, publish, street tally) per community: slowest / all ${size.communities} in turn | ${slowest.toFixed(1)} s / ${closes.reduce((a, b) => a + b, 0).toFixed(1)} s |`,
      `| street total written (GET /streets/{s}/topics/{id}) | ${street.body.total ? `yes, ${street.body.counted} of ${street.body.communities.length} communities` : `no (${street.body.counted} of ${street.body.communities.length} counted)`} |`,
      failed
        ? `**${failed} ballots were not accepted**: see the answers above.`
        : lost || duplicated
          ? '**The street total differs from the accepted receipts.**'
          : "Every household ballot was accepted once and counted once in the street's total.",
    ];
  });
  const recountLines = await section(ctx, 'close-time recount', async () => {
    const m = await import('../../functions/src/agora/closing');
    const { topics, topicPartition } = await import('../../functions/src/db/entities/topic');
    const { ballotsOf } = await import('../../functions/src/db/entities/ballot');
    // 3. Close-time recount of 35,000 household ballots and of 100,000 per-person ballots in one poll each.
    const raw = new DynamoDBClient({
      endpoint: ctx.urls.dynamo,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const table = process.env.TABLE_NAME as string;
    const recount = async (ballots: number, basis: 'household' | 'person') => {
      const communityId = big.communityId;
      const topicId = `tstreet${basis}${Date.now().toString(36)}`;
      const spec = ballotSpec('approve', []);
      await topics.put({
        communityId,
        topicId,
        title: `复核压测（${ballots} 张）`,
        description: '直接写入的选票',
        origin: 'committee',
        phase: 'counting',
        createdBy: big.committee.userId,
        createdAt: new Date().toISOString(),
        scheduleChanges: [],
        vote: {
          scope: { kind: 'community' },
          scopeLabel: '全街道',
          basis,
          preset: 'residentsMeeting',
          ballot: { kind: 'approve', options: spec.options, maxChoices: 1 },
          opensAt: new Date(Date.now() - DAY_MS).toISOString(),
          closesAt: new Date(Date.now() - MINUTE_MS).toISOString(),
          allowChanges: false,
          secrecy: 'secret',
          electorate: {
            heads: ballots,
            area: 0,
            units: ballots,
            owners: 0,
            developerUnits: 0,
            frozenAt: new Date().toISOString(),
            byBuilding: { b1: { name: '1号楼', gridId: 'g1', count: ballots, area: 0 } },
          },
        },
      } as never);
      const items: WriteRequest[] = [];
      for (let i = 0; i < ballots; i++) {
        const receipt = `R${String(i).padStart(11, '0')}`;
        items.push({
          PutRequest: {
            Item: marshall({
              PK: ballotsOf(communityId, topicId),
              SK: receipt,
              _et: 'Ballot',
              communityId,
              topicId,
              receipt,
              choices: [['agree', 'agree', 'agree', 'disagree', 'abstain'][i % 5]],
              heads: 1,
              area: 0,
            }),
          },
        });
        items.push({
          PutRequest: {
            Item: marshall({
              PK: topicPartition(communityId, topicId),
              SK: `VOTER#V_${i}`,
              _et: 'Participation',
              communityId,
              topicId,
              voterKey: `V_${i}`,
              label: `住户${i}`,
              status: 'cast',
              tallied: true,
              version: 1,
              channel: 'online',
              castByName: `住户${i}`,
              castAt: new Date().toISOString(),
              requestId: `r${i}`,
              heads: 1,
              area: 0,
              byBuilding: { b1: { count: 1, area: 0 } },
              _ct: new Date().toISOString(),
              _md: new Date().toISOString(),
            }),
          },
        });
      }
      const batches: WriteRequest[][] = [];
      for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
      const w0 = Date.now();
      await pool(batches, 16, async (batch) => {
        let left: WriteRequest[] | undefined = batch;
        for (let round = 0; left?.length && round < 10; round++) {
          const out: BatchWriteItemCommandOutput = await raw.send(
            new BatchWriteItemCommand({ RequestItems: { [table]: left } }),
          );
          left = out.UnprocessedItems?.[table];
        }
      });
      ctx.log(`${ballots} ${basis} ballots written in ${((Date.now() - w0) / 1000).toFixed(1)} s`);
      const topic = (await topics.get({ communityId, topicId }, { consistent: true })).Item!;
      const c0 = Date.now();
      const counted = await m.countPoll(topic, new Date());
      const count = (Date.now() - c0) / 1000;
      const p0 = Date.now();
      const closed = await m.closePoll(communityId, topicId, new Date());
      const close = (Date.now() - p0) / 1000;
      ctx.log(
        `recount of ${counted.result.ballots} ${basis} ballots ${count.toFixed(1)} s; close ${closed} ${close.toFixed(1)} s`,
      );
      // The stack's own agoraClock (the worker's schedule) may publish a poll in 'counting' first.
      const closeText = closed === 'published' ? `${close.toFixed(1)} s` : 'published by the running agoraClock first';
      return { ballots: counted.result.ballots, count, close: closeText };
    };
    // `LINLI_STREET_RECOUNT=<households>,<persons>` shrinks them for a trial run.
    const [householdBallots = 35_000, personBallots = 100_000] = (process.env.LINLI_STREET_RECOUNT ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number);
    const households = await recount(householdBallots, 'household');
    const persons = await recount(personBallots, 'person');
    raw.destroy();

    return [
      `| recount of ${households.ballots.toLocaleString('en')} household ballots in one poll (goal ≤ 15 s) / close | ${households.count.toFixed(1)} s / ${households.close} |`,
      `| recount of ${persons.ballots.toLocaleString('en')} per-person ballots in one poll (goal ≤ 60 s) / close | ${persons.count.toFixed(1)} s / ${persons.close} |`,
      `| agoraClock timeout (serverless.yml) | 300 s |`,
    ];
  });
  const noticeLines = await section(ctx, 'street-wide notice', async () => {
    admin = await ctx.signIn('admin');
    // 4. A street-wide notice to every household of the seeded street, through the fan-out.
    const { awaitStreamCaughtUp } = await import('./notificationsDb');
    ctx.log(`fan-out caught up with the poll's writes in ${(await awaitStreamCaughtUp()) / 1000} s`);
    const preview = await ctx.call(streetWideRoutes.previewStreetNotice, {
      token: admin,
      params: { streetId },
      body: {},
    });
    const callsBefore = ctx.workerCalls();
    const n0 = Date.now();
    const sent = await ctx.call(streetWideRoutes.sendStreetNotice, {
      token: admin,
      params: { streetId },
      body: {
        requestId: `bench-street-${n0}`,
        title: '街道冬季消防检查通知',
        body: '本周六各社区开展消防安全检查，请配合。',
      },
    });
    if (sent.status !== 201) throw new Error(`street notice: ${sent.status} ${JSON.stringify(sent.body)}`);
    // The probe goes through the same stream behind every intent the notice made: when it lands, the last
    // inbox entry is written.
    const drained = await awaitStreamCaughtUp();
    const noticeSeconds = (Date.now() - n0) / 1000;
    const callsAfter = ctx.workerCalls();
    const workerCalls = callsAfter.total - callsBefore.total;
    const recipients = preview.body.residents;
    ctx.log(
      `street notice to ${preview.body.households} households (${recipients} residents): last inbox entry after ${noticeSeconds.toFixed(1)} s (probe ${drained / 1000} s); ${workerCalls} worker calls`,
    );

    return [
      `| street-wide notice | value |`,
      '| --- | --- |',
      `| audience (preview) | ${preview.body.households.toLocaleString('en')} households, ${recipients.toLocaleString('en')} residents, ${preview.body.communities.length} communities |`,
      `| time to the last inbox entry (send → the stream probe behind it lands) | ${noticeSeconds.toFixed(1)} s |`,
      `| worker DynamoDB calls per recipient (counted on the wire) | ${(workerCalls / Math.max(1, recipients)).toFixed(2)} |`,
    ];
  });
  const auditLines = await section(ctx, 'street ledger audit', async () => {
    admin = await ctx.signIn('admin');
    // 5. 街道对账 over the seeded street's ledgers (every community's, and the settlement accounts).
    const a0 = Date.now();
    const audit = await ctx.call(streetWideRoutes.runStreetAudit, { token: admin, params: { streetId } });
    if (audit.status !== 200) throw new Error(`street audit: ${audit.status} ${JSON.stringify(audit.body)}`);
    const seconds = (Date.now() - a0) / 1000;
    ctx.log(
      `street audit: ${audit.body.passed ? 'passed' : 'failed'}, ${audit.body.mismatches} mismatches, ${audit.body.belowZero} below zero, in ${seconds.toFixed(1)} s (${audit.dbOps ? `${audit.dbOps.reads} reads` : 'calls not counted'})`,
    );
    return [
      '| 街道对账 (POST /streets/{s}/timebank/audits) over the seeded ledgers | value |',
      '| --- | --- |',
      `| result | ${audit.body.passed ? '对账通过' : '**未通过**'}: ${audit.body.mismatches} mismatches, ${audit.body.belowZero} accounts below zero, settlement total ${audit.body.settlementTotal} |`,
      `| communities audited | ${audit.body.communities.length} (${audit.body.communities.filter((c) => c.passed).length} passed) |`,
      `| time, DynamoDB calls (x-linli-db-ops) | ${seconds.toFixed(1)} s, ${audit.dbOps ? `${audit.dbOps.reads} reads + ${audit.dbOps.writes} writes` : 'not counted'} |`,
    ];
  });
  const smallP99 = (p: PageFigure) => p.small.p99;
  const ratio = (p: PageFigure) => p.street.p99 / Math.max(1, smallP99(p));
  return {
    title: 'Street scale: the seeded street beside the demo seed (issue 15 §3)',
    markdown: [
      `Seed: \`LINLI_SEED_NUMBER=${seedNumber} LINLI_SEED_SIZE=${process.env.LINLI_SEED_SIZE ?? 'full'}\` — street \`${streetId}\`, ${size.communities} communities × ${size.unitsPerCommunity} units. ${
        seeded.state === 'seeded'
          ? `Seeded in this run through the onboarding, roster import, binding, 诉求, volunteer and 时间银行 services (devstack/seed/street.ts): ${seeded.units.toLocaleString('en')} units, ${seeded.residents.toLocaleString('en')} residents, ${seeded.grievances} 诉求, ${seeded.activities} past activities with ${seeded.credited.toLocaleString('en')} volunteers' hours credited on the ledger, ${seeded.redemptions} redemptions, in ${seeded.seconds.toFixed(0)} s (${rate(seeded.residents / seeded.seconds)} residents bound).`
          : 'Already present in the table.'
      }`,
      '',
      `| page (${PAGE_REQUESTS} requests, 5 in flight, admin) | demo seed p50 / p99 | street seed p50 / p99 | street ÷ demo p99 (goal ≤ 1.5) | DynamoDB calls per request (x-linli-db-ops, demo / street) |`,
      '| --- | --- | --- | --- | --- |',
      ...pages.map(
        (p) =>
          `| ${p.page} | ${ms(p.small.p50)} / ${ms(p.small.p99)} | ${ms(p.street.p50)} / ${ms(p.street.p99)} | ${ratio(p).toFixed(2)} | ${p.small.ops} / ${p.street.ops} |`,
      ),
      '',
      ...pollLines,
      '',
      ...recountLines,
      '',
      ...noticeLines,
      '',
      ...auditLines,
      '',
      `Worst page: street p99 ${Math.max(...pages.map(ratio)).toFixed(2)}× the demo's (goal ≤ 1.5×).`,
      '',
      `Machine load during the run (1-minute load average, sampled every 5 s, this run's own processes included, ${cpus().length} cores): median ${quantile(loads, 0.5)}, from ${quantile(loads, 0)} to ${quantile(loads, 1)}.`,
    ].join('\n'),
  };
}

function quantile(values: number[], q: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1);
}
