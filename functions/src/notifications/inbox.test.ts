import { DEFAULT_PREFERENCES, unitIdOf, type Principal } from '@linli/shared';
import { step } from '../../test/step';
import { useTestTable } from '../../test/testTable';
import {
  at,
  COMMUNITY,
  drainStream,
  inboxOf,
  resident,
  rosterFixture,
  startWeChat,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { broadcasts } from '../db/entities/broadcast';
import { notificationIntents } from '../db/entities/notificationIntent';
import { notificationsSection } from './personalData';
import { sendBroadcast } from './broadcasts';
import { getInboxItem, listInbox, markAllRead, markRead, unreadCount } from './inbox';
import { reportGrants, saveSettings } from './settings';

useTestTable();
jest.setTimeout(60_000);

const committee: Principal = {
  userId: 'committee-1',
  grants: [{ role: 'committee', communityId: COMMUNITY }],
  memberships: [],
};
let wechat: WeChatHarness;
let n = 0;

beforeAll(async () => {
  at('2026-11-23T10:00:00');
  await rosterFixture();
  await resident('wang', unitIdOf(COMMUNITY, '1栋', '1单元', '101'));
  await resident('zhang', unitIdOf(COMMUNITY, '1栋', '1单元', '201'));
  wechat = await startWeChat();
});
afterAll(() => wechat.close());

async function notice(title: string) {
  at(`2026-11-23T1${n++}:00:00`);
  const sent = await sendBroadcast({
    principal: committee,
    communityId: COMMUNITY,
    input: {
      requestId: `req-inbox-${title}`,
      title,
      body: `${title}的内容`,
      scope: { unitIds: [unitIdOf(COMMUNITY, '1栋', '1单元', '101'), unitIdOf(COMMUNITY, '1栋', '1单元', '201')] },
    },
    now: testClock.now,
  });
  await drainStream(wechat.deps);
  return sent.broadcastId;
}

// The tests below read one inbox as it grows (two notices, then a third; erasure last): each is a step
// that runs, once, after the steps it needs, so they hold in any order (--randomize).
const firstTwoRead = step(async () => {
  const first = await notice('第一条');
  await notice('第二条');
  const page = await listInbox('wang', { limit: 20 });
  expect(page.items.map((i) => i.title)).toEqual(['第二条', '第一条']);
  expect(page.unread).toBe(2);

  const older = page.items[1]!;
  await Promise.all([markRead('wang', older.itemId, testClock.now), markRead('wang', older.itemId, testClock.now)]);
  expect(await unreadCount('wang')).toBe(1);
  expect((await getInboxItem('wang', older.itemId)).readAt).toBe(testClock.now.toISOString());
  expect((await broadcasts.get({ communityId: COMMUNITY, broadcastId: first })).Item).toMatchObject({
    recipients: 2,
    reads: 1,
  });
});

const paged = step(async () => {
  await firstTwoRead();
  const one = await listInbox('wang', { limit: 1 });
  expect(one.items).toHaveLength(1);
  const two = await listInbox('wang', { limit: 1, cursor: one.nextCursor });
  expect(two.items[0]!.itemId).not.toBe(one.items[0]!.itemId);
});

const allRead = step(async () => {
  await firstTwoRead();
  await notice('第三条');
  expect(await unreadCount('zhang')).toBe(3);
  expect(await markAllRead('zhang', testClock.now)).toEqual({ unread: 0 });
  expect((await inboxOf('zhang')).every((i) => i.readAt)).toBe(true);
});

const keptApart = step(async () => {
  await firstTwoRead();
  const wangs = await listInbox('wang', { limit: 1 });
  await expect(getInboxItem('zhang', wangs.items[0]!.itemId)).rejects.toMatchObject({ status: 404 });
  await expect(markRead('zhang', wangs.items[0]!.itemId, testClock.now)).rejects.toMatchObject({ status: 404 });
});

const erased = step(async () => {
  await paged();
  await allRead();
  await keptApart();
  await saveSettings('wang', { ...DEFAULT_PREFERENCES, dailyCap: 3 }, testClock.now);
  await reportGrants('wang', { requestId: 'grant-wang-1', results: { reviewResult: 'accept' } }, testClock.now);
  const exported = (await notificationsSection.export('wang')) as {
    settings: { dailyCap: number };
    subscribeGrants: { template: string }[];
    inbox: { title: string }[];
  };
  expect(exported.settings.dailyCap).toBe(3);
  expect(exported.subscribeGrants.map((g) => g.template)).toEqual(['reviewResult']);
  expect(exported.inbox.map((i) => i.title)).toEqual(['第三条', '第二条', '第一条']);
  const intentIds = (await inboxOf('wang')).map((i) => i.intentId);

  await notificationsSection.erase('wang', testClock.now);
  await notificationsSection.erase('wang', testClock.now); // idempotent: erasure is retried
  expect(await inboxOf('wang')).toEqual([]);
  expect(await unreadCount('wang')).toBe(0);
  for (const intentId of intentIds) expect((await notificationIntents.get({ intentId })).Item).toBeUndefined();
  expect(await notificationsSection.export('wang')).toMatchObject({
    settings: DEFAULT_PREFERENCES,
    subscribeGrants: [],
    inbox: [],
  });
  expect((await inboxOf('zhang')).length).toBe(3);
});

describe('the inbox (我的消息)', () => {
  it('lists newest first, counts unread, and marks read once however often it is tapped', firstTwoRead);

  it('pages with a cursor', paged);

  it('marks everything read', allRead);

  it('never shows one person another’s message', keptApart);
});

describe('personal data (导出我的数据 / 注销)', () => {
  it('exports the messages, settings and grants, and erasing removes them with their outbox copies', erased);
});
