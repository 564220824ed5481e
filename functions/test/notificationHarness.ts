/**
 * What the notification integration tests share: a small community on DynamoDB Local, residents bound
 * through the real binding code, the WeChat stand-in in process (with the real template config, so a
 * bad keyword answers 47003), a WeChat client on a test clock, and a stand-in for the table's stream.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import {
  MINUTE_MS,
  parseRosterSheet,
  planRoster,
  PRIVACY_GUIDELINE,
  SUBSCRIBE_TEMPLATES,
  type RosterPlan,
} from '@linli/shared';
import { startWeChatStandIn, type WeChatStandIn } from '../../devstack/wechat/server';
import { communities } from '../src/db/entities/community';
import type { NotificationIntentItem } from '../src/db/entities/notificationIntent';
import { InboxItemEntity } from '../src/db/entities/inboxItem';
import { openIdClaims } from '../src/db/entities/openIdClaim';
import { units } from '../src/db/entities/unit';
import { users } from '../src/db/entities/user';
import { LinliTable } from '../src/db/table';
import { bindUserToUnit } from '../src/households/bindUnit';
import { writeRosterPlan } from '../src/roster/transfer/importRoster';
import { provideAudiences } from '../src/notifications/audiences';
import { FEATURE_AUDIENCES } from '../src/notifications/featureAudiences';
import { dispatchStreamBatch } from '../src/notifications/streamBatch';
import type { DispatchDeps } from '../src/notifications/dispatch';
import { queryOpenIntents } from '../src/notifications/sweep';
import { dynamoAccessTokenStore } from '../src/wechat/accessTokenStore';
import { createWeChatClient, type SubscribeMessage, type WeChatClient } from '../src/wechat/client';

// The dispatcher Lambdas install the feature audiences at start; tests that dispatch do it here.
provideAudiences(FEATURE_AUDIENCES);

export const COMMUNITY = 'testcommunity';
export const HEADER = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];

/** A test clock every part reads: the dispatcher's `now`, the WeChat client and the stand-in. */
export const testClock = { now: new Date('2026-11-23T02:00:00Z') }; // 10:00 in China
export const advance = (minutes: number) => (testClock.now = new Date(testClock.now.getTime() + minutes * MINUTE_MS));
export const at = (cst: string) => (testClock.now = new Date(`${cst}+08:00`));

/** Two grids; buildings 1栋 and 2栋 in 第一网格, 3栋 in 第二网格; `perBuilding` units each. */
export async function rosterFixture(communityId = COMMUNITY, perBuilding = 4): Promise<RosterPlan> {
  await communities.put({ communityId, name: '测试社区', district: '鼓楼区', street: '东街街道' });
  const cells: (string | number)[][] = [HEADER];
  for (const [building, grid] of [
    ['1栋', '第一网格'],
    ['2栋', '第一网格'],
    ['3栋', '第二网格'],
  ] as const)
    for (let i = 1; i <= perBuilding; i++)
      cells.push([
        grid,
        building,
        '1单元',
        `${i}01`,
        i,
        80,
        `业主${building}${i}`,
        `1380000${String(i).padStart(4, '0')}`,
      ]);
  const plan = planRoster(communityId, parseRosterSheet(cells).rows);
  await writeRosterPlan({ communityId, plan });
  return plan;
}

export async function createUser(userId: string, openid: string | undefined, nickname = userId) {
  await users.put({
    userId,
    openid,
    nickname,
    largeText: false,
    grants: {},
    memberships: {},
    status: 'active',
    createdAt: testClock.now.toISOString(),
    privacyVersion: PRIVACY_GUIDELINE.version,
    privacyAcceptedAt: testClock.now.toISOString(),
  });
  if (openid) await openIdClaims.put({ openid, userId });
}

/** A resident bound to a unit through the same transaction the API uses. */
export async function resident(
  userId: string,
  unitId: string,
  communityId = COMMUNITY,
  openid: string | undefined = `o-${userId}`,
) {
  await createUser(userId, openid);
  const { Item: unit } = await units.get({ communityId, unitId });
  if (!unit) throw new Error(`no unit ${unitId}`);
  await bindUserToUnit(
    {
      user: { userId, nickname: userId },
      household: { unit, communityName: '测试社区' },
      relation: 'owner',
      now: testClock.now,
    },
    {},
  );
  return userId;
}

export interface WeChatHarness {
  wx: WeChatStandIn;
  client: WeChatClient;
  deps: DispatchDeps;
  /** Sends the stand-in recorded to one openid (accepted or not). */
  sentTo(openid: string): { errcode: number; data: Record<string, string>; page?: string }[];
  close(): Promise<void>;
}

export async function startWeChat(
  extra: Partial<DispatchDeps> = {},
  wrap?: (send: (m: SubscribeMessage) => Promise<void>) => (m: SubscribeMessage) => Promise<void>,
): Promise<WeChatHarness> {
  const wx = await startWeChatStandIn({
    appId: process.env.WECHAT_APPID as string,
    appSecret: process.env.WECHAT_SECRET as string,
    now: () => testClock.now.getTime(),
    templates: Object.values(SUBSCRIBE_TEMPLATES).map((t) => ({
      id: t.id,
      title: t.title,
      keywords: { ...t.keywords },
    })),
  });
  const client = createWeChatClient({
    baseUrl: wx.url,
    appId: process.env.WECHAT_APPID as string,
    secret: async () => process.env.WECHAT_SECRET as string,
    tokenStore: dynamoAccessTokenStore,
    now: () => testClock.now.getTime(),
  });
  const send = wrap
    ? wrap((m) => client.sendSubscribeMessage(m))
    : (m: SubscribeMessage) => client.sendSubscribeMessage(m);
  return {
    wx,
    client,
    deps: { sender: () => ({ sendSubscribeMessage: send }), ...extra },
    sentTo: (openid) => wx.state.sent.filter((s) => s.touser === openid),
    close: () => wx.close(),
  };
}

/** Every intent still open (any shard, due or not), as the stream or the sweeper would find them. */
export const openIntents = (): Promise<NotificationIntentItem[]> => queryOpenIntents();

let sequence = 1000;
/** Stream records for intents, as the table's stream delivers their inserts (filtered to intents). */
export function streamRecords(intents: { intentId: string }[]): DynamoDBRecord[] {
  return intents.map((i) => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence++),
      NewImage: { intentId: { S: i.intentId }, _et: { S: 'NotificationIntent' } },
    },
  }));
}

/**
 * Plays the table's stream until it has nothing more to deliver: every intent the dispatcher's filter
 * admits (pending, or an audience still expanding) is handed over in batches, as the stream would.
 */
export async function drainStream(deps: DispatchDeps, batchSize = 100): Promise<number> {
  let batches = 0;
  for (let round = 0; round < 200; round++) {
    const work = (await openIntents()).filter((i) => i.status === 'pending' || i.status === 'expanding');
    if (!work.length) return batches;
    for (let i = 0; i < work.length; i += batchSize) {
      await dispatchStreamBatch(streamRecords(work.slice(i, i + batchSize)), deps, testClock.now);
      batches++;
    }
  }
  throw new Error('the stream did not settle');
}

export async function inboxOf(userId: string) {
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(InboxItemEntity)
    .query({ partition: `USER#${userId}`, range: { beginsWith: 'INBOX#' } })
    .options({ consistent: true, maxPages: Infinity })
    .send();
  return Items;
}
