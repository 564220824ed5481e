import { SUBSCRIBE_TEMPLATES } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  at,
  COMMUNITY,
  createUser,
  inboxOf,
  startWeChat,
  streamRecords,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { runWithContext, type RequestContext } from '../commons/requestContext';
import { inboxStates } from '../db/entities/inboxState';
import { notificationDeliveries } from '../db/entities/notificationDelivery';
import { notificationIntents } from '../db/entities/notificationIntent';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import { transact } from '../db/transactions';
import { deliverToInbox } from './inbox';
import { intentIdOf, notificationIntent } from './outbox';
import { dispatchStreamBatch } from './streamBatch';

useTestTable();

/**
 * A stream batch of a notice's recipients is delivered in bulk (bulkDelivery.ts): a few DynamoDB calls
 * for the whole batch instead of four per person, with the same outcome as one by one.
 */
const NOTICE: string = SUBSCRIBE_TEMPLATES.communityNotice.id;
let wechat: WeChatHarness;
let run = 0;

beforeAll(async () => {
  wechat = await startWeChat();
});
afterAll(() => wechat.close());
beforeEach(() => at('2026-11-23T10:00:00'));

/** `count` people, every other one holding a grant for the notice template (here and at WeChat). */
async function people(count: number) {
  run += 1;
  const ids = Array.from({ length: count }, (_, i) => `b${run}x${i}`);
  await Promise.all(
    ids.map(async (userId, i) => {
      await createUser(userId, `o-${userId}`);
      if (i % 2 === 0) {
        await subscribeGrants.put({ userId, templateId: NOTICE, remaining: 1, updatedAt: testClock.now.toISOString() });
        wechat.wx.state.addGrants(`o-${userId}`, NOTICE, 1);
      }
    }),
  );
  return ids;
}

/** One notice intent per person, as the expansion of an audience writes them. */
async function noticeTo(userIds: string[]) {
  await Promise.all(
    userIds.map((userId) =>
      transact({
        intent: notificationIntent(
          {
            communityId: COMMUNITY,
            event: 'broadcast.published',
            dedupeKey: `bulk-${userId}`,
            recipientId: userId,
            title: '周六上午停水',
            body: '1栋周六 9:00–12:00 检修水管，请提前储水。',
            link: '',
            data: { sender: '测试社区居委会' },
          },
          testClock.now,
        ),
      }),
    ),
  );
  return userIds.map((userId) => intentIdOf('broadcast.published', `bulk-${userId}`));
}

async function dispatchCounted(intentIds: string[]) {
  const ctx: RequestContext = { correlationId: 'bulk-test', dbOps: { reads: 0, writes: 0, commands: [], changed: [] } };
  const result = await runWithContext(ctx, () =>
    dispatchStreamBatch(streamRecords(intentIds.map((intentId) => ({ intentId }))), wechat.deps, testClock.now),
  );
  return { result, calls: ctx.dbOps.reads + ctx.dbOps.writes, commands: ctx.dbOps.commands };
}

/** Checks every person, a few at a time (reads one after another took most of a loaded machine's 30 s). */
const eachOf = async (ids: string[], check: (userId: string, i: number) => Promise<void>) => {
  for (let i = 0; i < ids.length; i += 20) await Promise.all(ids.slice(i, i + 20).map((id, j) => check(id, i + j)));
};
const unread = async (userId: string) => (await inboxStates.get({ userId }, { consistent: true })).Item?.unread ?? 0;
const deliveryOf = async (intentId: string) =>
  (await notificationDeliveries.get({ intentId, channel: 'wechat' }, { consistent: true })).Item;

// Volume tests: a machine shared by many makes each DynamoDB Local call slow, hence the longer timeouts.
it('delivers 30 people with a handful of calls: one inbox entry each, one send to each grant holder', async () => {
  const ids = await people(30);
  const intents = await noticeTo(ids);
  const { result, calls } = await dispatchCounted(intents);
  expect(result.batchItemFailures).toEqual([]);
  // Was four calls per person (inbox, reservation and finish transactions, plus the reads); DynamoDB Local
  // takes 10 writes a transaction (AWS 100), which keeps it near 0.8 here.
  expect(calls / ids.length).toBeLessThan(1);
  await eachOf(ids, async (userId, i) => {
    expect(await inboxOf(userId)).toHaveLength(1);
    expect(await unread(userId)).toBe(1);
    const intent = (await notificationIntents.get({ intentId: intents[i]! }, { consistent: true })).Item!;
    expect(intent).toMatchObject({ status: 'delivered', inboxDelivered: true });
    expect(intent.dueAt).toBeUndefined(); // out of the open index
    if (i % 2 === 0) {
      expect(wechat.sentTo(`o-${userId}`).filter((s) => s.errcode === 0)).toHaveLength(1);
      expect(await deliveryOf(intents[i]!)).toMatchObject({ status: 'sent', attempt: 1 });
      expect((await subscribeGrants.get({ userId, templateId: NOTICE }, { consistent: true })).Item?.remaining).toBe(0);
    } else {
      expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);
      expect(await deliveryOf(intents[i]!)).toMatchObject({ status: 'skipped', reason: 'noGrant' });
    }
  });
}, 120_000);

it('a replayed batch, some of it delivered already, gives nobody a second entry, count or send', async () => {
  const ids = await people(16);
  const intents = await noticeTo(ids);
  // A crashed dispatcher got some inbox entries in before it died: their chunks fall back one by one.
  for (const i of [0, 1, 12]) {
    const intent = (await notificationIntents.get({ intentId: intents[i]! }, { consistent: true })).Item!;
    await deliverToInbox(intent, ids[i]!);
  }
  await dispatchCounted(intents);
  await dispatchCounted(intents); // and the whole batch once more
  await eachOf(ids, async (userId, i) => {
    expect({ userId, entries: (await inboxOf(userId)).length, unread: await unread(userId) }).toEqual({
      userId,
      entries: 1,
      unread: 1,
    });
    expect(wechat.sentTo(`o-${userId}`).filter((s) => s.errcode === 0)).toHaveLength(i % 2 === 0 ? 1 : 0);
    expect((await notificationIntents.get({ intentId: intents[i]! }, { consistent: true })).Item?.status).toBe(
      'delivered',
    );
  });
}, 120_000);
