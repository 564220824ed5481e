import { addHours, type VoteSpec } from '@linli/shared';
import { useTestTable } from '../../../test/testTable';
import { agoraCommunity, type Resident } from '../../../test/agoraFixture';
import { ownerProxies as proxies } from '../../db/entities/ownerProxy';
import { participations } from '../../db/entities/participation';
import { ballots } from '../../db/entities/ballot';
import { agora } from '../../db/registries/agora';
import { castBallot } from '../casting';
import { closePoll } from '../closing';
import { topicResults } from '../../db/entities/topicResult';
import { seatsOf } from '../seats';
import { createTopic, loadTopic } from '../topics';
import { castAsProxy, claimProxy, listProxies, proxiesForMe, revokeProxy } from './service';

/**
 * 书面委托 on DynamoDB Local: the races the conditions settle. The nomination's upload check needs S3 and is
 * covered by the API test; here the proxy is written as a nomination leaves it.
 */
useTestTable();
jest.setTimeout(180_000);
// The views sign short-lived links to the documents (no request is sent): any credentials will do.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

type Community = Awaited<ReturnType<typeof agoraCommunity>>;
let c: Community;
beforeAll(async () => {
  c = await agoraCommunity();
});

let requests = 0;
const rid = () => `req${++requests}${Math.random().toString(36).slice(2, 8)}`;
const actor = (r: Resident) => ({ userId: r.user.userId, name: r.user.nickname });

async function ownersPoll(spec: Partial<VoteSpec> = {}) {
  const topicId = await createTopic({
    principal: c.people.committee.principal,
    communityId: c.communityId,
    input: {
      title: '业主共同决定：更换物业',
      description: '说明',
      requestId: rid(),
      vote: {
        scope: { kind: 'community' },
        basis: 'owners',
        preset: 'ownersOrdinary',
        ballot: { kind: 'approve', options: [] },
        opensAt: addHours(new Date(), -1).toISOString(),
        closesAt: addHours(new Date(), 48).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
        ...spec,
      },
    },
    now: addHours(new Date(), -1),
  });
  return loadTopic(c.communityId, topicId, true);
}

/** 乙 (owner of 1栋201) names the tenant of 2栋102 as proxy; the committee has confirmed it. */
async function confirmedProxy(topicId: string, holder: Resident | null = c.people.tenant, code = 'ABCDEFGH') {
  const ownerId = c.unitOf('1栋1单元201').ownerId!;
  await proxies.put({
    communityId: c.communityId,
    topicId,
    ownerId,
    ownerLabel: '业主（1栋1单元201）',
    namedBy: c.people.yi.user.userId,
    namedByName: '乙',
    proxyName: '租户',
    proxyPhone: '13900000009',
    documentKey: `agora/proxy/${c.communityId}/${topicId}/${c.people.yi.user.userId}/doc.png`,
    code,
    proxyUserId: holder?.user.userId,
    status: 'confirmed',
    createdAt: new Date().toISOString(),
  });
  return ownerId;
}

const proxyCast = (topicId: string, ownerId: string, who: Resident = c.people.tenant, requestId = rid()) =>
  castAsProxy({
    principal: who.principal,
    communityId: c.communityId,
    topicId,
    ownerId,
    actor: actor(who),
    input: { choices: ['agree'], requestId },
    now: new Date(),
  });

async function ownerOnline(topicId: string) {
  const topic = await loadTopic(c.communityId, topicId, true);
  const [seat] = await seatsOf(c.people.yi.user, c.people.yi.principal, topic);
  return castBallot({
    topic,
    seat: seat!,
    choices: ['disagree'],
    channel: 'online',
    actor: actor(c.people.yi),
    requestId: rid(),
    now: new Date(),
  });
}

const revoke = (topicId: string, ownerId: string) =>
  revokeProxy({ principal: c.people.yi.principal, communityId: c.communityId, topicId, ownerId, now: new Date() });

const statusOf = (e: unknown) => (e as { status?: number; code?: string }) ?? {};

describe('a proxy casts for an owner', () => {
  it('puts the owner’s ballot under the owner’s seat, channel proxy, and marks the proxy used (never the choice)', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId);
    const { receipt } = await proxyCast(topic.topicId, ownerId);
    const { Item: p } = await participations.get(
      { communityId: c.communityId, topicId: topic.topicId, voterKey: `O_${ownerId}` },
      { consistent: true },
    );
    expect(p).toMatchObject({ channel: 'proxy', castBy: c.people.tenant.user.userId, castByName: '受托人租户' });
    expect(JSON.stringify(p)).not.toMatch(/agree|choices/);
    const { Item: proxy } = await proxies.get({ communityId: c.communityId, topicId: topic.topicId, ownerId });
    expect(proxy?.usedAt).toBeDefined();
    expect(JSON.stringify(proxy)).not.toContain(receipt);
    expect(JSON.stringify(proxy)).not.toMatch(/"agree"|choices/);
    const { Item: ballot } = await ballots.get({ communityId: c.communityId, topicId: topic.topicId, receipt });
    expect(ballot).toMatchObject({ choices: ['agree'] });
    expect(JSON.stringify(ballot)).not.toContain(c.people.tenant.user.userId);
    expect(JSON.stringify(ballot)).not.toContain(ownerId);

    const list = await listProxies({
      principal: c.people.committee.principal,
      communityId: c.communityId,
      topicId: topic.topicId,
      now: new Date(),
    });
    expect(list.summary).toMatchObject({ named: 1, confirmed: 1, used: 1 });
    expect(list.items[0]).toMatchObject({ used: true, state: 'confirmed', proxyPhone: '13900000009' });
  });

  it('refuses someone else’s proxy (404) and a proxy the committee has not confirmed (409)', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId);
    await expect(proxyCast(topic.topicId, ownerId, c.people.bing)).rejects.toMatchObject({ status: 404 });
    await proxies.update({ communityId: c.communityId, topicId: topic.topicId, ownerId, status: 'pending' });
    await expect(proxyCast(topic.topicId, ownerId)).rejects.toMatchObject({ status: 409 });
  });

  it('answers a retried cast with the same receipt', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId);
    const requestId = rid();
    const first = await proxyCast(topic.topicId, ownerId, c.people.tenant, requestId);
    expect(await proxyCast(topic.topicId, ownerId, c.people.tenant, requestId)).toEqual(first);
  });
});

describe('the published result', () => {
  it('counts the ballots cast by proxy in the participation', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId);
    await proxyCast(topic.topicId, ownerId);
    const bing = await seatsOf(c.people.bing.user, c.people.bing.principal, topic);
    await castBallot({
      topic,
      seat: bing[0]!,
      choices: ['disagree'],
      channel: 'online',
      actor: actor(c.people.bing),
      requestId: rid(),
      now: new Date(),
    });
    expect(await closePoll(c.communityId, topic.topicId, addHours(new Date(), 49))).toBe('published');
    const { Item } = await topicResults.get({ communityId: c.communityId, topicId: topic.topicId });
    expect((Item!.result as { participation: unknown }).participation).toMatchObject({
      heads: 2,
      byChannel: { online: 1, paper: 0, proxy: 1 },
    });
  });
});

describe('one ballot per owner across online, paper and proxy', () => {
  it('owner online and proxy at the same instant: one ballot, one conflict (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const topic = await ownersPoll();
      const ownerId = await confirmedProxy(topic.topicId);
      const results = await Promise.allSettled([proxyCast(topic.topicId, ownerId), ownerOnline(topic.topicId)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(statusOf(refused.reason)).toMatchObject({ status: 409, code: 'VOTE_CONFLICT' });
      const { Items: cast = [] } = await agora.query
        .ballotsOf({ communityId: c.communityId, topicId: topic.topicId })
        .send();
      expect(cast).toHaveLength(1);
      const { Items: conflicts = [] } = await agora.query
        .conflictsOf({ communityId: c.communityId, topicId: topic.topicId })
        .send();
      expect(conflicts).toHaveLength(1);
      expect((await loadTopic(c.communityId, topic.topicId, true)).openConflicts).toBe(1);
    }
  });

  it('revocation and cast at the same instant: one of them wins, never both (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const topic = await ownersPoll();
      const ownerId = await confirmedProxy(topic.topicId);
      const [cast, revoked] = await Promise.allSettled([
        proxyCast(topic.topicId, ownerId),
        revoke(topic.topicId, ownerId),
      ]);
      expect([cast.status, revoked.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const { Item: p } = await participations.get(
        { communityId: c.communityId, topicId: topic.topicId, voterKey: `O_${ownerId}` },
        { consistent: true },
      );
      const { Item: proxy } = await proxies.get(
        { communityId: c.communityId, topicId: topic.topicId, ownerId },
        { consistent: true },
      );
      if (cast.status === 'fulfilled') {
        expect(p?.channel).toBe('proxy');
        expect(proxy?.status).toBe('confirmed');
        expect(statusOf((revoked as PromiseRejectedResult).reason)).toMatchObject({ status: 409 });
      } else {
        expect(p).toBeUndefined();
        expect(proxy?.status).toBe('revoked');
        expect(statusOf(cast.reason)).toMatchObject({ status: 409 });
      }
    }
  });

  it('refuses a revocation after the owner’s ballot is in, whoever cast it', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId);
    await ownerOnline(topic.topicId);
    await expect(revoke(topic.topicId, ownerId)).rejects.toMatchObject({ status: 409, code: 'ALREADY_VOTED' });
    await expect(proxyCast(topic.topicId, ownerId)).rejects.toMatchObject({ status: 409, code: 'VOTE_CONFLICT' });
  });
});

describe('the 委托码', () => {
  it('links the proxy’s account once; the proxy then sees the vote they may cast', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId, null, 'KLMNPQRS');
    const claim = (who: Resident) =>
      claimProxy({ principal: who.principal, communityId: c.communityId, code: 'KLMNPQRS', now: new Date() });
    await expect(claim(c.people.yi)).rejects.toMatchObject({ status: 409 }); // the owner himself
    expect(await claim(c.people.bing)).toMatchObject({ onApp: true, ownerId });
    await expect(claim(c.people.tenant)).rejects.toMatchObject({ status: 404 }); // used
    const mine = await proxiesForMe({
      principal: c.people.bing.principal,
      communityId: c.communityId,
      now: new Date(),
    });
    expect(mine.items.map((i) => i.poll.topicId)).toContain(topic.topicId);
    expect(mine.items[0]!.proxy.code).toBeUndefined();
    await expect(proxyCast(topic.topicId, ownerId, c.people.bing)).resolves.toMatchObject({ changed: false });
  });
});
