import { API, buildingIdOf } from '@linli/shared';
import { DEMO_COMMUNITY_ID, PERSONAS } from '../../../devstack/seed/personas';
import { call, raw, signIn } from './http';

/**
 * 社区公开信息: read without a token, limited per source IP, cacheable, and nothing in it names a person
 * or a flat (what a stranger on the internet, or WeChat's reviewer, may see).
 */
const C = DEMO_COMMUNITY_ID;
let requests = 0;
const requestId = () => `api-public-${Date.now().toString(36)}-${++requests}`;

async function notice(title: string, scope: { buildingIds?: string[] }) {
  const res = await call(API.notifications.sendBroadcast, {
    token: await signIn('sun'),
    params: { communityId: C },
    body: { requestId: requestId(), title, body: `${title}：详情请见社区公告栏。`, scope },
  });
  expect(res.status).toBe(201);
}

it('lists the communities of the deployment to anyone, cacheable and limited per source IP', async () => {
  const res = await raw('GET', '/public/communities');
  expect(res.status).toBe(200);
  expect((res.body as { items: { communityId: string; name: string }[] }).items).toEqual(
    expect.arrayContaining([{ communityId: C, name: '幸福里社区' }]),
  );
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  expect(res.headers.get('ratelimit-limit')).toEqual(expect.any(String));
});

it('shows a community’s whole-community notices, results and public requests without a token, naming nobody', async () => {
  await notice('API 公开：全社区消防演练', {});
  await notice('API 公开：3栋停水', { buildingIds: [buildingIdOf(C, '3栋')] });
  const res = await call(API.public.getOverview, { params: { communityId: C } });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  const o = res.body;
  expect(o.community).toEqual({ communityId: C, name: '幸福里社区' });
  const titles = o.notices.map((n) => n.title);
  expect(titles).toContain('API 公开：全社区消防演练');
  // A notice to one building is for its residents.
  expect(titles).not.toContain('API 公开：3栋停水');
  expect(o.requests.length).toBeGreaterThan(0);

  // No person and no flat: none of the demo people's names, no unit labels, no fields that carry them.
  const text = JSON.stringify(o);
  for (const p of Object.values(PERSONAS)) {
    expect(text).not.toContain(p.nickname);
    if (p.realName) expect(text).not.toContain(p.realName);
  }
  expect(text).not.toMatch(/\d+室|\d+单元\d|"(reporter|location|excerpt|voters|userId|unitId|unitLabel|senderId)"/);
  for (const q of o.requests)
    expect(Object.keys(q).sort()).toEqual(
      ['categoryLabel', 'closed', 'createdAt', 'number', 'statusLabel', 'supportCount'].sort(),
    );
});

it('answers the same to a signed-in caller, 404 for a community that does not exist, 400 for a bad id', async () => {
  const wu = await signIn('wu'); // committee of another community: nothing more than anyone else
  const res = await call(API.public.getOverview, { token: wu, params: { communityId: C } });
  expect(res.status).toBe(200);
  expect((await call(API.public.getOverview, { params: { communityId: 'does-not-exist' } })).status).toBe(404);
  expect((await raw('GET', '/public/communities/%00bad')).status).toBe(400);
});
