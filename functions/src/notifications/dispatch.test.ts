import { SUBSCRIBE_TEMPLATES, unitIdOf } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  advance,
  at,
  COMMUNITY,
  createUser,
  drainStream,
  inboxOf,
  resident,
  rosterFixture,
  startWeChat,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { inboxStates } from '../db/entities/inboxState';
import { notificationDeliveries } from '../db/entities/notificationDelivery';
import { notificationIntents } from '../db/entities/notificationIntent';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import { users } from '../db/entities/user';
import { transact } from '../db/transactions';
import { listFailed, retryFailed } from './failures';
import { intentIdOf, notificationIntent } from './outbox';
import { reportGrants, saveSettings, grantsOf } from './settings';
import { sweepDueIntents } from './sweep';
import { DEFAULT_PREFERENCES } from '@linli/shared';

useTestTable();

const NOTICE: string = SUBSCRIBE_TEMPLATES.communityNotice.id;
const REVIEW = SUBSCRIBE_TEMPLATES.reviewResult.id;
let wechat: WeChatHarness;
let unit = '';
let n = 0;

beforeAll(async () => {
  await rosterFixture();
  unit = unitIdOf(COMMUNITY, '1栋', '1单元', '101');
  wechat = await startWeChat();
});
afterAll(() => wechat.close());
// Every test has its own people (openids), so the stand-in's record needs no reset between tests.
beforeEach(() => at('2026-11-23T10:00:00'));

/** A fresh resident with `grants` subscribe grants for a template, counted by us and by WeChat alike. */
async function person(grants = 0) {
  const userId = `p${++n}`;
  await resident(userId, unit);
  for (let i = 0; i < grants; i++)
    await reportGrants(
      userId,
      { requestId: `req-${userId}-${i}`, results: { communityNotice: 'accept' } },
      testClock.now,
    );
  if (grants) wechat.wx.state.addGrants(`o-${userId}`, NOTICE, grants);
  return userId;
}

/** Writes an intent for one person as a feature would (the outbox put, in a transaction of its own here). */
async function notify(userId: string, extra: { urgent?: boolean; title?: string; key?: string } = {}) {
  const key = extra.key ?? `${userId}-${++n}`;
  await transact({
    intent: notificationIntent(
      {
        communityId: COMMUNITY,
        event: 'broadcast.published',
        dedupeKey: key,
        recipientId: userId,
        title: extra.title ?? '周六上午停水',
        body: '1栋周六 9:00–12:00 检修水管，请提前储水。',
        link: '',
        urgent: extra.urgent,
        data: { sender: '测试社区居委会' },
      },
      testClock.now,
    ),
  });
  return intentIdOf('broadcast.published', key);
}

const intentOf = async (intentId: string) => (await notificationIntents.get({ intentId }, { consistent: true })).Item!;
const deliveryOf = async (intentId: string) =>
  (await notificationDeliveries.get({ intentId, channel: 'wechat' }, { consistent: true })).Item;
const grantsLeft = async (userId: string, templateId = NOTICE) =>
  (await subscribeGrants.get({ userId, templateId }, { consistent: true })).Item?.remaining ?? 0;
const unread = async (userId: string) => (await inboxStates.get({ userId }, { consistent: true })).Item?.unread ?? 0;

describe('delivery to the inbox and WeChat', () => {
  it('puts the message in the inbox and, with a grant, sends the subscribe message once, spending the grant', async () => {
    const userId = await person(1);
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    await drainStream(wechat.deps); // a replayed stream changes nothing

    const inbox = await inboxOf(userId);
    expect(inbox.map((i) => i.title)).toEqual(['周六上午停水']);
    expect(await unread(userId)).toBe(1);
    const sent = wechat.sentTo(`o-${userId}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      errcode: 0,
      page: `packages/notices/pages/notice/index?id=${inbox[0]!.itemId}`,
      data: {
        thing1: '周六上午停水',
        thing2: '1栋周六 9:00–12:00 检修水…',
        thing3: '测试社区居委会',
        time4: '2026年11月23日 10:00',
      },
    });
    expect(await grantsLeft(userId)).toBe(0);
    expect(wechat.wx.state.grantsLeft(`o-${userId}`, NOTICE)).toBe(0);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered', inboxDelivered: true });
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'sent', attempt: 1 });
  });

  it('without a grant, delivers to the inbox only and never calls WeChat', async () => {
    const userId = await person(0);
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(await inboxOf(userId)).toHaveLength(1);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'skipped', reason: 'noGrant' });
  });

  it('on 43101 (WeChat holds no grant, whatever we counted) marks the grant spent and keeps the message in the inbox', async () => {
    const userId = await person(0);
    await reportGrants(userId, { requestId: `lost-${userId}`, results: { communityNotice: 'accept' } }, testClock.now); // WeChat never saw it
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([43101]);
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'refused', reason: 'wechat:43101' });
    expect(await grantsLeft(userId)).toBe(0);
    expect(await inboxOf(userId)).toHaveLength(1);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered' });

    // The next message does not even try: our count is zero now.
    await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(1);
  });

  it('refreshes the access_token once when WeChat answers 40001, and the send goes through', async () => {
    const userId = await person(1);
    await wechat.client.getAccessToken();
    const tokenCalls = () => wechat.wx.state.calls.filter((c) => c.api === 'stable_token').length;
    const before = tokenCalls();
    wechat.wx.state.injectFault('subscribe.send', 40001, 1);
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([40001, 0]);
    expect(tokenCalls()).toBe(before + 1);
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'sent' });
  });

  it('counts grants per template and spends them one per send, never below zero', async () => {
    const userId = await person(2);
    await notify(userId);
    await notify(userId);
    await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([0, 0]);
    expect(await grantsLeft(userId)).toBe(0);
    expect(await inboxOf(userId)).toHaveLength(3);
    expect((await grantsOf(userId)).find((g) => g.template === 'communityNotice')?.remaining).toBe(0);
  });

  it('does not count a retried grant report twice', async () => {
    const userId = await person(0);
    await reportGrants(
      userId,
      { requestId: 'same-request-1', results: { communityNotice: 'accept', reviewResult: 'reject' } },
      testClock.now,
    );
    await reportGrants(
      userId,
      { requestId: 'same-request-1', results: { communityNotice: 'accept', reviewResult: 'reject' } },
      testClock.now,
    );
    expect(await grantsLeft(userId)).toBe(1);
    expect(await grantsLeft(userId, REVIEW)).toBe(0);
  });

  it('gives an account that was erased nothing', async () => {
    const userId = await person(1);
    await users.update({ userId, status: 'deleted' });
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(await inboxOf(userId)).toHaveLength(0);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered', inboxDelivered: false });
  });
});

describe('respect', () => {
  it('holds a non-urgent push during quiet hours (inbox at once) and sends it when they end', async () => {
    const userId = await person(1);
    at('2026-11-23T23:10:00');
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(await inboxOf(userId)).toHaveLength(1);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);
    expect(await intentOf(intentId)).toMatchObject({
      status: 'waiting',
      dueAt: new Date('2026-11-24T08:00:00+08:00').toISOString(),
    });

    at('2026-11-24T07:59:00');
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);

    at('2026-11-24T08:00:30');
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => [s.errcode, s.data.time4])).toEqual([[0, '2026年11月24日 08:00']]);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered' });
    expect(await inboxOf(userId)).toHaveLength(1);
  });

  it('sends an urgent message during quiet hours', async () => {
    const userId = await person(1);
    at('2026-11-23T23:10:00');
    await notify(userId, { urgent: true });
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([0]);
  });

  it('follows the person’s own quiet hours and category choices', async () => {
    const userId = await person(2);
    await saveSettings(
      userId,
      { ...DEFAULT_PREFERENCES, quietHours: { enabled: true, start: '09:30', end: '10:30' } },
      testClock.now,
    );
    const held = await notify(userId);
    await drainStream(wechat.deps);
    expect(await intentOf(held)).toMatchObject({
      status: 'waiting',
      dueAt: new Date('2026-11-23T10:30:00+08:00').toISOString(),
    });

    await saveSettings(
      userId,
      { ...DEFAULT_PREFERENCES, categories: { ...DEFAULT_PREFERENCES.categories, broadcast: false } },
      testClock.now,
    );
    const off = await notify(userId);
    await drainStream(wechat.deps);
    expect(await deliveryOf(off)).toMatchObject({ status: 'skipped', reason: 'categoryOff' });
    expect(await inboxOf(userId)).toHaveLength(2);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(0);
  });

  it('stops pushing at the daily cap (the inbox still gets everything), and starts again the next China day', async () => {
    const userId = await person(6);
    await saveSettings(userId, { ...DEFAULT_PREFERENCES, dailyCap: 3 }, testClock.now);
    for (let i = 0; i < 4; i++) await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(3);
    expect(await inboxOf(userId)).toHaveLength(4);
    expect(await grantsLeft(userId)).toBe(3); // the capped message spent no grant

    at('2026-11-23T23:59:00'); // still the same day in China: quiet hours anyway, so make it urgent
    await notify(userId, { urgent: true });
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(4); // urgent is never held back by the cap

    at('2026-11-24T09:00:00');
    await notify(userId);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(5);
  });
});

describe('transient failures', () => {
  it('backs off on rate limits, then sends; the retries never duplicate', async () => {
    const userId = await person(1);
    wechat.wx.state.injectFault('subscribe.send', 45011, 2);
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(await intentOf(intentId)).toMatchObject({ status: 'retrying', attempts: 1 });

    await sweepDueIntents({ now: testClock.now }, wechat.deps); // not due yet
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(1);
    advance(1);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    advance(5);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([45011, 45011, 0]);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered' });
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'sent', attempt: 3 });
  });

  it('parks the intent as failed after five tries, with the reason, gives the grant back, and an admin can re-queue it', async () => {
    const userId = await person(1);
    wechat.wx.state.injectFault('subscribe.send', -1, 5);
    const intentId = await notify(userId, { title: '五次都失败的通知' });
    await drainStream(wechat.deps);
    for (const minutes of [1, 5, 15, 60]) {
      advance(minutes);
      await sweepDueIntents({ now: testClock.now }, wechat.deps);
    }
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([-1, -1, -1, -1, -1]);
    expect(await intentOf(intentId)).toMatchObject({
      status: 'failed',
      failureReason: '微信系统繁忙（-1），重试 5 次仍失败',
      inboxDelivered: true,
    });
    expect(await grantsLeft(userId)).toBe(1);
    const failed = await listFailed(COMMUNITY, { limit: 20 });
    expect(failed.items.find((f) => f.intentId === intentId)).toMatchObject({
      title: '五次都失败的通知',
      recipient: userId,
      inboxDelivered: true,
      eventLabel: '社区通知',
    });

    advance(240);
    await sweepDueIntents({ now: testClock.now }, wechat.deps); // parked intents are left alone
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(5);

    await retryFailed(COMMUNITY, intentId, testClock.now);
    await drainStream(wechat.deps);
    expect(wechat.sentTo(`o-${userId}`).map((s) => s.errcode)).toEqual([-1, -1, -1, -1, -1, 0]);
    expect(await intentOf(intentId)).toMatchObject({ status: 'delivered' });
    expect(await inboxOf(userId)).toHaveLength(1);
    expect((await listFailed(COMMUNITY, { limit: 20 })).items.map((f) => f.intentId)).not.toContain(intentId);
  });

  it('parks a message WeChat refuses for good (47003) at once, without retrying', async () => {
    const userId = await person(1);
    wechat.wx.state.injectFault('subscribe.send', 47003, 1);
    const intentId = await notify(userId);
    await drainStream(wechat.deps);
    expect(await intentOf(intentId)).toMatchObject({
      status: 'failed',
      failureReason: '订阅消息模板参数不合规（47003）',
    });
    expect(wechat.sentTo(`o-${userId}`)).toHaveLength(1);
  });
});

describe('the outbox', () => {
  it('refuses data fields the event does not declare (nothing can carry a ballot or a reporter)', () => {
    expect(() =>
      notificationIntent(
        {
          communityId: COMMUNITY,
          event: 'broadcast.published',
          dedupeKey: 'x',
          recipientId: 'u',
          title: 't',
          body: 'b',
          link: '',
          data: { sender: 's', reporterName: '王' },
        },
        testClock.now,
      ),
    ).toThrow(/reporterName not declared/);
  });

  it('has exactly one recipient or one audience', () => {
    expect(() =>
      notificationIntent(
        { communityId: COMMUNITY, event: 'broadcast.published', dedupeKey: 'y', title: 't', body: 'b', link: '' },
        testClock.now,
      ),
    ).toThrow(/exactly one/);
  });

  it('leaves a person with no openid to the inbox', async () => {
    await createUser('no-openid', undefined);
    const intentId = await notify('no-openid');
    await drainStream(wechat.deps);
    expect(await inboxOf('no-openid')).toHaveLength(1);
    expect(await deliveryOf(intentId)).toMatchObject({ status: 'skipped', reason: 'noOpenid' });
  });
});
