/**
 * The table side of the notifications benchmark: seeding 3,500 households and reading the outcome.
 * Loaded by notifications.ts only once the stack is up, because importing the Lambdas' modules creates
 * their DynamoDB client, which must see the local endpoint the stack sets.
 */
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { BatchWriteCommand, execute as batchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  DEFAULT_PREFERENCES,
  SUBSCRIBE_TEMPLATES,
  buildingIdOf,
  gridIdOf,
  unitIdOf,
  PRIVACY_GUIDELINE,
} from '@linli/shared';
import { buildings } from '../../functions/src/db/entities/building';
import { communities } from '../../functions/src/db/entities/community';
import { grids } from '../../functions/src/db/entities/grid';
import { inboxStates } from '../../functions/src/db/entities/inboxState';
import { memberships } from '../../functions/src/db/entities/membership';
import {
  NotificationIntentEntity,
  notificationIntents,
  OPEN_INDEX_SHARDS,
} from '../../functions/src/db/entities/notificationIntent';
import { notificationPreferences } from '../../functions/src/db/entities/notificationPreferences';
import { openIdClaims } from '../../functions/src/db/entities/openIdClaim';
import { subscribeGrants } from '../../functions/src/db/entities/subscribeGrant';
import { users } from '../../functions/src/db/entities/user';
import { LinliTable } from '../../functions/src/db/table';
import { intentIdOf, notificationIntent } from '../../functions/src/notifications/outbox';
import { transact } from '../../functions/src/db/transactions';

export const COMMUNITY = 'benchbroadcast';
export const HOUSEHOLDS = 3500;
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
export async function seedCommunity(now: Date, wechatUrl: string, log: (line: string) => void) {
  const started = Date.now();
  const gridId = gridIdOf(COMMUNITY, '大网格');
  await communities.put({ communityId: COMMUNITY, name: '压测社区', district: '鼓楼区', street: '东街街道' });
  await grids.put({ communityId: COMMUNITY, gridId, name: '大网格' });
  const stamp = now.toISOString();
  const requests = [];
  for (let b = 0; b < HOUSEHOLDS / PER_BUILDING; b++) {
    const buildingName = `${b + 1}栋`;
    const buildingId = buildingIdOf(COMMUNITY, buildingName);
    await buildings.put({
      communityId: COMMUNITY,
      buildingId,
      name: buildingName,
      gridId,
      unitCount: PER_BUILDING,
      area: 0,
      boundUnits: PER_BUILDING,
    });
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
        memberships.batchPut({
          communityId: COMMUNITY,
          unitId,
          userId,
          buildingId,
          gridId,
          relation: 'owner',
          since: stamp,
        }),
        notificationPreferences.batchPut({
          userId,
          ...DEFAULT_PREFERENCES,
          quietHours: { ...DEFAULT_PREFERENCES.quietHours, enabled: false },
          updatedAt: stamp,
        }),
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
        await fetch(`${wechatUrl}/dev/grants`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: openidOf(i), templateId: TEMPLATE, count: 1 }),
        });
      }
    }),
  );
  log(
    `seeded ${HOUSEHOLDS} households (${requests.length} items + ${HOUSEHOLDS} stand-in grants) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

export async function openIntentsOfCommunity(): Promise<number> {
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

export async function unreadCounts(): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < HOUSEHOLDS; i += 100) {
    const ids = Array.from({ length: Math.min(100, HOUSEHOLDS - i) }, (_, j) => userIdOf(i + j));
    const { Responses } = await batchGet(
      { maxAttempts: 10 },
      LinliTable.build(BatchGetCommand).requests(...ids.map((userId) => inboxStates.batchGet({ userId }))),
    );
    for (const item of (Responses?.[0] ?? []) as ({ unread?: number } | undefined)[]) counts.push(item?.unread ?? 0);
  }
  return counts;
}

/**
 * Waits until the table's stream has caught up with the seed (locally the stream plugin reads a bounded
 * number of records per interval, so 14,000 seed writes take a while to pass): a probe intent written
 * now is delivered only after every earlier record was read.
 */
export async function awaitStreamCaughtUp(): Promise<number> {
  const started = Date.now();
  const key = `bench-probe-${started}`;
  await transact({
    intent: notificationIntent(
      {
        communityId: COMMUNITY,
        event: 'broadcast.published',
        dedupeKey: key,
        recipientId: 'bench_committee',
        title: '压测探针',
        body: '确认通知流已追上',
        link: '',
        data: { sender: '压测' },
      },
      new Date(),
    ),
  });
  for (;;) {
    const { Item } = await notificationIntents.get(
      { intentId: intentIdOf('broadcast.published', key) },
      { consistent: true },
    );
    if (Item?.status === 'delivered') return Date.now() - started;
    if (Date.now() - started > 600_000) throw new Error('the stream did not catch up within 10 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Whether the notice's audience intent has been expanded to the last page. */
export async function parentDelivered(broadcastId: string): Promise<boolean> {
  const { Item } = await notificationIntents.get(
    { intentId: intentIdOf('broadcast.published', `${COMMUNITY}:${broadcastId}`) },
    { consistent: true },
  );
  return Item?.status === 'delivered';
}
