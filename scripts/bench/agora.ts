import {
  BatchWriteItemCommand,
  DynamoDBClient,
  type BatchWriteItemCommandOutput,
  QueryCommand,
  TransactWriteItemsCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  agoraRoutes,
  ballotSpec,
  DAY_MS,
  grantKey,
  MINUTE_MS,
  parseRosterSheet,
  planRoster,
  toCentiArea,
  type Relation,
} from '@linli/shared';
import { ROSTER_HEADER } from '../../devstack/seed/rosterSheet';
import { sessionToken } from './sessionToken';
import type { Benchmark } from './context';
import { cpuText, ms, processCpuMs, rate, runLoad } from './load';

/**
 * 议事厅 at 军门 scale: a burst of 3,500 household ballots through the API (accepted/s, p99, nothing
 * lost or counted twice, duplicates from second phones refused) beside raw DynamoDB Local
 * transactions of the same shape; then the close-time recount of 13,000 ballots read back from the
 * table, beside a raw query of the same items.
 */
const COMMUNITY = 'bench-junmen';
const HOUSEHOLDS = 3500;
const DUPLICATES = 350;
const RECOUNT_BALLOTS = 13_000;
const CONCURRENCY = 50;

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

/**
 * The Lambdas' modules, loaded once the stack has set the environment: their clients read the
 * endpoint and table name when first imported (as in a Lambda container).
 */
async function lambdaModules() {
  const [closing, ballot, community, topic, unit, user, bind, tokens, roster] = await Promise.all([
    import('../../functions/src/agora/closing'),
    import('../../functions/src/db/entities/ballot'),
    import('../../functions/src/db/entities/community'),
    import('../../functions/src/db/entities/topic'),
    import('../../functions/src/db/entities/unit'),
    import('../../functions/src/db/entities/user'),
    import('../../functions/src/households/bindUnit'),
    import('../../functions/src/http/tokens'),
    import('../../functions/src/roster/transfer/importRoster'),
  ]);
  return {
    ...closing,
    ...ballot,
    ...community,
    ...topic,
    ...unit,
    ...user,
    ...bind,
    ...tokens,
    ...roster,
  };
}
type Modules = Awaited<ReturnType<typeof lambdaModules>>;

async function buildCommunity(m: Modules, log: (l: string) => void) {
  const { communities, writeRosterPlan, users, units, bindUserToUnit } = m;
  const cells: (string | number)[][] = [ROSTER_HEADER];
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const building = `${1 + Math.floor(i / 100)}栋`;
    cells.push([
      i < HOUSEHOLDS / 2 ? '第一网格' : '第二网格',
      building,
      `${1 + Math.floor((i % 100) / 50)}单元`,
      String(101 + (i % 50)),
      1 + Math.floor((i % 50) / 2),
      60 + (i % 70),
      `业主${i}`,
      `137${String(i).padStart(8, '0')}`,
    ]);
  }
  const plan = planRoster(COMMUNITY, parseRosterSheet(cells).rows);
  await communities.put({
    communityId: COMMUNITY,
    name: '军门社区（压测）',
    district: '福州市鼓楼区',
    street: '东街街道',
  });
  let t0 = Date.now();
  await writeRosterPlan({ communityId: COMMUNITY, plan, existing: new Map() });
  log(`roster of ${plan.units.length} units written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  t0 = Date.now();
  const residents: { userId: string; unitId: string }[] = plan.units.map((u, i) => ({
    userId: `bench_${i}`,
    unitId: u.unitId,
  }));
  const since = new Date(Date.now() - DAY_MS);
  await pool(residents, 25, async (r, i) => {
    await users.put({
      userId: r.userId,
      nickname: `住户${i}`,
      grants: {},
      memberships: {},
      status: 'active',
      createdAt: since.toISOString(),
    });
    const { Item: unit } = await units.get({ communityId: COMMUNITY, unitId: r.unitId });
    await bindUserToUnit(
      {
        user: { userId: r.userId, nickname: `住户${i}` },
        household: { unit: unit!, communityName: '军门社区（压测）' },
        relation: 'owner' as Relation,
        now: since,
      },
      {},
    );
  });
  // A second member in a tenth of the households: the "second phone" of the burst.
  const seconds = residents.slice(0, DUPLICATES).map((r, i) => ({ userId: `bench_second_${i}`, unitId: r.unitId }));
  await pool(seconds, 25, async (r, i) => {
    await users.put({
      userId: r.userId,
      nickname: `家属${i}`,
      grants: {},
      memberships: {},
      status: 'active',
      createdAt: since.toISOString(),
    });
    const { Item: unit } = await units.get({ communityId: COMMUNITY, unitId: r.unitId });
    await bindUserToUnit(
      {
        user: { userId: r.userId, nickname: `家属${i}` },
        household: { unit: unit!, communityName: '军门社区（压测）' },
        relation: 'family',
        now: since,
      },
      {},
    );
  });
  const committee = { role: 'committee' as const, communityId: COMMUNITY };
  await users.put({
    userId: 'bench_committee',
    nickname: '压测居委会',
    grants: { [grantKey(committee)]: committee },
    memberships: {},
    status: 'active',
    createdAt: since.toISOString(),
  });
  log(`${residents.length + seconds.length} residents bound in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { residents, seconds };
}

export const agoraBenchmark: Benchmark = {
  name: 'agora',
  async run(ctx) {
    const m = await lambdaModules();
    const { ballotsOf, topicPartition, topics, countPoll, closePoll } = m;
    const token = sessionToken;
    const { residents, seconds } = await buildCommunity(m, ctx.log);
    const raw = new DynamoDBClient({
      endpoint: ctx.urls.dynamo,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const table = process.env.TABLE_NAME as string;

    // Raw DynamoDB Local, same run, same shape as a cast: box check + conditional put + put; before the
    // burst and again after it (the ratio is to the mean of the two: the machine's load moves meanwhile).
    const rawCasts = (n: number, tag: string) =>
      runLoad(n, CONCURRENCY, async (i) => {
        await raw.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: table,
                  Key: { PK: { S: 'BENCHRAW' }, SK: { S: `BOX#${i % 6}` } },
                  ConditionExpression: 'attribute_not_exists(closed)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { PK: { S: 'BENCHRAW#VOTERS' }, SK: { S: `V#${tag}${i}` }, n: { N: String(i) } },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { PK: { S: 'BENCHRAW#BALLOTS' }, SK: { S: `B#${tag}${i}` }, c: { S: 'agree' } },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
        return 200;
      });
    const cpuAt = () =>
      Object.fromEntries(Object.entries(ctx.processes).map(([n, pid]) => [n, pid ? processCpuMs(pid) : 0]));
    const cpuSince = (from: Record<string, number>, requests: number) =>
      Object.fromEntries(Object.entries(cpuAt()).map(([n, ms]) => [n, (ms - (from[n] ?? 0)) / requests]));
    const rawCpu0 = cpuAt();
    const rawBefore = await rawCasts(HOUSEHOLDS, 'a');
    const rawCpu = cpuSince(rawCpu0, HOUSEHOLDS);
    ctx.log(`raw transactions: ${rate(rawBefore.perSecond)}, p99 ${ms(rawBefore.p99)}`);

    const committeeToken = await token('bench_committee');
    const created = await ctx.call(agoraRoutes.createTopic, {
      token: committeeToken,
      params: { communityId: COMMUNITY },
      body: {
        title: '全社区停车收费方案',
        description: '一户一票',
        requestId: `bench-${Date.now()}`,
        vote: {
          scope: { kind: 'community' },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve' },
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY_MS).toISOString(),
        },
      },
    });
    if (created.status !== 201) throw new Error(`create poll: ${created.status} ${JSON.stringify(created.body)}`);
    const topicId = created.body.topicId;
    const tokens = await Promise.all([...residents, ...seconds].map((r) => token(r.userId)));
    // Every household once, and a tenth of them again from a second member's phone, interleaved.
    const attempts = [...residents.map((_, i) => i), ...seconds.map((_, i) => HOUSEHOLDS + i)].sort(
      (a, b) => ((a * 7919) % 4001) - ((b * 7919) % 4001),
    );
    const cast = (who: number) =>
      ctx.call(agoraRoutes.castBallot, {
        token: tokens[who],
        params: { communityId: COMMUNITY, topicId },
        body: { choices: [['agree', 'agree', 'disagree', 'abstain'][who % 4] as string], requestId: `b${who}` },
      });
    // serverless-offline starts a worker per concurrent invocation: warm as many as will be in flight,
    // so the burst measures casting, not the emulator's cold starts.
    await runLoad(
      CONCURRENCY * 2,
      CONCURRENCY,
      async () =>
        (await ctx.call(agoraRoutes.getTopic, { token: committeeToken, params: { communityId: COMMUNITY, topicId } }))
          .status,
    );
    const accepted = new Set<string>();
    const failed: number[] = [];
    const burstCpu0 = cpuAt();
    const burst = await runLoad(attempts.length, CONCURRENCY, async (k) => {
      const who = attempts[k] as number;
      const res = await cast(who).catch(() => ({ status: 0, body: undefined }));
      if (res.status === 201) accepted.add((res.body as { receipt: string }).receipt);
      if (res.status === 0 || res.status >= 500) failed.push(who);
      return res.status;
    });
    // What the app does after a lost answer: the same request again, with the same request id.
    const retried = failed.length;
    const retryStatuses: Record<number, number> = {};
    for (let round = 0; failed.length && round < 5; round++) {
      const again = failed.splice(0);
      await Promise.all(
        again.map(async (who) => {
          const res = await cast(who).catch(() => ({ status: 0, body: undefined }));
          retryStatuses[res.status] = (retryStatuses[res.status] ?? 0) + 1;
          if (res.status === 201) accepted.add((res.body as { receipt: string }).receipt);
          if (res.status === 0 || res.status >= 500) failed.push(who);
        }),
      );
    }
    ctx.log(
      `burst statuses ${JSON.stringify(burst.statuses)}; ${retried} retried with the same request id → ${JSON.stringify(retryStatuses)}`,
    );
    const burstCpu = cpuSince(burstCpu0, attempts.length);
    const rawAfter = await rawCasts(1000, 'b');
    const rawTx = { perSecond: (rawBefore.perSecond + rawAfter.perSecond) / 2, p99: rawBefore.p99 };
    ctx.log(`raw transactions after the burst: ${rate(rawAfter.perSecond)}`);
    const query = async (pk: string) => {
      let count = 0;
      const keys = new Set<string>();
      let start: Record<string, never> | undefined;
      do {
        const page = await raw.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        for (const item of page.Items ?? []) keys.add(item.SK?.S ?? '');
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey as never;
      } while (start);
      return { count, keys };
    };
    const ballotsStored = await query(ballotsOf(COMMUNITY, topicId));
    const votersStored = await query(topicPartition(COMMUNITY, topicId));
    const voterCount = [...votersStored.keys].filter((k) => k.startsWith('VOTER#')).length;
    const lost = [...accepted].filter((r) => !ballotsStored.keys.has(r)).length;
    ctx.log(
      `API burst: ${burst.statuses[201] ?? 0} accepted, ${burst.statuses[409] ?? 0} refused, ${rate(HOUSEHOLDS / burst.seconds)} accepted/s, p99 ${ms(burst.p99)}; stored ballots ${ballotsStored.count}, voters ${voterCount}`,
    );

    // Recount of 13,000 ballots written straight into the table (owners' poll, areas on the ballots).
    const recountTopic = `tbench${Date.now().toString(36)}`;
    const spec = ballotSpec('approve', []);
    await topics.put({
      communityId: COMMUNITY,
      topicId: recountTopic,
      title: '维修资金使用（复核压测）',
      description: '13,000 张选票',
      origin: 'committee',
      phase: 'counting',
      createdBy: 'bench_committee',
      createdAt: new Date().toISOString(),
      scheduleChanges: [],
      vote: {
        scope: { kind: 'community' },
        scopeLabel: '全社区',
        basis: 'owners',
        preset: 'ownersMajor',
        ballot: { kind: 'approve', options: spec.options, maxChoices: 1 },
        opensAt: new Date(Date.now() - DAY_MS).toISOString(),
        closesAt: new Date(Date.now() - MINUTE_MS).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
        electorate: {
          heads: 14_000,
          area: 14_000 * 9000,
          units: 14_500,
          owners: 14_000,
          developerUnits: 0,
          frozenAt: new Date().toISOString(),
          byBuilding: { b1: { name: '1栋', gridId: 'g1', count: 14_500, area: 14_000 * 9000 } },
        },
      },
    });
    const items: WriteRequest[] = [];
    for (let i = 0; i < RECOUNT_BALLOTS; i++) {
      const area = toCentiArea(60 + (i % 70) + (i % 3) * 0.25);
      items.push({
        PutRequest: {
          Item: marshall({
            PK: ballotsOf(COMMUNITY, recountTopic),
            SK: `R${String(i).padStart(11, '0')}`,
            _et: 'Ballot',
            communityId: COMMUNITY,
            topicId: recountTopic,
            receipt: `R${String(i).padStart(11, '0')}`,
            choices: [['agree', 'agree', 'agree', 'disagree', 'abstain'][i % 5]],
            heads: 1,
            area,
          }),
        },
      });
      items.push({
        PutRequest: {
          Item: marshall({
            PK: topicPartition(COMMUNITY, recountTopic),
            SK: `VOTER#O_${i}`,
            _et: 'Participation',
            communityId: COMMUNITY,
            topicId: recountTopic,
            voterKey: `O_${i}`,
            label: `业主${i}`,
            status: 'cast',
            tallied: true,
            version: 1,
            channel: 'online',
            castByName: `业主${i}`,
            castAt: new Date().toISOString(),
            requestId: `r${i}`,
            heads: 1,
            area,
            byBuilding: { b1: { count: 1, area } },
            _ct: new Date().toISOString(),
            _md: new Date().toISOString(),
          }),
        },
      });
    }
    const t0 = Date.now();
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    await pool(batches, 20, async (batch) => {
      let left: WriteRequest[] | undefined = batch;
      for (let round = 0; left?.length && round < 10; round++) {
        const out: BatchWriteItemCommandOutput = await raw.send(
          new BatchWriteItemCommand({ RequestItems: { [table]: left } }),
        );
        left = out.UnprocessedItems?.[table];
      }
    });
    ctx.log(`${items.length} ballots and voter records seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const rawRead = Date.now();
    const rawBallots = await query(ballotsOf(COMMUNITY, recountTopic));
    const rawSeconds = (Date.now() - rawRead) / 1000;
    const topic = (await topics.get({ communityId: COMMUNITY, topicId: recountTopic }, { consistent: true })).Item!;
    const c0 = Date.now();
    const counted = await countPoll(topic, new Date());
    const countSeconds = (Date.now() - c0) / 1000;
    const p0 = Date.now();
    const closed = await closePoll(COMMUNITY, recountTopic, new Date());
    const closeSeconds = (Date.now() - p0) / 1000;
    const viaApi0 = Date.now();
    const viaApi = await ctx.call(agoraRoutes.recount, {
      token: committeeToken,
      params: { communityId: COMMUNITY, topicId: recountTopic },
    });
    const apiSeconds = (Date.now() - viaApi0) / 1000;
    raw.destroy();
    ctx.log(
      `recount: ${counted.result.ballots} ballots in ${countSeconds.toFixed(2)} s (raw query of the ballots ${rawSeconds.toFixed(2)} s); close ${closed} in ${closeSeconds.toFixed(2)} s; API recount ${viaApi.status} in ${apiSeconds.toFixed(2)} s`,
    );

    const ok =
      accepted.size === HOUSEHOLDS &&
      ballotsStored.count === HOUSEHOLDS &&
      voterCount === HOUSEHOLDS &&
      lost === 0 &&
      failed.length === 0;
    return {
      title: '议事厅: 3,500 household ballots in a burst, and the close-time recount of 13,000',
      goals: [
        {
          measure: 'vote cast (request path), 50 in flight',
          cpu: { route: burstCpu, raw: rawCpu },
          value: HOUSEHOLDS / burst.seconds / rawTx.perSecond,
          goal: 0.25,
          kind: 'atLeast',
          unit: '×',
          baseline: `raw TransactWriteItems of its shape (box check + 2 conditional puts), before and after the burst: ${rate(rawTx.perSecond)} (API ${rate(HOUSEHOLDS / burst.seconds)} accepted, p50 ${ms(burst.p50)}). CPU per cast: ${cpuText(burstCpu)}; per raw transaction: ${cpuText(rawCpu)}`,
        },
      ],
      markdown: [
        `| measure | value |`,
        `| --- | --- |`,
        `| cast attempts (${HOUSEHOLDS} households + ${DUPLICATES} second phones, ${CONCURRENCY} in flight) | ${attempts.length} in ${burst.seconds.toFixed(1)} s |`,
        `| answers in the burst: accepted / refused (already voted) / failed (no answer or 5xx) | ${burst.statuses[201] ?? 0} / ${burst.statuses[409] ?? 0} / ${burst.errors} |`,
        `| failed ones retried with the same request id (as the app does) | ${retried} → ${JSON.stringify(retryStatuses)} |`,
        `| distinct receipts accepted | ${accepted.size} |`,
        `| accepted per second (API) | ${rate(HOUSEHOLDS / burst.seconds)} |`,
        `| latency p50 / p99 (API) | ${ms(burst.p50)} / ${ms(burst.p99)} |`,
        `| raw TransactWriteItems of the same shape, same concurrency (before / after the burst) | ${rate(rawBefore.perSecond)} / ${rate(rawAfter.perSecond)} (p99 before ${ms(rawBefore.p99)}) |`,
        `| API accepted/s ÷ raw transactions/s (mean of before and after) | ${(HOUSEHOLDS / burst.seconds / rawTx.perSecond).toFixed(2)} |`,
        `| ballots stored / voter records / accepted receipts missing | ${ballotsStored.count} / ${voterCount} / ${lost} |`,
        `| recount of ${RECOUNT_BALLOTS.toLocaleString('en')} ballots (query + tally, in-process) | ${countSeconds.toFixed(2)} s (${rate(RECOUNT_BALLOTS / countSeconds)}) |`,
        `| raw Query of the same ${rawBallots.count.toLocaleString('en')} ballots | ${rawSeconds.toFixed(2)} s |`,
        `| recount ÷ raw query time | ${(countSeconds / rawSeconds).toFixed(2)} |`,
        `| close (recount + immutable result + notification), in-process | ${closeSeconds.toFixed(2)} s |`,
        `| recount endpoint over HTTP (recount + compare with the published result) | ${apiSeconds.toFixed(2)} s, ${viaApi.status === 200 && (viaApi.body as { matches: boolean }).matches ? 'matches' : 'MISMATCH'} |`,
        '',
        ok
          ? `Every household's ballot is stored exactly once (${HOUSEHOLDS} ballots, ${HOUSEHOLDS} voter records, no accepted receipt missing); second phones were refused; requests that got no answer were retried with their request id and counted once.`
          : `**Integrity check failed**: see the counts above.`,
      ].join('\n'),
    };
  },
};
