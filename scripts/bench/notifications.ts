/**
 * A community notice to 3,500 households, end to end on the local stack: the API writes the notice and
 * its audience intent, the stream dispatcher expands it page by page into 3,500 per-resident intents and
 * delivers each to the inbox and as a WeChat subscribe message (every resident holds one grant, here and
 * at the stand-in). Measures the time until every inbox entry and every send is done, sends per second
 * against the raw DynamoDB baseline, and counts duplicates (there must be none).
 */
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { BatchWriteCommand, execute as batchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { API, DEFAULT_PREFERENCES, SUBSCRIBE_TEMPLATES, buildingIdOf, gridIdOf, unitIdOf, PRIVACY_GUIDELINE } from '@linli/shared';
import { buildings } from '../../functions/src/db/entities/building';
import { communities } from '../../functions/src/db/entities/community';
import { grids } from '../../functions/src/db/entities/grid';
import { inboxStates } from '../../functions/src/db/entities/inboxState';
import { memberships } from '../../functions/src/db/entities/membership';
import { NotificationIntentEntity, notificationIntents, OPEN_INDEX_SHARDS } from '../../functions/src/db/entities/notificationIntent';
import { notificationPreferences } from '../../functions/src/db/entities/notificationPreferences';
import { openIdClaims } from '../../functions/src/db/entities/openIdClaim';
import { subscribeGrants } from '../../functions/src/db/entities/subscribeGrant';
import { users } from '../../functions/src/db/entities/user';
import { LinliTable } from '../../functions/src/db/table';
import { intentIdOf } from '../../functions/src/notifications/outbox';
import type { Benchmark } from './context';

const COMMUNITY = 'benchbroadcast';
const HOUSEHOLDS = 3500;
const PER_BUILDING = 100;
const TEMPLATE = SUBSCRIBE_TEMPLATES.communityNotice.id;
const openidOf = (i: number) => `bench-openid-${i}`;
const userIdOf = (i: number) => `bench_${i}`;

/** Writes requests 25 at a time (BatchWriteItem's limit), 8 batches in flight, retrying unprocessed items. */
async function writeAll(requests: Parameters<BatchWriteCommand['requests']>) {
  const batches: Parameters<BatchWriteCommand['requests']>[] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await batchWrite({ maxAttempts: 10 }, LinliTable.build(BatchWriteCommand).requests(...batch));
      }
    }),
  );
}

/** 3,500 households (one bound resident each) in 35 buildings, each resident with one grant and no quiet hours. */
async function seedCommunity(now: Date, wechatUrl: string, log: (line: string) => void) {
  const started = Date.now();
  const gridId = gridIdOf(COMMUNITY, '大网格');
  await communities.put({ communityId: COMMUNITY, name: '压测社区', district: '鼓楼区', street: '东街街道' });
  await grids.put({ communityId: COMMUNITY, gridId, name: '大网格' });
  const stamp = now.toISOString();
  const requests = [];
  for (let b = 0; b < HOUSEHOLDS / PER_BUILDING; b++) {
    const buildingName = `${b + 1}栋`;
    const buildingId = buildingIdOf(COMMUNITY, buildingName);
    await buildings.put({ communityId: COMMUNITY, buildingId, name: buildingName, gridId, unitCount: PER_BUILDING, area: 0, boundUnits: PER_BUILDING });
    for (let u = 0; u < PER_BUILDING; u++) {
      const i = b * PER_BUILDING + u;
      const userId = userIdOf(i);
      const unitId = unitIdOf(COMMUNITY, buildingName, '', String(u + 1));
      requests.push(
        users.batchPut({
          userId,
          openid: openidOf(i),
          nickname: `居民${i}`,
          largeText: false,
          grants: { [`resident|${COMMUNITY}||`]: { role: 'resident', communityId: COMMUNITY } },
          memberships: {},
          status: 'active',
          createdAt: stamp,
          privacyVersion: PRIVACY_GUIDELINE.version,
          privacyAcceptedAt: stamp,
        }),
        memberships.batchPut({ communityId: COMMUNITY, unitId, userId, buildingId, gridId, relation: 'owner', since: stamp }),
        notificationPreferences.batchPut({ userId, ...DEFAULT_PREFERENCES, quietHours: { ...DEFAULT_PREFERENCES.quietHours, enabled: false }, updatedAt: stamp }),
        subscribeGrants.batchPut({ userId, templateId: TEMPLATE, remaining: 1, updatedAt: stamp }),
      );
    }
  }
  // The sender: a committee member of the bench community.
  requests.push(
    users.batchPut({
      userId: 'bench_committee',
      openid: 'bench-openid-committee',
      nickname: '压测居委会',
      largeText: false,
      grants: { [`committee|${COMMUNITY}||`]: { role: 'committee', communityId: COMMUNITY } },
      memberships: {},
      status: 'active',
      createdAt: stamp,
      privacyVersion: PRIVACY_GUIDELINE.version,
      privacyAcceptedAt: stamp,
    }),
    openIdClaims.batchPut({ openid: 'bench-openid-committee', userId: 'bench_committee' }),
  );
  await writeAll(requests);
  // The same grants at the WeChat stand-in, as if each resident had tapped 允许 once.
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < HOUSEHOLDS) {
        const i = next++;
        await fetch(`${wechatUrl}/dev/grants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: openidOf(i), templateId: TEMPLATE, count: 1 }) });
      }
    }),
  );
  log(`seeded ${HOUSEHOLDS} households (${requests.length} items + ${HOUSEHOLDS} stand-in grants) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function openIntentsOfCommunity(): Promise<number> {
  let open = 0;
  for (let shard = 0; shard < OPEN_INDEX_SHARDS; shard++) {
    const { Items = [] } = await LinliTable.build(QueryCommand)
      .entities(NotificationIntentEntity)
      .query({ index: 'GSI2', partition: `NOTIFY#OPEN#${shard}` })
      .options({ maxPages: Infinity, attributes: ['intentId', 'communityId'] })
      .send();
    open += Items.filter((i) => i.communityId === COMMUNITY).length;
  }
  return open;
}

async function unreadCounts(): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < HOUSEHOLDS; i += 100) {
    const ids = Array.from({ length: Math.min(100, HOUSEHOLDS - i) }, (_, j) => userIdOf(i + j));
    const { Responses } = await batchGet({ maxAttempts: 10 }, LinliTable.build(BatchGetCommand).requests(...ids.map((userId) => inboxStates.batchGet({ userId }))));
    for (const item of (Responses?.[0] ?? []) as ({ unread?: number } | undefined)[]) counts.push(item?.unread ?? 0);
  }
  return counts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

export const notificationsBenchmark: Benchmark = {
  name: 'notifications',
  async run(ctx) {
    await seedCommunity(new Date(), ctx.urls.wechat, ctx.log);
    const token = await ctx.signIn({ openid: 'bench-openid-committee' });

    const t0 = Date.now();
    const sent = await ctx.call(API.notifications.sendBroadcast, {
      token,
      params: { communityId: COMMUNITY },
      body: { requestId: `bench-${t0.toString(36)}`, title: '全社区消防演练通知', body: '本周六上午 9 点全社区消防演练，请听从楼长指挥有序疏散。', scope: {} },
    });
    if (sent.status !== 201) throw new Error(`sendBroadcast answered ${sent.status}`);
    const accepted = Date.now() - t0;
    const parentId = intentIdOf('broadcast.published', `${COMMUNITY}:${sent.body.broadcastId}`);

    let expandedAt: number | undefined;
    let doneAt: number | undefined;
    const deadline = t0 + 15 * 60_000;
    while (Date.now() < deadline) {
      await sleep(2000);
      if (!expandedAt) {
        const { Item } = await notificationIntents.get({ intentId: parentId }, { consistent: true });
        if (Item?.status === 'delivered') expandedAt = Date.now();
      }
      const open = await openIntentsOfCommunity();
      ctx.log(`${seconds(Date.now() - t0)} s: ${expandedAt ? 'expanded' : 'expanding'}, ${open} intents still open`);
      if (expandedAt && open === 0) {
        doneAt = Date.now();
        break;
      }
    }
    if (!doneAt) throw new Error('the broadcast did not finish within 15 minutes');

    const sends = ((await (await fetch(`${ctx.urls.wechat}/dev/sent`)).json()) as { touser: string; errcode: number }[]).filter((s) => s.touser.startsWith('bench-openid-'));
    const perRecipient = new Map<string, number>();
    for (const s of sends.filter((x) => x.errcode === 0)) perRecipient.set(s.touser, (perRecipient.get(s.touser) ?? 0) + 1);
    const duplicateSends = [...perRecipient.values()].filter((n) => n > 1).length;
    const missingSends = HOUSEHOLDS - perRecipient.size;
    const unread = await unreadCounts();
    const duplicateInbox = unread.filter((n) => n > 1).length;
    const missingInbox = unread.filter((n) => n === 0).length;
    const total = (doneAt - t0) / 1000;
    const perSecond = HOUSEHOLDS / total;
    ctx.log(`done in ${total.toFixed(1)} s: ${perSecond.toFixed(0)} recipients/s, duplicates ${duplicateSends}/${duplicateInbox}, missing ${missingSends}/${missingInbox}`);

    return {
      title: `Notifications: a community notice to ${HOUSEHOLDS.toLocaleString('en')} households`,
      markdown: [
        '| measure | value |',
        '| --- | --- |',
        `| API answer (notice + audience intent, one transaction) | ${accepted} ms |`,
        `| audience expanded into per-resident intents | ${seconds((expandedAt ?? doneAt) - t0)} s |`,
        `| every inbox entry and WeChat send done | ${total.toFixed(1)} s |`,
        `| recipients delivered per second (inbox + WeChat each) | ${perSecond.toFixed(0)}/s (${(perSecond / ctx.baseline.transactionsPerSecond).toFixed(2)}× the raw TransactWriteItems rate) |`,
        `| WeChat sends accepted / attempted | ${sends.filter((s) => s.errcode === 0).length} / ${sends.length} |`,
        `| duplicate sends / duplicate inbox entries | ${duplicateSends} / ${duplicateInbox} |`,
        `| recipients missing a send / an inbox entry | ${missingSends} / ${missingInbox} |`,
        '',
        'Each recipient costs about 11 DynamoDB operations (child intent, 3 reads, inbox transaction, delivery read, ' +
          'reservation transaction, WeChat call, 2 status updates), so the ratio to the raw transaction rate is the figure to watch.',
      ].join('\n'),
    };
  },
};
