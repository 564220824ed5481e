import { ownerProxyRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../../../devstack/seed/personas';
import { call, signIn } from './http';
import { openOwnersPoll, ownerIdOf, uploadProxyPhoto } from './ownerProxyHelpers';

/**
 * 书面委托 keeps its history over real HTTP: each nomination is a new record, a returned or revoked one stays
 * readable in the committee's list, at most one stands per owner and poll (two at once: one 201, one 409), and
 * the 委托码 appears once, in the nomination's answer. Every test opens its own owners' poll over 3栋.
 */
const tokens = {} as Record<'wang' | 'li' | 'sun', string>;
beforeAll(async () => {
  for (const who of ['wang', 'li', 'sun'] as const) tokens[who] = await signIn(who);
});

const params = (topicId: string) => ({ communityId, topicId });

async function nominate(topicId: string, ownerId: string, proxyName = '小李', proxyPhone = '13912345678') {
  const documentKey = await uploadProxyPhoto(tokens.wang, topicId);
  return call(ownerProxyRoutes.name, {
    token: tokens.wang,
    params: params(topicId),
    body: { ownerId, proxyName, proxyPhone, documentKey },
  });
}

describe('an owner’s nominations for one vote', () => {
  it('two at once: one stands (201), the other is refused (409)', async () => {
    const topicId = await openOwnersPoll(tokens.sun);
    const ownerId = await ownerIdOf(tokens.wang, topicId);
    const [a, b] = await Promise.all([
      nominate(topicId, ownerId, '小李', '13912345678'),
      nominate(topicId, ownerId, '老周', '13912345679'),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const list = await call(ownerProxyRoutes.list, { token: tokens.sun, params: params(topicId) });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ state: 'pending' });
  });

  it('a returned and a revoked nomination stay in the committee’s list beside the new one', async () => {
    const topicId = await openOwnersPoll(tokens.sun);
    const ownerId = await ownerIdOf(tokens.wang, topicId);
    const first = await nominate(topicId, ownerId, '小李');
    expect(first.status).toBe(201);
    const rejected = await call(ownerProxyRoutes.review, {
      token: tokens.sun,
      params: { ...params(topicId), ownerId },
      body: { decision: 'reject', note: '委托书缺少业主签字', nominationId: first.body.nominationId },
    });
    expect(rejected.status).toBe(200);

    const second = await nominate(topicId, ownerId, '老周', '13912340001');
    expect(second.status).toBe(201);
    expect(second.body.nominationId).not.toBe(first.body.nominationId);
    // A review of the returned nomination does not touch the new one.
    const stale = await call(ownerProxyRoutes.review, {
      token: tokens.sun,
      params: { ...params(topicId), ownerId },
      body: { decision: 'confirm', nominationId: first.body.nominationId },
    });
    expect(stale.status).toBe(409);
    const revoked = await call(ownerProxyRoutes.revoke, {
      token: tokens.wang,
      params: { ...params(topicId), ownerId },
    });
    expect(revoked.body).toMatchObject({ state: 'revoked', nominationId: second.body.nominationId });
    const third = await nominate(topicId, ownerId, '小李');
    expect(third.status).toBe(201);

    const list = await call(ownerProxyRoutes.list, { token: tokens.sun, params: params(topicId) });
    expect(list.body.summary).toMatchObject({ named: 3, pending: 1, rejected: 1, revoked: 1 });
    const byId = new Map(list.body.items.map((p) => [p.nominationId, p]));
    expect(byId.get(first.body.nominationId)).toMatchObject({
      state: 'rejected',
      proxyName: '小李',
      note: '委托书缺少业主签字',
      reviewedByName: expect.any(String),
      reviewedAt: expect.any(String),
    });
    expect(byId.get(second.body.nominationId)).toMatchObject({
      state: 'revoked',
      proxyName: '老周',
      revokedAt: expect.any(String),
    });
    expect(byId.get(third.body.nominationId)).toMatchObject({ state: 'pending' });
  });
});

describe('the 委托码', () => {
  it('is in the nomination’s answer only; a retry issues a fresh one and the first stops working', async () => {
    const topicId = await openOwnersPoll(tokens.sun);
    const ownerId = await ownerIdOf(tokens.wang, topicId);
    const documentKey = await uploadProxyPhoto(tokens.wang, topicId);
    const body = { ownerId, proxyName: '小李', proxyPhone: '13912345678', documentKey };
    const named = await call(ownerProxyRoutes.name, { token: tokens.wang, params: params(topicId), body });
    expect(named.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const page = await call(ownerProxyRoutes.mine, { token: tokens.wang, params: params(topicId) });
    expect(page.body.seats[0]?.proxy).toMatchObject({ nominationId: named.body.nominationId, state: 'pending' });
    expect(page.body.seats[0]?.proxy?.code).toBeUndefined();
    const list = await call(ownerProxyRoutes.list, { token: tokens.sun, params: params(topicId) });
    expect(JSON.stringify(list.body)).not.toContain(named.body.code!);

    // The first answer lost: the same nomination again answers the same record with a new code.
    const retried = await call(ownerProxyRoutes.name, { token: tokens.wang, params: params(topicId), body });
    expect(retried.status).toBe(201);
    expect(retried.body.nominationId).toBe(named.body.nominationId);
    expect(retried.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(retried.body.code).not.toBe(named.body.code);
    const old = await call(ownerProxyRoutes.claim, {
      token: tokens.li,
      params: { communityId },
      body: { code: named.body.code! },
    });
    expect(old.status).toBe(404);
    const claimed = await call(ownerProxyRoutes.claim, {
      token: tokens.li,
      params: { communityId },
      body: { code: retried.body.code! },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ nominationId: named.body.nominationId, onApp: true });
  });
});
