import { API, buildingIdOf, DEFAULT_PREFERENCES, SUBSCRIBE_TEMPLATES, type InboxItemView } from '@linli/shared';
import { DEMO_COMMUNITY_ID, persona } from '../../../devstack/seed/personas';
import { call, eventually, signIn, wechatUrl } from './http';

/**
 * 触达 of a committee notice, through the whole stack: 王阿姨 granted the notice template (a subscribe message
 * is sent), 张楼长 opens it in his inbox, the rest of 3栋 are reached by neither and listed as doors.
 */
const C = DEMO_COMMUNITY_ID;
const GRANTS = 5;
const WANG_DOOR = '3栋1单元201';
const ZHANG_DOOR = '3栋1单元101';
let requests = 0;
const requestId = () => `api-reach-${Date.now().toString(36)}-${++requests}`;

async function notice(title: string, buildingName: string) {
  const res = await call(API.notifications.sendBroadcast, {
    token: await signIn('sun'),
    params: { communityId: C },
    // Urgent: past the daily cap other suites may have used up.
    body: {
      requestId: requestId(),
      title,
      body: `${title}：详情请见社区公告栏。`,
      scope: { buildingIds: [buildingIdOf(C, buildingName)] },
      urgent: true,
    },
  });
  expect(res.status).toBe(201);
  return res.body.broadcastId;
}

const reach = (token: string, subjectId: string) =>
  call(API.notifications.getReach, { token, params: { communityId: C, subjectId }, query: { subject: 'notice' } });

it('counts households pushed, opened and reached by neither, and lists the doors by building', async () => {
  const wang = await signIn('wang');
  // Other test files broadcast to 3栋 at the same time, and each push spends one of 王阿姨's one-time grants; she
  // accepts several (as a resident who taps 允许 on several notices has), so a concurrent notice cannot use up the one
  // this test's notice needs.
  for (let i = 0; i < GRANTS; i++) {
    await call(API.notifications.reportGrants, {
      token: wang,
      body: { requestId: requestId(), results: { communityNotice: 'accept' } },
    });
  }
  await fetch(`${wechatUrl()}/dev/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      openid: persona('wang').openid,
      templateId: SUBSCRIBE_TEMPLATES.communityNotice.id,
      count: GRANTS,
    }),
  });
  await call(API.notifications.updateSettings, {
    token: wang,
    body: { ...DEFAULT_PREFERENCES, quietHours: { ...DEFAULT_PREFERENCES.quietHours, enabled: false } },
  });
  const title = `API 触达：3栋检修 ${requestId()}`;
  const broadcastId = await notice(title, '3栋');

  // 张楼长 opens it in his inbox.
  const zhang = await signIn('zhang');
  const item = await eventually(async () => {
    const { body } = await call(API.notifications.listInbox, { token: zhang, query: { limit: 50 } });
    return body.items.find((i: InboxItemView) => i.title === title);
  }, "张楼长's inbox entry");
  expect((await call(API.notifications.markRead, { token: zhang, params: { itemId: item.itemId } })).status).toBe(200);

  const sun = await signIn('sun');
  // Wait for these two households, not for any push and any read: another 3栋 household may be pushed first.
  const doorsOf = (body: { buildings: { doors: { label: string }[] }[] }) =>
    body.buildings.flatMap((b) => b.doors.map((d) => d.label));
  const counted = await eventually(async () => {
    const { status, body } = await reach(sun, broadcastId);
    expect(status).toBe(200);
    const doors = doorsOf(body);
    return body.pushed >= 1 && body.opened >= 1 && !doors.includes(WANG_DOOR) && !doors.includes(ZHANG_DOOR)
      ? body
      : undefined;
  }, 'the push to 王阿姨 and the read by 张楼长');
  expect(counted).toMatchObject({ subject: 'notice', title, areaLabel: '全部' });
  expect(counted.buildings.map((b) => b.name)).toEqual(['3栋']);
  const doors = doorsOf(counted);
  expect(doors).not.toContain(WANG_DOOR); // 王阿姨: pushed
  expect(doors).not.toContain(ZHANG_DOOR); // 张楼长: opened
  expect(doors.length).toBe(counted.neither);
  expect(counted.neither).toBeGreaterThan(0);
  expect(counted.households).toBeGreaterThanOrEqual(counted.neither + Math.max(counted.pushed, counted.opened));

  // The 楼长 of 3栋 sees his building; a resident may not look.
  const own = await reach(zhang, broadcastId);
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ areaLabel: '3栋', households: counted.households, neither: counted.neither });
  expect((await reach(await signIn('li'), broadcastId)).status).toBe(403);
});

it('refuses the 楼长 of another building, and answers 404 for a notice that does not exist', async () => {
  const broadcastId = await notice(`API 触达：5栋通知 ${requestId()}`, '5栋');
  expect((await reach(await signIn('zhang'), broadcastId)).status).toBe(403);
  const sun = await signIn('sun');
  const all = await reach(sun, broadcastId);
  expect(all.status).toBe(200);
  expect(all.body.buildings.map((b) => b.name)).toEqual(['5栋']);
  expect((await reach(sun, 'does-not-exist')).status).toBe(404);
  // Another community's committee is a stranger here.
  expect((await reach(await signIn('wu'), broadcastId)).status).toBe(403);
});
