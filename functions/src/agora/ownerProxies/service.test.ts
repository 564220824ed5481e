import { addHours, type VoteSpec } from '@linli/shared';
import { useTestTable } from '../../../test/testTable';
import { agoraCommunity, type Resident } from '../../../test/agoraFixture';
import { activeOwnerProxies, ownerProxies as proxies } from '../../db/entities/ownerProxy';
import { ownerProxies } from '../../db/registries/ownerProxies';
import { ulid } from '../../commons/ids';
import { proxiesOf, proxyRows } from '../archive/proxies';
import { proxyCodeHash } from './codes';
import { migrateLegacyOwnerProxies } from './migrateLegacy';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../commons/clients';
import { config } from '../../commons/config';
import { topicPartition } from '../../db/entities/topic';
import { participations } from '../../db/entities/participation';
import { ballots } from '../../db/entities/ballot';
import { agora } from '../../db/registries/agora';
import { castBallot } from '../casting';
import { closePoll } from '../closing';
import { topicResults } from '../../db/entities/topicResult';
import { seatsOf } from '../seats';
import { createTopic, loadTopic } from '../topics';
import { castAsProxy, claimProxy, listProxies, myOwnerSeats, proxiesForMe, reviewProxy, revokeProxy } from './service';

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

/**
 * 乙 (owner of 1栋201) names the tenant of 2栋102 as proxy; the committee has confirmed it (`status`). Written as a
 * nomination leaves it: a new record, the owner's standing-nomination marker, the code's HMAC only.
 */
async function confirmedProxy(
  topicId: string,
  holder: Resident | null = c.people.tenant,
  code = 'ABCDEFGH',
  status: 'pending' | 'confirmed' = 'confirmed',
) {
  const ownerId = c.unitOf('1栋1单元201').ownerId!;
  const nominationId = ulid();
  await activeOwnerProxies.put({ communityId: c.communityId, topicId, ownerId, nominationId });
  await proxies.put({
    communityId: c.communityId,
    topicId,
    ownerId,
    nominationId,
    ownerLabel: '业主（1栋1单元201）',
    namedBy: c.people.yi.user.userId,
    namedByName: '乙',
    proxyName: '租户',
    proxyPhone: '13900000009',
    documentKey: `agora/proxy/${c.communityId}/${topicId}/${c.people.yi.user.userId}/doc.png`,
    codeHash: await proxyCodeHash(c.communityId, code),
    proxyUserId: holder?.user.userId,
    status,
    createdAt: new Date().toISOString(),
  });
  return ownerId;
}

/** The owner's nominations in the poll, oldest first (AP4). */
async function nominations(topicId: string, ownerId: string) {
  const { Items = [] } = await ownerProxies.query
    .nominationsOfOwner({ communityId: c.communityId, topicId, ownerId })
    .send();
  return Items;
}
const latest = async (topicId: string, ownerId: string) => (await nominations(topicId, ownerId)).at(-1);

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
    const proxy = await latest(topic.topicId, ownerId);
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
    const { nominationId } = (await latest(topic.topicId, ownerId))!;
    await proxies.update({
      communityId: c.communityId,
      topicId: topic.topicId,
      ownerId,
      nominationId,
      status: 'pending',
    });
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
      const proxy = await latest(topic.topicId, ownerId);
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

describe('a nomination’s history', () => {
  const review = (
    topicId: string,
    ownerId: string,
    input: { decision: 'confirm' | 'reject'; note?: string; nominationId?: string },
  ) =>
    reviewProxy({
      principal: c.people.committee.principal,
      communityId: c.communityId,
      topicId,
      ownerId,
      actor: actor(c.people.committee),
      input,
      now: new Date(),
    });

  it('keeps a returned and a revoked nomination as they were, beside the new one; one stands at a time', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId, null, 'ABCDEFGH', 'pending');
    const first = (await latest(topic.topicId, ownerId))!;
    await review(topic.topicId, ownerId, {
      decision: 'reject',
      note: '委托书缺少业主签字',
      nominationId: first.nominationId,
    });
    const { Item: none } = await activeOwnerProxies.get({
      communityId: c.communityId,
      topicId: topic.topicId,
      ownerId,
    });
    expect(none).toBeUndefined(); // the owner may name another

    await confirmedProxy(topic.topicId, null, 'BCDEFGHJ', 'pending');
    const second = (await latest(topic.topicId, ownerId))!;
    // The committee looked at the first: a 409, not a confirmation of a document it never saw.
    await expect(
      review(topic.topicId, ownerId, { decision: 'confirm', nominationId: first.nominationId }),
    ).rejects.toMatchObject({ status: 409 });
    await revoke(topic.topicId, ownerId);
    await confirmedProxy(topic.topicId, null, 'CDEFGHJK', 'pending');

    const all = await nominations(topic.topicId, ownerId);
    expect(all.map((p) => p.status)).toEqual(['rejected', 'revoked', 'pending']);
    expect(all[0]).toMatchObject({
      nominationId: first.nominationId,
      note: '委托书缺少业主签字',
      reviewedByName: expect.any(String),
    });
    expect(all[1]).toMatchObject({ nominationId: second.nominationId, revokedAt: expect.any(String) });
    const list = await listProxies({
      principal: c.people.committee.principal,
      communityId: c.communityId,
      topicId: topic.topicId,
      now: new Date(),
    });
    expect(list.summary).toMatchObject({ named: 3, pending: 1, rejected: 1, revoked: 1 });
    expect(new Set(list.items.map((p) => p.nominationId)).size).toBe(3);
    // The archive's sheet of proxies: a row per nomination under its header.
    expect(proxyRows(await proxiesOf(c.communityId, topic.topicId), new Map())).toHaveLength(4);
    // The owner's page shows the standing one, without its code.
    const mine = await myOwnerSeats({
      principal: c.people.yi.principal,
      communityId: c.communityId,
      topicId: topic.topicId,
      now: new Date(),
    });
    expect(mine.seats[0]?.proxy).toMatchObject({ state: 'pending', nominationId: all[2]!.nominationId });
    expect(mine.seats[0]?.proxy?.code).toBeUndefined();
  });

  it('refuses a second standing nomination by the marker’s condition', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId, null, 'ABCDEFGH', 'pending');
    await expect(
      activeOwnerProxies.put(
        { communityId: c.communityId, topicId: topic.topicId, ownerId, nominationId: ulid() },
        { condition: { attr: 'ownerId', exists: false } },
      ),
    ).rejects.toThrow();
  });

  it('stores the 委托码 as an HMAC only, and a returned nomination’s code links nobody', async () => {
    const topic = await ownersPoll();
    const ownerId = await confirmedProxy(topic.topicId, null, 'MNPQRSTU', 'pending');
    const stored = (await latest(topic.topicId, ownerId))!;
    expect(JSON.stringify(stored)).not.toContain('MNPQRSTU');
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    await review(topic.topicId, ownerId, { decision: 'reject', note: '照片不清楚' });
    await expect(
      claimProxy({ principal: c.people.bing.principal, communityId: c.communityId, code: 'MNPQRSTU', now: new Date() }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('records from before (plain 委托码, one per owner)', () => {
  it('are rewritten once: a nomination record with the code’s hash, the standing marker, the old item gone', async () => {
    const topic = await ownersPoll();
    const ownerId = c.unitOf('1栋1单元201').ownerId!;
    const legacy = {
      PK: topicPartition(c.communityId, topic.topicId),
      SK: `OPROXY#${ownerId}`,
      GSI1PK: `C#${c.communityId}#OPROXYCODE#QRSTUVWX`,
      GSI1SK: 'OPROXY',
      _et: 'OwnerProxy',
      communityId: c.communityId,
      topicId: topic.topicId,
      ownerId,
      ownerLabel: '业主（1栋1单元201）',
      namedBy: c.people.yi.user.userId,
      namedByName: '乙',
      proxyName: '租户',
      proxyPhone: '13900000009',
      documentKey: `agora/proxy/${c.communityId}/${topic.topicId}/${c.people.yi.user.userId}/doc.png`,
      code: 'QRSTUVWX',
      status: 'pending',
      createdAt: new Date().toISOString(),
    };
    await documentClient.send(new PutCommand({ TableName: config.tableName, Item: legacy }));
    expect(await migrateLegacyOwnerProxies({ communityId: c.communityId })).toMatchObject({ migrated: 1 });
    expect(await migrateLegacyOwnerProxies({ communityId: c.communityId })).toMatchObject({ migrated: 0 });
    const all = await nominations(topic.topicId, ownerId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      status: 'pending',
      proxyName: '租户',
      codeHash: await proxyCodeHash(c.communityId, 'QRSTUVWX'),
    });
    expect(JSON.stringify(all[0])).not.toContain('QRSTUVWX');
    const { Item: marker } = await activeOwnerProxies.get({
      communityId: c.communityId,
      topicId: topic.topicId,
      ownerId,
    });
    expect(marker?.nominationId).toBe(all[0]!.nominationId);
    // The proxy links with the code they were given before the change.
    expect(
      await claimProxy({
        principal: c.people.bing.principal,
        communityId: c.communityId,
        code: 'QRSTUVWX',
        now: new Date(),
      }),
    ).toMatchObject({ onApp: true, ownerId });
  });
});
