import { agoraRoutes, ownerProxyRoutes, type RouteContract } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../../../devstack/seed/personas';
import { call as rawCall, signIn, step, type Answer } from './http';
import { confirmedProxy, openOwnersPoll, ownerIdOf, proxyRid as rid, uploadProxyPhoto } from './ownerProxyHelpers';
import { expectStaffEntry } from './staffLogHelpers';

/**
 * 书面委托 over real HTTP: 王阿姨 (owner, 3栋201) names 小李 (a tenant in 5栋) with a photo of the signed
 * 授权委托书, 小李 links his account with the 委托码, 孙主任 confirms, 小李 casts for her; her own vote is then
 * a cross-channel conflict, and the proxy can no longer be revoked. Every answer is kept for the secrecy check.
 */
const seen: { route: string; status: number; body: unknown }[] = [];
async function call<C extends RouteContract>(
  contract: C,
  req: Parameters<typeof rawCall<C>>[1],
): Promise<Answer<Awaited<ReturnType<typeof rawCall<C>>>['body']>> {
  const answer = await rawCall(contract, req);
  seen.push({ route: contract.id, status: answer.status, body: answer.body });
  return answer;
}

const tokens = {} as Record<'wang' | 'zhang' | 'li' | 'sun' | 'chen', string>;
beforeAll(async () => {
  for (const who of ['wang', 'zhang', 'li', 'sun', 'chen'] as const) tokens[who] = await signIn(who);
});

const params = (topicId: string) => ({ communityId, topicId });

const named = step(async () => {
  const topicId = await openOwnersPoll(tokens.sun, `更换物业公司（委托测试${rid()}）`);
  const ownerId = await ownerIdOf(tokens.wang, topicId);
  const documentKey = await uploadProxyPhoto(tokens.wang, topicId);
  const answer = await call(ownerProxyRoutes.name, {
    token: tokens.wang,
    params: params(topicId),
    body: { ownerId, proxyName: '小李', proxyPhone: '139 1234 5678', documentKey },
  });
  return { topicId, ownerId, documentKey, answer };
});

const confirmed = step(async () => {
  const { topicId, ownerId, answer } = await named();
  const claim = await call(ownerProxyRoutes.claim, {
    token: tokens.li,
    params: { communityId },
    body: { code: answer.body.code!.toLowerCase() },
  });
  const early = await call(ownerProxyRoutes.cast, {
    token: tokens.li,
    params: { ...params(topicId), ownerId },
    body: { choices: ['agree'], requestId: rid() },
  });
  const review = await call(ownerProxyRoutes.review, {
    token: tokens.sun,
    params: { ...params(topicId), ownerId },
    body: { decision: 'confirm' },
  });
  return { claim, early, review };
});

const castByProxy = step(async () => {
  const { topicId, ownerId } = await named();
  await confirmed();
  return call(ownerProxyRoutes.cast, {
    token: tokens.li,
    params: { ...params(topicId), ownerId },
    body: { choices: ['agree'], requestId: rid() },
  });
});

describe('an owner names a proxy', () => {
  it('with the signed document: pending, the phone masked, a 委托码 only the owner sees', async () => {
    const { answer, ownerId } = await named();
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      ownerId,
      state: 'pending',
      proxyName: '小李',
      proxyPhone: '139****5678',
      onApp: false,
      used: false,
    });
    expect(answer.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(answer.body.documentUrl).toBeDefined();
  });

  it('refuses an owner the caller does not speak for (403), and a document that was never uploaded (400)', async () => {
    const { topicId, ownerId, documentKey } = await named();
    const other = await call(ownerProxyRoutes.name, {
      token: tokens.zhang,
      params: params(topicId),
      body: { ownerId, proxyName: '张三', proxyPhone: '13912340000', documentKey },
    });
    expect(other.status).toBe(403);
    const zhangOwner = await ownerIdOf(tokens.zhang, topicId);
    const missing = await call(ownerProxyRoutes.name, {
      token: tokens.zhang,
      params: params(topicId),
      body: { ownerId: zhangOwner, proxyName: '张三', proxyPhone: '13912340000', documentKey },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('body.documentKey');
  });

  it('lets the proxy link their account with the code, but not cast before the committee confirms', async () => {
    const { claim, early, review } = await confirmed();
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ onApp: true, state: 'pending' });
    expect(claim.body.code).toBeUndefined();
    expect(early.status).toBe(409);
    expect(review.body).toMatchObject({ state: 'confirmed', reviewedByName: expect.any(String) });
  });

  it('records the committee’s confirmation in the staff log', async () => {
    const { topicId } = await named();
    const { review } = await confirmed();
    await expectStaffEntry(ownerProxyRoutes.review, review, { caller: 'sun', communityId, objectId: topicId });
  });
});

describe('the proxy casts for the owner', () => {
  it('answers a receipt, and the proxy sees the vote among those they hold', async () => {
    const cast = await castByProxy();
    expect(cast.status).toBe(201);
    expect(Object.keys(cast.body).sort()).toEqual(['changed', 'receipt']);
    const { topicId } = await named();
    const mine = await call(ownerProxyRoutes.forMe, { token: tokens.li, params: { communityId } });
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((i) => i.poll.topicId === topicId)?.proxy).toMatchObject({
      used: true,
      state: 'confirmed',
    });
  });

  it('turns the owner’s own later vote into a conflict for the committee (409 VOTE_CONFLICT)', async () => {
    await castByProxy();
    const { topicId } = await named();
    const own = await call(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(topicId),
      body: { choices: ['disagree'], requestId: rid() },
    });
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({
      error: { code: 'VOTE_CONFLICT', message: expect.stringContaining('受托人小李') },
    });
    const conflicts = await call(agoraRoutes.listConflicts, { token: tokens.sun, params: params(topicId) });
    expect(conflicts.body.items).toEqual([
      expect.objectContaining({
        existing: expect.objectContaining({ channel: 'proxy' }),
        attempted: expect.objectContaining({ channel: 'online' }),
        status: 'open',
      }),
    ]);
    const page = await call(ownerProxyRoutes.mine, { token: tokens.wang, params: params(topicId) });
    expect(page.body.seats[0]).toMatchObject({ voted: true, channel: 'proxy', proxy: { used: true } });
  });

  it('refuses a revocation once the ballot is cast (409)', async () => {
    await castByProxy();
    const { topicId, ownerId } = await named();
    const revoke = await call(ownerProxyRoutes.revoke, {
      token: tokens.wang,
      params: { ...params(topicId), ownerId },
    });
    expect(revoke.status).toBe(409);
    expect(revoke.body).toMatchObject({ error: { code: 'ALREADY_VOTED' } });
  });

  it('refuses someone else’s proxy: another resident casting (404) or revoking (404)', async () => {
    await castByProxy();
    const { topicId, ownerId } = await named();
    const cast = await call(ownerProxyRoutes.cast, {
      token: tokens.zhang,
      params: { ...params(topicId), ownerId },
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(cast.status).toBe(404);
    const revoke = await call(ownerProxyRoutes.revoke, {
      token: tokens.zhang,
      params: { ...params(topicId), ownerId },
    });
    expect(revoke.status).toBe(404);
  });

  it('lists the poll’s proxies for the committee with state, document and use, and counts ballots by proxy', async () => {
    await castByProxy();
    const { topicId, ownerId } = await named();
    const list = await call(ownerProxyRoutes.list, { token: tokens.sun, params: params(topicId) });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        ownerId,
        proxyName: '小李',
        proxyPhone: '13912345678',
        state: 'confirmed',
        used: true,
        onApp: true,
        documentUrl: expect.any(String),
      }),
    ]);
    expect(list.body.summary).toMatchObject({ named: 1, confirmed: 1, used: 1 });
  });
});

describe('a proxy who is not on the app', () => {
  it('votes through the committee’s assisted recording with the signed ballot’s photo; the owner may revoke before', async () => {
    const topicId = await openOwnersPoll(tokens.sun);
    const { ownerId, named: proxy } = await confirmedProxy({ owner: tokens.zhang, sun: tokens.sun }, topicId, {
      proxyName: '张大爷',
      proxyPhone: '13800001111',
    });
    expect(proxy.onApp).toBe(false);
    const record = await call(ownerProxyRoutes.recordAssisted, {
      token: tokens.sun,
      params: { ...params(topicId), ownerId },
      body: { choices: ['agree'], photoKey: await uploadProxyPhoto(tokens.sun, topicId), requestId: rid() },
    });
    expect(record.status).toBe(201);
    await expectStaffEntry(ownerProxyRoutes.recordAssisted, record, { caller: 'sun', communityId, objectId: topicId });
    const page = await call(ownerProxyRoutes.mine, { token: tokens.zhang, params: params(topicId) });
    expect(page.body.seats[0]).toMatchObject({ voted: true, channel: 'proxy' });

    // Another poll: revoked before any ballot, then the committee cannot record through it.
    const second = await openOwnersPoll(tokens.sun);
    const again = await confirmedProxy({ owner: tokens.zhang, sun: tokens.sun }, second);
    const revoked = await call(ownerProxyRoutes.revoke, {
      token: tokens.zhang,
      params: { ...params(second), ownerId: again.ownerId },
    });
    expect(revoked.body).toMatchObject({ state: 'revoked' });
    const late = await call(ownerProxyRoutes.recordAssisted, {
      token: tokens.sun,
      params: { ...params(second), ownerId: again.ownerId },
      body: { choices: ['agree'], photoKey: await uploadProxyPhoto(tokens.sun, second), requestId: rid() },
    });
    expect(late.status).toBe(409);
  });
});

describe('secrecy', () => {
  it('no answer links proxy, owner and choice: receipts only in the cast answers, choices in none', async () => {
    await castByProxy();
    const { topicId } = await named();
    // Wang's view of the topic as every voter has it.
    await call(agoraRoutes.getTopic, { token: tokens.wang, params: params(topicId) });
    await call(ownerProxyRoutes.list, { token: tokens.sun, params: params(topicId) });
    const receipts = seen
      .filter((a) => a.status < 300 && (a.body as { receipt?: string })?.receipt)
      .map((a) => (a.body as { receipt: string }).receipt);
    expect(receipts.length).toBeGreaterThan(0);
    for (const a of seen) {
      const text = JSON.stringify(a.body);
      const carriesReceipt = receipts.some((r) => text.includes(r));
      if (carriesReceipt)
        expect([a.route, Object.keys(a.body as object).sort()]).toEqual([a.route, ['changed', 'receipt']]);
      // Nothing but the ballot definition (options) names an option, and no answer carries a choice list.
      expect([a.route, text]).not.toEqual([a.route, expect.stringContaining('"choices"')]);
    }
    const proxyAnswers = seen.filter((a) =>
      ['ownerProxies.list', 'ownerProxies.forMe', 'ownerProxies.mine'].includes(a.route),
    );
    expect(proxyAnswers.length).toBeGreaterThan(2);
  });
});
