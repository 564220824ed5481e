import {
  API,
  buildingIdOf,
  chinaParts,
  DEFAULT_PREFERENCES,
  gridIdOf,
  SUBSCRIBE_TEMPLATES,
  type InboxItemView,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, persona } from '../../../devstack/seed/personas';
import { call, eventually, raw, signIn, wechatUrl } from './http';
import { expectStaffEntry } from './staffLogHelpers';

/**
 * Notifications through the whole local stack: the API Lambda, the table's stream feeding the real
 * dispatcher Lambda (serverless-offline-dynamodb-streams with the filter patterns of serverless.yml),
 * and the WeChat stand-in recording what would have been sent.
 */
const C = DEMO_COMMUNITY_ID;
const building3 = buildingIdOf(C, '3栋');
const NOTICE = SUBSCRIBE_TEMPLATES.communityNotice.id;
let requests = 0;
const requestId = () => `api-test-${Date.now().toString(36)}-${++requests}`;

async function inbox(token: string) {
  const res = await call(API.notifications.listInbox, { token, query: { limit: 50 } });
  expect(res.status).toBe(200);
  return res.body;
}

const itemTitled = (token: string, title: string) => async () =>
  (await inbox(token)).items.find((i: InboxItemView) => i.title === title);

const dev = (path: string, body?: unknown) =>
  fetch(
    `${wechatUrl()}${path}`,
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  ).then((r) => r.json());

async function broadcast(title: string, scope = { buildingIds: [building3] }, extra: { urgent?: boolean } = {}) {
  const res = await call(API.notifications.sendBroadcast, {
    token: await signIn('sun'),
    params: { communityId: C },
    body: { requestId: requestId(), title, body: `${title}：详情请见社区公告栏。`, scope, ...extra },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('community notices reach residents through the stream', () => {
  it('previews, sends to one building, and the resident sees it in the inbox with the unread count', async () => {
    const sun = await signIn('sun');
    const preview = await call(API.notifications.previewBroadcast, {
      token: sun,
      params: { communityId: C },
      body: { scope: { buildingIds: [building3] } },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.buildings.map((b) => b.name)).toEqual(['3栋']);
    expect(preview.body.households).toBeGreaterThan(5);

    const wang = await signIn('wang');
    const before = (await call(API.notifications.unreadCount, { token: wang })).body.unread;
    const sent = await broadcast('API 测试：3栋停水');
    expect(sent).toMatchObject({ scopeLabel: '3栋', senderLabel: '幸福里社区居委会' });

    const item = await eventually(itemTitled(wang, 'API 测试：3栋停水'), "wang's inbox entry");
    expect(item).toMatchObject({ category: 'broadcast', link: '', urgent: false });
    // Other suites run beside this one on the same stack and may add to wang's inbox meanwhile (a rejected
    // photo, a cancelled activity), so only what arrivals can't upset is checked here; the exact badge
    // arithmetic, double taps included, is functions/src/notifications/inbox.test.ts.
    const unread = (await call(API.notifications.unreadCount, { token: wang })).body.unread;
    expect(unread).toBeGreaterThanOrEqual(before + 1);
    // li lives in 5栋: not addressed.
    expect((await inbox(await signIn('li'))).items.map((i) => i.title)).not.toContain('API 测试：3栋停水');

    const read = await call(API.notifications.markRead, { token: wang, params: { itemId: item.itemId } });
    expect(read.status).toBe(200);
    expect((await itemTitled(wang, 'API 测试：3栋停水')())?.readAt).toEqual(expect.any(String));
    // Reading it again takes nothing more off the badge (arrivals can only add to it).
    const again = await call(API.notifications.markRead, { token: wang, params: { itemId: item.itemId } });
    expect(again.body.unread).toBeGreaterThanOrEqual(read.body.unread);

    const listed = await eventually(async () => {
      const page = await call(API.notifications.listBroadcasts, { token: sun, params: { communityId: C } });
      const mine = page.body.items.find((b) => b.broadcastId === sent.broadcastId);
      // At least wang's read: another suite may read the notice too (张楼长 lives in 3栋; the authorisation
      // matrix marks every persona's inbox read).
      return mine?.completed && mine.reads >= 1 ? mine : undefined;
    }, 'the notice to finish sending');
    expect(listed.recipients).toBe(preview.body.residents);
  });

  it('sends the WeChat subscribe message to a resident who granted it, with the page of the inbox entry', async () => {
    const wang = await signIn('wang');
    const openid = persona('wang').openid;
    const granted = await call(API.notifications.reportGrants, {
      token: wang,
      body: { requestId: requestId(), results: { communityNotice: 'accept' } },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.grants.find((g) => g.template === 'communityNotice')?.remaining).toBeGreaterThanOrEqual(1);
    await dev('/dev/grants', { openid, templateId: NOTICE, count: 1 });

    await call(API.notifications.updateSettings, {
      token: wang,
      body: { ...DEFAULT_PREFERENCES, quietHours: { ...DEFAULT_PREFERENCES.quietHours, enabled: false } },
    });
    await broadcast('API 测试：电梯恢复', undefined, { urgent: true });
    const item = await eventually(itemTitled(wang, 'API 测试：电梯恢复'), 'the inbox entry');
    const sends = await eventually(async () => {
      const all = (await dev('/dev/sent')) as {
        touser: string;
        errcode: number;
        page?: string;
        data: Record<string, string>;
      }[];
      const mine = all.filter((s) => s.touser === openid && s.data.thing1 === 'API 测试：电梯恢复');
      return mine.length ? mine : undefined;
    }, 'the subscribe message');
    expect(sends).toEqual([
      expect.objectContaining({ errcode: 0, page: `packages/notices/pages/notice/index?id=${item.itemId}` }),
    ]);
  });

  it('holds the WeChat push during the resident’s quiet hours but delivers to the inbox at once', async () => {
    const zhang = await signIn('zhang');
    const openid = persona('zhang').openid;
    await call(API.notifications.reportGrants, {
      token: zhang,
      body: { requestId: requestId(), results: { communityNotice: 'accept' } },
    });
    await dev('/dev/grants', { openid, templateId: NOTICE, count: 1 });
    // A quiet window around the stack's present moment, whatever the hour the test runs.
    const clock = (await (await fetch(`${process.env.LINLI_TEST_CONTROL}/clock`)).json()) as { now: string };
    const minute = chinaParts(new Date(clock.now)).minuteOfDay;
    const hhmm = (m: number) =>
      `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, '0')}:${String((m + 1440) % 60).padStart(2, '0')}`;
    const settings = await call(API.notifications.updateSettings, {
      token: zhang,
      body: { ...DEFAULT_PREFERENCES, quietHours: { enabled: true, start: hhmm(minute - 30), end: hhmm(minute + 60) } },
    });
    expect(settings.status).toBe(200);

    await broadcast('API 测试：免打扰期间的通知');
    await eventually(itemTitled(zhang, 'API 测试：免打扰期间的通知'), 'the inbox entry');
    await new Promise((r) => setTimeout(r, 1500));
    const all = (await dev('/dev/sent')) as { touser: string; data: Record<string, string> }[];
    expect(all.filter((s) => s.touser === openid && s.data.thing1 === 'API 测试：免打扰期间的通知')).toEqual([]);
  });
});

describe('a binding decision reaches the applicant', () => {
  it('writes the intent with the decision and the inbox shows it', async () => {
    const openid = `api-notify-${Date.now().toString(36)}`;
    const applicant = await signIn({ openid });
    await call(API.identity.acceptPrivacy, { token: applicant, body: { version: '2026-11-01' } });
    const units = await call(API.identity.listUnitsForBinding, {
      token: applicant,
      params: { communityId: C, buildingId: buildingIdOf(C, '4栋') },
    });
    const unitId = units.body.items[units.body.items.length - 1]!.unitId;
    const requested = await call(API.identity.requestBinding, {
      token: applicant,
      body: { communityId: C, unitId, relation: 'tenant', realName: '测试租户' },
    });
    expect(requested.status).toBe(201);
    const decided = await call(API.roster.decideBinding, {
      token: await signIn('zhao'),
      params: { communityId: C, bindingId: requested.body.bindingId },
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const item = await eventually(itemTitled(applicant, '房屋绑定已通过'), 'the approval in the inbox');
    expect(item).toMatchObject({
      event: 'binding.approved',
      link: '/pages/me/index',
      body: expect.stringContaining('4栋'),
    });
    const detail = await call(API.notifications.getInboxItem, { token: applicant, params: { itemId: item.itemId } });
    expect(detail.body.title).toBe('房屋绑定已通过');
  });
});

describe('settings, grants and who may do what', () => {
  it('starts from the defaults and saves a valid set; refuses a bad one naming the field', async () => {
    const li = await signIn('li');
    expect((await call(API.notifications.getSettings, { token: li })).body.preferences).toEqual(DEFAULT_PREFERENCES);
    const bad = await raw('PUT', '/notifications/settings', {
      token: li,
      body: JSON.stringify({
        ...DEFAULT_PREFERENCES,
        dailyCap: 4,
        quietHours: { enabled: true, start: '22:00', end: '22:00' },
      }),
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.dailyCap', 'body.quietHours.end']));
    const extra = await raw('PUT', '/notifications/settings', {
      token: li,
      body: JSON.stringify({ ...DEFAULT_PREFERENCES, marketing: true }),
    });
    expect(extra.status).toBe(400);
  });

  it('refuses grant reports for templates that do not exist, and more than three at once', async () => {
    const li = await signIn('li');
    expect(
      (
        await raw('POST', '/notifications/grants', {
          token: li,
          body: JSON.stringify({ requestId: requestId(), results: { lottery: 'accept' } }),
        })
      ).status,
    ).toBe(400);
    const four = { reviewResult: 'accept', communityNotice: 'accept', voteResult: 'accept', voteReminder: 'accept' };
    expect(
      (
        await raw('POST', '/notifications/grants', {
          token: li,
          body: JSON.stringify({ requestId: requestId(), results: four }),
        })
      ).status,
    ).toBe(400);
  });

  it('keeps one person out of another’s inbox', async () => {
    const wangItem = (await inbox(await signIn('wang'))).items[0]!;
    const li = await signIn('li');
    expect(
      (await call(API.notifications.getInboxItem, { token: li, params: { itemId: wangItem.itemId } })).status,
    ).toBe(404);
    expect((await call(API.notifications.markRead, { token: li, params: { itemId: wangItem.itemId } })).status).toBe(
      404,
    );
  });

  it('lets a grid worker notify only their own grid; other communities’ staff not at all', async () => {
    const zhao = await signIn('zhao'); // 第二网格: 4–6栋
    const own = await call(API.notifications.previewBroadcast, {
      token: zhao,
      params: { communityId: C },
      body: { scope: { gridIds: [gridIdOf(C, '第二网格')] } },
    });
    expect(own.status).toBe(200);
    const other = await call(API.notifications.sendBroadcast, {
      token: zhao,
      params: { communityId: C },
      body: { requestId: requestId(), title: '越权', body: '不该发出', scope: { buildingIds: [building3] } },
    });
    expect(other.status).toBe(403);
    const wu = await signIn('wu');
    expect(
      (await call(API.notifications.previewBroadcast, { token: wu, params: { communityId: C }, body: { scope: {} } }))
        .status,
    ).toBe(403);
    const unknown = await call(API.notifications.previewBroadcast, {
      token: await signIn('sun'),
      params: { communityId: C },
      body: { scope: { buildingIds: ['bnowhere'] } },
    });
    expect(unknown.status).toBe(400);
  });

  it('shows admins the parked failures with the reason, and re-queues one', async () => {
    const admin = await signIn('admin');
    const failed = await call(API.notifications.listFailed, { token: admin, params: { communityId: C } });
    expect(failed.status).toBe(200);
    const seeded = failed.body.items.find((f) => f.title === '3栋电梯年检通知');
    expect(seeded).toMatchObject({
      reason: '订阅消息模板 id 无效（40037）',
      recipient: '张楼长',
      inboxDelivered: true,
    });
    expect(
      (await call(API.notifications.listFailed, { token: await signIn('sun'), params: { communityId: C } })).status,
    ).toBe(403);
    expect(
      (await call(API.notifications.retryFailed, { token: admin, params: { communityId: C, intentId: 'nmissing' } }))
        .status,
    ).toBe(404);
    const retried = await call(API.notifications.retryFailed, {
      token: admin,
      params: { communityId: C, intentId: seeded!.intentId },
    });
    expect(retried.status).toBe(202);
    // A privileged write: staffLog.test.ts lists this journey as the place its entry is checked.
    await expectStaffEntry(API.notifications.retryFailed, retried, {
      caller: 'admin',
      communityId: C,
      objectId: seeded!.intentId,
    });
    await eventually(async () => {
      const now = await call(API.notifications.listFailed, { token: admin, params: { communityId: C } });
      return now.body.items.some((f) => f.intentId === seeded!.intentId) ? undefined : true;
    }, 'the failure to leave the list');
  });

  it('shows the seeded notice in 小李’s inbox, and a badge that counts exactly the unread items', async () => {
    // Other suites on this shared stack may read 小李's inbox (the authorization matrix calls 全部已读),
    // so the notice's read state is not asserted here; the e2e journey checks the fresh demo badge.
    const li = await inbox(await signIn('li'));
    expect(li.items.map((i) => i.title)).toContain('垃圾分类宣传活动');
    if (!li.nextCursor) expect(li.unread).toBe(li.items.filter((i) => !i.readAt).length);
  });
});
