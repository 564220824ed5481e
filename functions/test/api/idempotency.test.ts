import {
  agoraRoutes,
  ALL_ROUTES,
  buildingIdOf,
  buildPath,
  DAY_MS,
  timebankRoutes,
  unitIdOf,
  type RouteContract,
} from '@linli/shared';
import * as z from 'zod/mini';
import {
  DEMO_COMMUNITY_ID as communityId,
  DEMO_STREET_ID,
  OTHER_COMMUNITY_ID,
  type PersonaKey,
} from '../../../devstack/seed/personas';
import { budgetRid, budgetRoundIn as roundIn, openBudgetRound as openRound } from './budgetHelpers';
import { confirmedProxy, openOwnersPoll, uploadProxyPhoto } from './ownerProxyHelpers';
import { call, raw, signIn, type Answer } from './http';

/**
 * Stripe's rule on every route whose contract names an `idempotencyKey`, generated from the contracts
 * (a new keyed route fails the first test until it has a case below): the request once (2xx), the same
 * request again (the same answer), then, for every body field but the key, the same key with that one
 * field changed to another value the contract accepts → 409 `IDEMPOTENCY_MISMATCH` with a Chinese
 * message, and nothing written (the local stack lists every item a request wrote).
 */
let seq = 0;
const rid = () => `idem${Date.now().toString(36)}${++seq}`;
const inTwoDays = () => new Date(Date.now() + 2 * DAY_MS).toISOString();
const building3 = buildingIdOf(communityId, '3栋');

interface KeyedCase {
  caller: PersonaKey;
  params: Record<string, string>;
  /** A body the route accepts, every field present that a caller may send. */
  body: Record<string, unknown>;
  /** Other values for fields a blind change cannot find (another account, another photo). */
  alternatives?: Record<string, unknown[]>;
  /** Fields not changed, each with why: what another value of it means. */
  notChanged?: Record<string, string>;
}

const token = (who: PersonaKey) => signIn(who);
async function created<C extends RouteContract>(
  contract: C,
  who: PersonaKey,
  req: Omit<Parameters<typeof call<C>>[1], 'token'>,
) {
  const answer = await call(contract, { ...req, token: await token(who) });
  if (answer.status >= 300) throw new Error(`${contract.id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const topic = (vote: boolean) =>
  created(agoraRoutes.createTopic, 'sun', {
    params: { communityId },
    body: {
      title: `幂等测试议题${rid()}`,
      description: '重放与改动',
      requestId: rid(),
      ...(vote
        ? {
            vote: {
              scope: { kind: 'buildings', buildingIds: [building3] },
              basis: 'household',
              preset: 'residentsMeeting',
              ballot: { kind: 'approve' },
              opensAt: new Date().toISOString(),
              closesAt: inTwoDays(),
            },
          }
        : {}),
    },
  }).then((t) => t.topicId);

const item = () =>
  created(timebankRoutes.createItem, 'sun', {
    params: { communityId },
    body: {
      name: `幂等测试礼品${rid()}`,
      description: '一积分',
      kind: 'gift',
      price: 1,
      initialStock: 20,
      requestId: rid(),
    },
  }).then((i) => i.itemId);

/** An item of 西园's offered to the street (通存通兑), for 小李 of 幸福里 to redeem. */
const streetItem = () =>
  created(timebankRoutes.createItem, 'wu', {
    params: { communityId: OTHER_COMMUNITY_ID },
    body: {
      name: `幂等街道礼品${rid()}`,
      description: '一积分',
      kind: 'gift',
      price: 1,
      initialStock: 20,
      streetOpen: true,
      requestId: rid(),
    },
  }).then((i) => i.itemId);

async function paperPhoto(topicId: string): Promise<string> {
  const presign = await created(agoraRoutes.createPaperUpload, 'zhang', {
    params: { communityId, topicId },
    body: { contentType: 'image/png', size: 68 },
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(presign.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.alloc(68, 1)], { type: 'image/png' }), 'ballot.png');
  const put = await fetch(presign.url, { method: 'POST', body: form });
  if (put.status >= 300) throw new Error(`photo upload: ${put.status}`);
  return presign.key;
}

/** A 民生微实事 round in a phase, opened and moved on by 孙主任; 王阿姨 voted in one in 公示. */
async function budgetRoundIn(phase: 'proposing' | 'deliberation' | 'voting' | 'publicity') {
  const sun = await token('sun');
  if (phase !== 'proposing') return roundIn(sun, phase, { voter: await token('wang') });
  return { roundId: await openRound(sun, `幂等测试轮次${budgetRid()}`), projectIds: [] as string[] };
}
const schedule = (firstDays: number) => ({
  proposingUntil: new Date(Date.now() + firstDays * DAY_MS).toISOString(),
  screeningUntil: new Date(Date.now() + (firstDays + 7) * DAY_MS).toISOString(),
  deliberationUntil: new Date(Date.now() + (firstDays + 14) * DAY_MS).toISOString(),
  votingUntil: new Date(Date.now() + (firstDays + 21) * DAY_MS).toISOString(),
});

const CASES: Record<string, () => Promise<KeyedCase>> = {
  'agora.createTopic': async () => ({
    caller: 'sun',
    params: { communityId },
    body: { title: `幂等议题${rid()}`, description: '征询意见', requestId: rid() },
    notChanged: {
      vote: 'a vote is its own wizard step; the topic and its key are the same with or without one',
      sourceGrievanceId: 'names a 诉求 to link; covered by the topic fields changed here',
    },
  }),
  'agora.proposeTopic': async () => ({
    caller: 'li',
    params: { communityId },
    body: { title: `幂等提议${rid()}`, description: '楼道加装扶手', requestId: rid() },
  }),
  'agora.addComment': async () => ({
    caller: 'wang',
    params: { communityId, topicId: await topic(false) },
    body: { body: '支持，建议尽快实施', kind: 'comment', requestId: rid() },
  }),
  'agora.castBallot': async () => ({
    caller: 'wang',
    params: { communityId, topicId: await topic(true) },
    body: { choices: ['agree'], requestId: rid() },
    alternatives: { choices: [['disagree'], ['abstain']] },
    notChanged: { voterKey: 'names the seat, which scopes the key: another seat is another ballot' },
  }),
  'agora.recordPaperBallot': async () => {
    const topicId = await topic(true);
    return {
      caller: 'zhang',
      params: { communityId, topicId },
      body: {
        unitId: unitIdOf(communityId, '3栋', '1单元', '102'),
        choices: ['agree'],
        photoKey: await paperPhoto(topicId),
        requestId: rid(),
      },
      alternatives: { choices: [['disagree']], photoKey: [await paperPhoto(topicId)] },
      notChanged: { unitId: 'names the seat, which scopes the key: another household is another ballot' },
    };
  },
  'ownerProxies.cast': async () => {
    const topicId = await openOwnersPoll(await token('sun'));
    const { ownerId } = await confirmedProxy(
      { owner: await token('wang'), proxy: await token('li'), sun: await token('sun') },
      topicId,
    );
    return {
      caller: 'li',
      params: { communityId, topicId, ownerId },
      body: { choices: ['agree'], requestId: rid() },
      alternatives: { choices: [['disagree']] },
    };
  },
  'ownerProxies.recordAssisted': async () => {
    const sun = await token('sun');
    const topicId = await openOwnersPoll(sun);
    const { ownerId } = await confirmedProxy({ owner: await token('zhang'), sun }, topicId);
    return {
      caller: 'sun',
      params: { communityId, topicId, ownerId },
      body: { choices: ['agree'], photoKey: await uploadProxyPhoto(sun, topicId), requestId: rid() },
      alternatives: { choices: [['disagree']], photoKey: [await uploadProxyPhoto(sun, topicId)] },
    };
  },
  'budget.openRound': async () => ({
    caller: 'sun',
    params: { communityId },
    body: {
      title: `幂等预算轮次${rid()}`,
      description: '民生微实事',
      totalAmount: 50_000,
      scope: { kind: 'community' },
      basis: 'household',
      secrecy: 'secret',
      schedule: schedule(7),
      requestId: rid(),
    },
    alternatives: { scope: [{ kind: 'buildings', buildingIds: [building3] }], schedule: [schedule(8)] },
  }),
  'budget.proposeProject': async () => {
    const { roundId } = await budgetRoundIn('proposing');
    return {
      caller: 'li',
      params: { communityId, roundId },
      body: { title: '幂等点单', description: '花园长椅', place: '中心花园', estimatedCost: 8000, requestId: rid() },
      notChanged: {
        photoKeys: 'uploads of their own; the fields changed here cover the fingerprint',
        sourceGrievanceId: 'the committee’s 诉求 → 项目; the caller here is a resident',
      },
    };
  },
  'budget.addComment': async () => {
    const { roundId, projectIds } = await budgetRoundIn('deliberation');
    return {
      caller: 'sun',
      params: { communityId, roundId, projectId: projectIds[0]! },
      body: { body: '居民议事会意见：同意', kind: 'comment', requestId: rid() },
    };
  },
  'budget.castBallot': async () => {
    const { roundId, projectIds } = await budgetRoundIn('voting');
    return {
      caller: 'wang',
      params: { communityId, roundId },
      body: { projectIds: [projectIds[0]!], requestId: rid() },
      alternatives: { projectIds: [[projectIds[1]!], projectIds] },
      notChanged: { voterKey: 'names the seat, which scopes the key: another seat is another ballot' },
    };
  },
  'budget.addObjection': async () => {
    const { roundId, projectIds } = await budgetRoundIn('publicity');
    return {
      caller: 'li',
      params: { communityId, roundId },
      body: { body: '对结果有疑问', projectId: projectIds[0]!, requestId: rid() },
      alternatives: { projectId: [projectIds[1]!] },
    };
  },
  'timebank.donate': async () => {
    const wang = await call(timebankRoutes.wallet, { token: await token('wang'), params: { communityId } });
    return {
      caller: 'li',
      params: { communityId },
      body: { to: 'fund', amount: 1, note: '一点心意', requestId: rid() },
      alternatives: { to: [wang.body.accountCode] },
    };
  },
  // 通存通兑: the posting here is the request's record, so another recipient or community is refused too.
  'timebank.donateAcross': async () => ({
    caller: 'li',
    params: { communityId },
    body: { toCommunityId: OTHER_COMMUNITY_ID, to: 'fund', amount: 1, note: '街坊心意', requestId: rid() },
    alternatives: { to: ['ABCDEFGH'], toCommunityId: [communityId] },
  }),
  'timebank.redeemAcross': async () => ({
    caller: 'li',
    params: { communityId },
    body: { toCommunityId: OTHER_COMMUNITY_ID, itemId: await streetItem(), quantity: 1, requestId: rid() },
    notChanged: {
      itemId:
        'names the item, which scopes the key (as the path does for timebank.redeem): another item is another redemption',
      toCommunityId: "names the item's community, which scopes the key with the item",
    },
  }),
  'streets.sendNotice': async () => ({
    caller: 'zhou',
    params: { streetId: DEMO_STREET_ID },
    body: {
      requestId: rid(),
      title: '幂等街道通知',
      body: '只发西园社区',
      communityIds: [OTHER_COMMUNITY_ID],
      urgent: false,
    },
    alternatives: { communityIds: [[communityId]] },
  }),
  // 街道议事 in 西园 only (南湖 has no roster: a poll there has no electorate and is refused 400).
  'streets.openTopic': async () => ({
    caller: 'zhou',
    params: { streetId: DEMO_STREET_ID },
    body: {
      requestId: rid(),
      title: '幂等街道议事',
      description: '只在南湖社区',
      basis: 'person',
      preset: 'consultation',
      ballot: { kind: 'single', options: ['甲', '乙'], maxChoices: 1 },
      opensAt: new Date().toISOString(),
      closesAt: inTwoDays(),
      communityIds: [OTHER_COMMUNITY_ID],
    },
    alternatives: {
      ballot: [{ kind: 'single', options: ['甲', '丙'], maxChoices: 1 }],
      communityIds: [[communityId]],
    },
  }),
  'timebank.redeem': async () => ({
    caller: 'li',
    params: { communityId, itemId: await item() },
    body: { quantity: 1, requestId: rid() },
  }),
  'timebank.createItem': async () => ({
    caller: 'sun',
    params: { communityId },
    body: {
      name: `幂等上架${rid()}`,
      description: '上架说明',
      kind: 'gift',
      price: 1,
      perPersonLimit: 2,
      initialStock: 3,
      requestId: rid(),
    },
    notChanged: {
      activeFrom: 'optional window; the item fields changed here cover the fingerprint',
      activeUntil: 'optional window; the item fields changed here cover the fingerprint',
      providerAccountCode: 'names a provider account; the item fields changed here cover the fingerprint',
      streetOpen: 'a switch; the item fields changed here cover the fingerprint',
    },
  }),
  'timebank.restock': async () => ({
    caller: 'sun',
    params: { communityId, itemId: await item() },
    body: { quantity: 2, note: '爱心企业捐赠', requestId: rid() },
  }),
  'notifications.reportGrants': async () => ({
    caller: 'chen',
    params: {},
    body: { requestId: rid(), results: { communityNotice: 'accept' } },
    alternatives: {
      results: [{ communityNotice: 'reject' }, { communityNotice: 'accept', requestProgress: 'accept' }],
    },
  }),
  'notifications.sendBroadcast': async () => ({
    caller: 'sun',
    params: { communityId },
    body: {
      requestId: rid(),
      title: '幂等测试通知',
      body: '只发给一户',
      scope: { unitIds: [unitIdOf(communityId, '3栋', '1单元', '102')] },
      urgent: false,
    },
    alternatives: { scope: [{ unitIds: [unitIdOf(communityId, '3栋', '1单元', '101')] }] },
  }),
  'grievances.submit': async () => ({
    caller: 'wang',
    params: { communityId },
    body: {
      clientRequestId: rid(),
      category: 'repair',
      description: '幂等测试：楼道灯不亮，晚上很黑',
      location: { kind: 'building', buildingId: building3 },
      urgency: 'normal',
      visibility: 'public',
      anonymous: false,
    },
    alternatives: {
      category: ['noise'],
      location: [{ kind: 'building', buildingId: buildingIdOf(communityId, '5栋') }],
    },
    notChanged: {
      photos: 'uploads of their own; the fields changed here cover the fingerprint',
      source: 'another source (走访, 主动发现) is a grid worker’s; the caller here is a resident',
      resident: 'the resident a grid worker records for; the caller here is a resident',
    },
  }),
};

const keyed = ALL_ROUTES.filter((r) => r.idempotencyKey);

it('every keyed route has a case, and every case a keyed route', () => {
  expect(keyed.map((r) => r.id).sort()).toEqual(Object.keys(CASES).sort());
});

/** The values a field's schema enumerates (`kind`, `visibility`, …), from the contract's JSON Schema. */
function enumerated(route: RouteContract, field: string): unknown[] {
  const schema = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { enum?: unknown[]; default?: unknown }>;
  };
  return schema.properties?.[field]?.enum ?? [];
}

/** Other values for one field that a blind change can try; the contract decides which it accepts. */
function changedValues(value: unknown): unknown[] {
  if (typeof value === 'number') return [value + 1, value - 1, value * 2];
  if (typeof value === 'boolean') return [!value];
  if (typeof value === 'string')
    return [
      `${value}改`,
      `改${value}`,
      ...(Number.isNaN(Date.parse(value)) ? [] : [new Date(Date.parse(value) + 3_600_000).toISOString()]),
    ];
  return [];
}

interface Variant {
  field: string;
  body: Record<string, unknown>;
}
function variantsOf(route: RouteContract, c: KeyedCase): Variant[] {
  const variants: Variant[] = [];
  for (const [field, value] of Object.entries(c.body)) {
    if (field === route.idempotencyKey) continue;
    const candidates = [
      ...(c.alternatives?.[field] ?? []),
      ...enumerated(route, field).filter((v) => v !== value),
      ...changedValues(value),
    ];
    const accepted = candidates.find((v) => route.body.safeParse({ ...c.body, [field]: v }).success);
    if (accepted !== undefined) variants.push({ field, body: { ...c.body, [field]: accepted } });
  }
  return variants;
}

const send = async (route: RouteContract, c: KeyedCase, body: Record<string, unknown>) =>
  raw(route.method, buildPath(route.path, c.params), { token: await token(c.caller), body: JSON.stringify(body) });

/** The DynamoDB calls of each route's first request and of a changed replay, printed at the end. */
const counts: string[] = [];
afterAll(() => console.log(`DynamoDB calls (reads/writes):\n${counts.join('\n')}`));
const ops = (a: Answer) => `${a.dbOps?.reads}/${a.dbOps?.writes} ${a.dbOps?.commands.join(',')}`;

describe.each(keyed.map((r) => [r.id, r] as const))('%s', (_, route) => {
  it('answers the same request with the first result, and one field changed under the same key with 409, writing nothing', async () => {
    const c = await CASES[route.id]!();
    const variants = variantsOf(route, c);
    const varied = new Set([...variants.map((v) => v.field), route.idempotencyKey, ...Object.keys(c.notChanged ?? {})]);
    // Every field the contract takes is changed once, or says why not.
    const fields = Object.keys((route.body as unknown as { def: { shape: object } }).def.shape);
    expect(fields.filter((f) => !varied.has(f))).toEqual([]);

    const first = await send(route, c, c.body);
    expect([route.id, first.status, first.body]).toEqual([route.id, route.successStatus, expect.anything()]);
    const again = await send(route, c, c.body);
    expect([route.id, again.status, again.body]).toEqual([route.id, first.status, first.body]);

    for (const variant of variants) {
      const answer = await send(route, c, variant.body);
      const error = (answer.body as { error?: { code?: string; message?: string } }).error;
      expect([route.id, variant.field, answer.status, error?.code]).toEqual([
        route.id,
        variant.field,
        409,
        'IDEMPOTENCY_MISMATCH',
      ]);
      expect(error?.message).toMatch(/[\u4e00-\u9fa5]/);
      // The stack lists the items each request wrote (x-linli-db-changed): none but the caller's rate counter.
      const written = answer.dbOps?.changed.filter((key) => !key.startsWith('RATE#'));
      expect([route.id, variant.field, written]).toEqual([route.id, variant.field, []]);
      if (variant === variants[0]) counts.push(`${route.id}: first ${ops(first)} · changed replay ${ops(answer)}`);
    }
    expect(variants.length).toBeGreaterThan(0);
  });
});
