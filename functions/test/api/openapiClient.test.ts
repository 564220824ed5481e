import createClient, { type Middleware } from 'openapi-fetch';
import { buildingIdOf } from '@linli/shared';
import { DEMO_COMMUNITY_ID, persona } from '../../../devstack/seed/personas';
import { apiUrl, loginCode } from './http';
import type { paths } from './openapi.generated';

/**
 * A resident's day driven by a client nobody here wrote: openapi-fetch typed by openapi-typescript from
 * docs/openapi.json alone (no shared contract is imported for the calls). If the document drifts from
 * the API, this either stops compiling or answers differently from what the document promises.
 */
const communityId = DEMO_COMMUNITY_ID;
const building5 = buildingIdOf(communityId, '5栋');
const stamp = Date.now().toString(36);

/** A client that signs its requests with the given access token (openapi-fetch middleware). */
function clientFor(accessToken?: string) {
  const client = createClient<paths>({ baseUrl: apiUrl() });
  if (accessToken) {
    const auth: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set('Authorization', `Bearer ${accessToken}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** Signs in the way the mini-program does: a wx.login code from the WeChat stand-in, then POST /auth/wechat. */
async function signInAs(who: 'li' | 'sun') {
  const { data, error, response } = await clientFor().POST('/auth/wechat', {
    body: { code: await loginCode(persona(who).openid) },
  });
  expect(error).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.headers.get('RateLimit-Limit')).toMatch(/^\d+$/); // sign-in spends the IP's budget
  return { session: data!, client: clientFor(data!.accessToken) };
}

it('小李 signs in, raises a 诉求, votes and redeems points through the generated client', async () => {
  const li = await signInAs('li');
  const sun = await signInAs('sun');
  expect(li.session.me.memberships.map((m) => m.communityId)).toContain(communityId);
  const path = { communityId };

  // 诉求: raise one about 5栋, find it among mine, read it.
  const raised = await li.client.POST('/communities/{communityId}/grievances', {
    params: { path },
    body: {
      clientRequestId: `oa-${stamp}`,
      category: 'parking',
      description: '5栋楼下消防通道又被电动车堵住了，麻烦处理一下。',
      location: { kind: 'building', buildingId: building5, detail: '5栋北侧消防通道' },
      visibility: 'public',
    },
  });
  expect(raised.response.status).toBe(201);
  const grievanceId = raised.data!.grievanceId;
  const mine = await li.client.GET('/communities/{communityId}/grievances/mine', { params: { path } });
  expect(mine.data!.items.map((g) => g.grievanceId)).toContain(grievanceId);
  const detail = await li.client.GET('/communities/{communityId}/grievances/{grievanceId}', {
    params: { path: { communityId, grievanceId } },
  });
  expect(detail.data).toMatchObject({ grievanceId, status: 'pending' }); // routed to the grid, not yet accepted

  // 议事厅: the committee opens a poll for 5栋; 小李 sees it, votes once, and a second vote is refused.
  const opened = await sun.client.POST('/communities/{communityId}/agora/topics', {
    params: { path },
    body: {
      title: `5栋楼道照明改造（${stamp}）`,
      description: '5栋楼道感应灯全部更换为 LED，费用由维修资金列支。',
      requestId: `oa-topic-${stamp}`,
      vote: {
        scope: { kind: 'buildings', buildingIds: [building5] },
        basis: 'person',
        preset: 'consultation',
        ballot: { kind: 'approve' },
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      },
    },
  });
  expect(opened.response.status).toBe(201);
  const topicId = opened.data!.topicId;
  const open = await li.client.GET('/communities/{communityId}/agora/topics', {
    params: { path, query: { bucket: 'open', mine: '1' } },
  });
  expect(open.data!.items.find((t) => t.topicId === topicId)).toMatchObject({ myStatus: 'canVote' });
  const topicPath = { communityId, topicId };
  const cast = await li.client.POST('/communities/{communityId}/agora/topics/{topicId}/ballots', {
    params: { path: topicPath },
    body: { choices: ['agree'], requestId: `oa-vote-${stamp}` },
  });
  expect(cast.response.status).toBe(201);
  expect(cast.data!.receipt).toEqual(expect.any(String));
  const again = await li.client.POST('/communities/{communityId}/agora/topics/{topicId}/ballots', {
    params: { path: topicPath },
    body: { choices: ['disagree'], requestId: `oa-vote2-${stamp}` },
  });
  expect(again.response.status).toBe(409);
  expect(again.error!.error.code).toBe('ALREADY_VOTED'); // one of the 409 codes the document lists

  // 时间银行: the committee lists a gift for one point; 小李 redeems it and the wallet shows the posting.
  const item = await sun.client.POST('/communities/{communityId}/timebank/catalogue', {
    params: { path },
    body: {
      name: `环保购物袋 ${stamp}`,
      description: '社区定制帆布袋',
      price: 1,
      kind: 'gift',
      initialStock: 5,
      requestId: `oa-item-${stamp}`,
    },
  });
  expect(item.response.status).toBe(201);
  const before = await li.client.GET('/communities/{communityId}/timebank/wallet', { params: { path } });
  expect(before.data!.balance).toBeGreaterThanOrEqual(1);
  const order = await li.client.POST('/communities/{communityId}/timebank/catalogue/{itemId}/orders', {
    params: { path: { communityId, itemId: item.data!.itemId } },
    body: { quantity: 1, requestId: `oa-order-${stamp}` },
  });
  expect(order.response.status).toBe(201);
  expect(order.data).toMatchObject({ quantity: 1, points: 1, status: 'placed' });
  expect(Number(order.response.headers.get('RateLimit-Remaining'))).toBeGreaterThanOrEqual(0);
  const after = await li.client.GET('/communities/{communityId}/timebank/wallet', { params: { path } });
  expect(after.data!.balance).toBe(before.data!.balance - 1);
  const orders = await li.client.GET('/communities/{communityId}/timebank/orders', { params: { path } });
  expect(orders.data!.items.map((o) => o.orderCode)).toContain(order.data!.orderCode);

  // What the document says about refusals holds too: a stranger to the route is refused by role.
  const refused = await li.client.GET('/communities/{communityId}/timebank/ledger', { params: { path } });
  expect(refused.response.status).toBe(403);
  expect(refused.error!.error.code).toBe('FORBIDDEN');
}, 300_000); // five Lambdas, each loaded on its first call (slow on a busy machine)
