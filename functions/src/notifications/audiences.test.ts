import { buildingIdOf, gridIdOf, unitIdOf, type Principal } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  at,
  COMMUNITY,
  drainStream,
  inboxOf,
  openIntents,
  resident,
  rosterFixture,
  startWeChat,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { broadcasts } from '../db/entities/broadcast';
import { notificationIntents } from '../db/entities/notificationIntent';
import { transact } from '../db/transactions';
import { grantRole } from '../roster/staff';
import { agoraAudiences } from '../agora/audiences';
import { expandAudience, featureAudiences } from './audiences';
import { previewBroadcast, sendBroadcast } from './broadcasts';
import { childIntentId, dispatchIntent } from './dispatch';
import { intentIdOf, notificationIntent } from './outbox';
import { listFailed } from './failures';

useTestTable();
jest.setTimeout(60_000);

const building = (name: string) => buildingIdOf(COMMUNITY, name);
const unit = (b: string, room: string) => unitIdOf(COMMUNITY, b, '1单元', room);
const committee: Principal = {
  userId: 'committee-1',
  grants: [{ role: 'committee', communityId: COMMUNITY }],
  memberships: [],
};
const gridOne = gridIdOf(COMMUNITY, '第一网格');
const gridWorker: Principal = {
  userId: 'grid-1',
  grants: [{ role: 'gridWorker', communityId: COMMUNITY, gridId: gridOne }],
  memberships: [],
};
let wechat: WeChatHarness;

/** Who lives where: 1栋 four households (one with two residents), 2栋 two, 3栋 three; r13 owns units in 1栋 and 3栋. */
const households: [string, string, string][] = [
  ['r1', '1栋', '101'],
  ['r2', '1栋', '101'],
  ['r3', '1栋', '201'],
  ['r4', '1栋', '301'],
  ['r5', '1栋', '401'],
  ['r6', '2栋', '101'],
  ['r7', '2栋', '201'],
  ['r8', '3栋', '101'],
  ['r9', '3栋', '201'],
  ['r10', '3栋', '301'],
  ['r13', '1栋', '401'],
  ['r13', '3栋', '401'],
];

beforeAll(async () => {
  at('2026-11-23T10:00:00');
  await rosterFixture();
  const made = new Set<string>();
  for (const [userId, b, room] of households) {
    if (made.has(userId)) {
      const { bindUserToUnit } = await import('../households/bindUnit');
      const { units } = await import('../db/entities/unit');
      const { Item } = await units.get({ communityId: COMMUNITY, unitId: unit(b, room) });
      await bindUserToUnit(
        {
          user: { userId, nickname: userId },
          household: { unit: Item!, communityName: '测试社区' },
          relation: 'owner',
          now: testClock.now,
        },
        {},
      );
    } else await resident(userId, unit(b, room));
    made.add(userId);
  }
  wechat = await startWeChat({ pageSize: 3, expansionBudgetMs: 0 });
});
afterAll(() => wechat.close());

const everyone = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r13'];

async function recipientsOf(audience: Parameters<typeof expandAudience>[0]['audience']) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await expandAudience({ communityId: COMMUNITY, audience, cursor, limit: 3 });
    ids.push(...page.userIds);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('expandAudience', () => {
  it('pages through the bound residents of a scope', async () => {
    expect(new Set(await recipientsOf({ kind: 'scope', scope: {} }))).toEqual(new Set(everyone));
    expect(new Set(await recipientsOf({ kind: 'scope', scope: { buildingIds: [building('2栋')] } }))).toEqual(
      new Set(['r6', 'r7']),
    );
    expect(new Set(await recipientsOf({ kind: 'scope', scope: { gridIds: [gridOne] } }))).toEqual(
      new Set(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r13']),
    );
    expect(
      new Set(
        await recipientsOf({ kind: 'scope', scope: { unitIds: [unit('1栋', '101')], buildingIds: [building('3栋')] } }),
      ),
    ).toEqual(new Set(['r1', 'r2', 'r8', 'r9', 'r10', 'r13']));
  });

  it('does not count a building twice when its grid is also named', async () => {
    const ids = await recipientsOf({ kind: 'scope', scope: { gridIds: [gridOne], buildingIds: [building('1栋')] } });
    expect(ids.filter((id) => id === 'r1')).toHaveLength(1);
  });

  it('finds staff by role and grid', async () => {
    await grantRole({
      principal: committee,
      communityId: COMMUNITY,
      input: { userId: 'r6', role: 'buildingHead', buildingId: building('2栋') },
      now: testClock.now,
    });
    expect(await recipientsOf({ kind: 'staff', roles: ['buildingHead'] })).toEqual(['r6']);
    expect(await recipientsOf({ kind: 'staff', roles: ['gridWorker'] })).toEqual([]);
  });
});

describe('a community notice (社区通知)', () => {
  it('previews households and residents per building, then reaches exactly those residents, once each', async () => {
    const scope = { buildingIds: [building('1栋'), building('2栋')] };
    const preview = await previewBroadcast(committee, COMMUNITY, scope);
    expect(preview).toEqual({
      households: 6,
      residents: 8,
      buildings: [
        { buildingId: building('1栋'), name: '1栋', households: 4, residents: 6 },
        { buildingId: building('2栋'), name: '2栋', households: 2, residents: 2 },
      ],
    });

    const sent = await sendBroadcast({
      principal: committee,
      communityId: COMMUNITY,
      input: { requestId: 'req-notice-1', title: '1、2栋停电通知', body: '周六 9 点至 11 点停电检修', scope },
      now: testClock.now,
    });
    expect(sent).toMatchObject({
      scopeLabel: '1栋、2栋',
      senderLabel: '测试社区居委会',
      recipients: 0,
      completed: false,
    });

    // One page of three per invocation: the parent goes through `expanding` several times.
    const parent = intentIdOf('broadcast.published', `${COMMUNITY}:${sent.broadcastId}`);
    expect(await dispatchIntent({ intent: parent, now: testClock.now }, wechat.deps)).toBe('expanding');
    expect(await dispatchIntent({ intent: parent, now: testClock.now }, wechat.deps)).toBe('expanding');
    await drainStream(wechat.deps);

    // This notice's entries only: the other tests of the file send these residents other messages.
    const received = async (userId: string) =>
      (await inboxOf(userId)).map((i) => i.title).filter((title) => title === '1、2栋停电通知');
    for (const userId of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r13'])
      expect({ userId, titles: await received(userId) }).toEqual({ userId, titles: ['1、2栋停电通知'] });
    for (const userId of ['r8', 'r9', 'r10'])
      expect({ userId, titles: await received(userId) }).toEqual({ userId, titles: [] });
    const notice = (await broadcasts.get({ communityId: COMMUNITY, broadcastId: sent.broadcastId })).Item!;
    expect(notice.recipients).toBe(8);
    expect(notice.completedAt).toBeDefined();
    expect((await notificationIntents.get({ intentId: parent })).Item).toMatchObject({
      status: 'delivered',
      recipients: 8,
    });
  });

  it('re-expanding a page after a crash (progress not yet recorded) writes nobody twice', async () => {
    const sent = await sendBroadcast({
      principal: committee,
      communityId: COMMUNITY,
      input: {
        requestId: 'req-notice-2',
        title: '3栋通知',
        body: '楼道清理',
        scope: { buildingIds: [building('3栋')] },
      },
      now: testClock.now,
    });
    const parentId = intentIdOf('broadcast.published', `${COMMUNITY}:${sent.broadcastId}`);
    const parent = (await notificationIntents.get({ intentId: parentId })).Item!;
    // Two dispatchers start from the same state (a redelivered stream batch): both write page one.
    await Promise.all([
      dispatchIntent({ intent: parent, now: testClock.now }, wechat.deps),
      dispatchIntent({ intent: parent, now: testClock.now }, wechat.deps),
    ]);
    await drainStream(wechat.deps);
    for (const userId of ['r8', 'r9', 'r10', 'r13'])
      expect({ userId, n: (await inboxOf(userId)).filter((i) => i.title === '3栋通知').length }).toEqual({
        userId,
        n: 1,
      });
    expect((await broadcasts.get({ communityId: COMMUNITY, broadcastId: sent.broadcastId })).Item!.recipients).toBe(4);
  });

  it('answers a retried send with the notice the first one made', async () => {
    const input = {
      requestId: 'req-notice-3',
      title: '重复提交',
      body: '同一个请求发了两次',
      scope: { buildingIds: [building('2栋')] },
    };
    const first = await sendBroadcast({ principal: committee, communityId: COMMUNITY, input, now: testClock.now });
    const again = await sendBroadcast({
      principal: committee,
      communityId: COMMUNITY,
      input,
      now: new Date(testClock.now.getTime() + 5000),
    });
    expect(again.broadcastId).toBe(first.broadcastId);
    await drainStream(wechat.deps);
    expect((await inboxOf('r6')).filter((i) => i.title === '重复提交')).toHaveLength(1);
  });

  it('lets a grid worker address only their own grid, never the whole community', async () => {
    await expect(previewBroadcast(gridWorker, COMMUNITY, { buildingIds: [building('1栋')] })).resolves.toMatchObject({
      households: 4,
    });
    await expect(previewBroadcast(gridWorker, COMMUNITY, { buildingIds: [building('3栋')] })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      sendBroadcast({
        principal: gridWorker,
        communityId: COMMUNITY,
        input: { requestId: 'req-grid-1', title: '全社区', body: '越权', scope: {} },
        now: testClock.now,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(previewBroadcast(committee, COMMUNITY, { buildingIds: ['b-nowhere'] })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'body.scope.buildingIds' }],
    });
  });
});

describe('audiences other features provide', () => {
  afterEach(() => {
    featureAudiences.topicNonVoters = agoraAudiences.topicNonVoters;
  });

  /**
   * Paging through a feature's audience, with a stand-in provider; the real non-voters of a poll are
   * covered end to end in agora/closingSoon.test.ts.
   */
  it('reaches exactly the members a provider names (a stand-in nonVotersOf), paging by user id', async () => {
    const voted = new Set(['r1', 'r4', 'r8']);
    featureAudiences.topicNonVoters = async (_communityId, audience) => {
      expect(audience.topicId).toBe('topic-7');
      return everyone.filter((u) => !voted.has(u));
    };
    await transact({
      intent: notificationIntent(
        {
          communityId: COMMUNITY,
          event: 'broadcast.published',
          dedupeKey: 'closing-topic-7',
          audience: { kind: 'topicNonVoters', topicId: 'topic-7' },
          title: '议题明天截止',
          body: '还没有投票的住户请尽快投票',
          link: '/pages/agora/index',
          data: { sender: '议事厅' },
        },
        testClock.now,
      ),
    });
    await drainStream(wechat.deps);
    for (const userId of everyone) {
      const got = (await inboxOf(userId)).filter((i) => i.title === '议题明天截止').length;
      expect({ userId, got }).toEqual({ userId, got: voted.has(userId) ? 0 : 1 });
    }
  });

  it('parks an audience nobody provides yet, with the reason, for an admin to see', async () => {
    delete featureAudiences.topicNonVoters;
    await transact({
      intent: notificationIntent(
        {
          communityId: COMMUNITY,
          event: 'broadcast.published',
          dedupeKey: 'closing-topic-8',
          audience: { kind: 'topicNonVoters', topicId: 'topic-8' },
          title: '无人提供',
          body: 'x',
          link: '',
          data: { sender: '议事厅' },
        },
        testClock.now,
      ),
    });
    await drainStream(wechat.deps);
    const failed = await listFailed(COMMUNITY, { limit: 10 });
    expect(failed.items.find((f) => f.title === '无人提供')).toMatchObject({
      reason: '该接收范围暂不支持（相应功能尚未上线）',
      recipient: '议题尚未投票的住户',
    });
    expect((await openIntents()).filter((i) => i.title === '无人提供')).toEqual([]);
  });

  it('derives a child intent id from the parent and the recipient', () => {
    expect(childIntentId('nparent', 'broadcast.published', 'r1')).toBe(
      childIntentId('nparent', 'broadcast.published', 'r1'),
    );
    expect(childIntentId('nparent', 'broadcast.published', 'r1')).not.toBe(
      childIntentId('nparent', 'broadcast.published', 'r2'),
    );
  });
});
