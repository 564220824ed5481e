import {
  agoraRoutes,
  buildingIdOf,
  buildPath,
  DAY_MS,
  HOUR_MS,
  PROXY_HEADER,
  personalDataRoutes,
  proxyRoutes,
  staffLogRoutes,
  timebankRoutes,
  volunteerRoutes,
  type ProxySessionView,
  type RequestOf,
  type ResponseOf,
  type RouteContract,
  grievanceRoutes,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { PROXY_RESIDENT } from '../../../devstack/seed/proxy';
import { newRequest } from './grievanceHelpers';
import { call, raw, signIn, step, type Answer } from './http';

/**
 * 亲情代办 over HTTP on the local stack: 张楼长 acts for 高奶奶 (3栋, no smartphone) through the routes
 * residents use themselves; nobody else can; the online ballot is refused; every action is recorded for
 * her and the committee, she is notified, and it is marked 代办 where it shows.
 */
const communityId = DEMO_COMMUNITY_ID;
const gao = PROXY_RESIDENT.userId;
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
let seq = 0;
const rid = () => `px${Date.now().toString(36)}${++seq}`;
jest.setTimeout(180_000);

/** A route called with the 代办 session named in the header, as the mini-program does while acting. */
async function acting<C extends RouteContract>(
  header: string,
  contract: C,
  req: Partial<RequestOf<C>> & { token: string },
): Promise<Answer<ResponseOf<C>>> {
  const query = req.query
    ? `?${new URLSearchParams(Object.entries(req.query as Record<string, string>).filter(([, v]) => v !== undefined))}`
    : '';
  return raw(contract.method, buildPath(contract.path, (req.params ?? {}) as Record<string, unknown>) + query, {
    token: req.token,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    headers: { [PROXY_HEADER]: header },
  }) as Promise<Answer<ResponseOf<C>>>;
}

const tokens = {} as Record<'zhang' | 'liu' | 'zhao' | 'wang' | 'sun' | 'wu' | 'li', string>;
beforeAll(async () => {
  for (const who of ['zhang', 'liu', 'zhao', 'wang', 'sun', 'wu', 'li'] as const) tokens[who] = await signIn(who);
});

async function start(token: string, residentId: string = gao, reason = '高奶奶没有智能手机，上门代办') {
  return call(proxyRoutes.start, { token, params: { communityId }, body: { residentId, reason } });
}

/** What an action wrote for her: the audit entry and the notice (the items the request changed). */
function expectRecordedForHer(answer: Answer) {
  const changed = answer.dbOps?.changed ?? [];
  expect(changed.some((k) => k.startsWith(`USER#${gao} PROXYREC#`))).toBe(true);
  expect(changed.some((k) => k.startsWith('INTENT#'))).toBe(true);
}

let session: ProxySessionView;
const opened = step(async () => {
  const candidates = await call(proxyRoutes.candidates, { token: tokens.zhang, params: { communityId } });
  expect(candidates.status).toBe(200);
  expect(candidates.body.items.find((c) => c.userId === gao)).toMatchObject({
    name: PROXY_RESIDENT.realName,
    basis: 'buildingHead',
    switchedOff: false,
  });
  const started = await start(tokens.zhang);
  expect(started.status).toBe(201);
  session = started.body;
  expect(session).toMatchObject({ residentId: gao, basis: 'buildingHead', header: `${gao}.${session.proxySessionId}` });
  expect(Date.parse(session.expiresAt) - Date.parse(session.startedAt)).toBe(30 * 60_000);
  expectRecordedForHer(started);
});

describe('who may act for 高奶奶', () => {
  it('her 楼长 and her 网格员 may start; the helper picks her from the building', opened);

  it('refuses another grid worker, a neighbour, the committee and another community', async () => {
    await opened();
    const liu = await start(tokens.liu);
    expect(liu.status).toBe(201);
    await call(proxyRoutes.end, {
      token: tokens.liu,
      params: { communityId, residentId: gao, proxySessionId: liu.body.proxySessionId },
    });
    for (const who of ['zhao', 'wang', 'sun', 'li'] as const) expect((await start(tokens[who])).status).toBe(403);
    // 吴主任 is committee of 西园: a stranger here, and 高奶奶 has no home in 西园.
    expect((await start(tokens.wu)).status).toBe(403);
    expect(
      (
        await call(proxyRoutes.start, {
          token: tokens.wu,
          params: { communityId: OTHER_COMMUNITY_ID },
          body: { residentId: gao, reason: '不是本社区的居民' },
        })
      ).status,
    ).toBe(403);
    const missing = await start(tokens.zhang, 'nobody_here');
    expect(missing.status).toBe(404);
  });

  it('refuses a session used by anyone but its helper, and a made-up one', async () => {
    await opened();
    const wallet = { params: { communityId } };
    expect((await acting(session.header, timebankRoutes.wallet, { ...wallet, token: tokens.wang })).status).toBe(403);
    expect((await acting(session.header, timebankRoutes.wallet, { ...wallet, token: tokens.liu })).status).toBe(403);
    expect(
      (await acting(`${gao}.nosuchsession`, timebankRoutes.wallet, { ...wallet, token: tokens.zhang })).status,
    ).toBe(403);
    expect((await acting('not a header', timebankRoutes.wallet, { ...wallet, token: tokens.zhang })).status).toBe(400);
    const mine = await acting(session.header, timebankRoutes.wallet, { ...wallet, token: tokens.zhang });
    expect(mine.status).toBe(200);
    // A read records nothing.
    expect(mine.dbOps?.changed.some((k) => k.includes('PROXYREC#'))).toBe(false);
  });
});

describe('what 张楼长 can do in her name', () => {
  it('raises a 诉求 for her, marked 代办 on its timeline', async () => {
    await opened();
    const raised = await acting(session.header, G.submit, {
      token: tokens.zhang,
      params: { communityId },
      body: newRequest({
        description: '3栋门口台阶破损，高奶奶出门不方便',
        location: { kind: 'building', buildingId: buildingIdOf(communityId, '3栋') },
        visibility: 'private',
      }),
    });
    expect(raised.status).toBe(201);
    expect(raised.body.timeline[0]).toMatchObject({ action: 'submit', proxyBy: '张建国' });
    expectRecordedForHer(raised);
    // It is hers: 张楼长 on his own does not see it among his requests.
    const his = await call(G.listMine, { token: tokens.zhang, params: { communityId } });
    expect(his.body.items.some((g) => g.grievanceId === raised.body.grievanceId)).toBe(false);
  });

  it('rates her finished 诉求', async () => {
    await opened();
    const waiting = await acting(session.header, G.listMine, {
      token: tokens.zhang,
      params: { communityId },
      query: { awaiting: 'rating' },
    });
    expect(waiting.status).toBe(200);
    const handrail = waiting.body.items.find((g) => g.excerpt.includes('扶手'));
    expect(handrail).toBeDefined();
    const detail = await acting(session.header, G.get, {
      token: tokens.zhang,
      params: { communityId, grievanceId: handrail!.grievanceId },
    });
    const rated = await acting(session.header, G.rate, {
      token: tokens.zhang,
      params: { communityId, grievanceId: handrail!.grievanceId },
      body: { version: detail.body.version, rating: 'satisfied', comment: '高奶奶说扶手很牢固了' },
    });
    expect(rated.status).toBe(200);
    expect(rated.body.timeline.at(-1)).toMatchObject({ action: 'rate', proxyBy: '张建国' });
    expectRecordedForHer(rated);
  });

  it('signs her up for an activity, marked 代办 on the roster', async () => {
    await opened();
    const startAt = Date.now() + 3 * DAY_MS;
    const created = await call(volunteerRoutes.createActivity, {
      token: tokens.sun,
      params: { communityId },
      body: {
        title: `代办测试：重阳茶话会${rid()}`.slice(0, 30),
        description: '陪老人聊聊天',
        category: 'elderly',
        place: '社区服务中心',
        startAt: new Date(startAt).toISOString(),
        endAt: new Date(startAt + 2 * HOUR_MS).toISOString(),
        signUpDeadline: new Date(startAt - 2 * HOUR_MS).toISOString(),
        capacity: 10,
        cancelCutoffHours: 2,
        pointsRule: { kind: 'fixed', amount: 10 },
      },
    });
    expect(created.status).toBe(201);
    const activityId = created.body.activityId;
    const signed = await acting(session.header, volunteerRoutes.signUp, {
      token: tokens.zhang,
      params: { communityId, activityId },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.mine).toMatchObject({ status: 'confirmed' });
    expectRecordedForHer(signed);
    const roster = await call(volunteerRoutes.roster, { token: tokens.sun, params: { communityId, activityId } });
    expect(roster.body.items.find((r) => r.userId === gao)).toMatchObject({ proxyBy: '张建国' });
  });

  it('redeems her points, marked 代办 in her ledger', async () => {
    await opened();
    const catalogue = await acting(session.header, timebankRoutes.catalogue, {
      token: tokens.zhang,
      params: { communityId },
    });
    const soap = catalogue.body.items.find((i) => i.name === '洗衣液')!;
    const order = await acting(session.header, timebankRoutes.redeem, {
      token: tokens.zhang,
      params: { communityId, itemId: soap.itemId },
      body: { quantity: 1, requestId: rid() },
    });
    expect(order.status).toBe(201);
    expectRecordedForHer(order);
    const wallet = await acting(session.header, timebankRoutes.wallet, {
      token: tokens.zhang,
      params: { communityId },
    });
    expect(wallet.body.movements[0]!.memo).toBe('兑换 洗衣液 × 1（张建国代办）');
  });

  it('records a paper ballot for her household, and never casts an online one', async () => {
    await opened();
    const topic = await call(agoraRoutes.createTopic, {
      token: tokens.sun,
      params: { communityId },
      body: {
        title: `3栋加装扶手（代办测试）`,
        description: '3栋全体住户，一户一票',
        requestId: rid(),
        vote: {
          scope: { kind: 'buildings', buildingIds: [buildingIdOf(communityId, '3栋')] },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve' },
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
        },
      },
    });
    expect(topic.status).toBe(201);
    const params = { communityId, topicId: topic.body.topicId };
    const online = await acting(session.header, agoraRoutes.castBallot, {
      token: tokens.zhang,
      params,
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(online.status).toBe(403);
    expect((online.body as unknown as { error: { message: string } }).error.message).toContain('居民本人');

    const presign = await acting(session.header, agoraRoutes.createPaperUpload, {
      token: tokens.zhang,
      params,
      body: { contentType: 'image/png', size: 68 },
    });
    expect(presign.status).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(presign.body.fields)) form.append(k, v);
    form.append('file', new Blob([Buffer.alloc(68, 1)], { type: 'image/png' }), 'ballot.png');
    expect((await fetch(presign.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
    const herUnit = (
      await call(proxyRoutes.candidates, { token: tokens.zhang, params: { communityId } })
    ).body.items.find((c) => c.userId === gao)!;
    const households = await call(agoraRoutes.listHouseholds, {
      token: tokens.zhang,
      params,
      query: { buildingId: buildingIdOf(communityId, '3栋') },
    });
    const home = households.body.items.find((h) => h.label === herUnit.unitLabel)!;
    // Only her own household: a neighbour's is refused even to her 楼长 while acting for her.
    const other = households.body.items.find((h) => h.unitId !== home.unitId)!;
    const refused = await acting(session.header, agoraRoutes.recordPaperBallot, {
      token: tokens.zhang,
      params,
      body: { unitId: other.unitId, choices: ['agree'], photoKey: presign.body.key, requestId: rid() },
    });
    expect(refused.status).toBe(403);
    const paper = await acting(session.header, agoraRoutes.recordPaperBallot, {
      token: tokens.zhang,
      params,
      body: { unitId: home.unitId, choices: ['agree'], photoKey: presign.body.key, requestId: rid() },
    });
    expect(paper.status).toBe(201);
    expectRecordedForHer(paper);
    // 操作记录 names the helper at the keyboard as the actor, and her as whom it was done for.
    const log = await call(staffLogRoutes.staffLog, {
      token: tokens.sun,
      params: { communityId },
      query: { objectType: 'poll', limit: 20 },
    });
    const entry = log.body.items.find((e) => e.action === 'agora.recordPaperBallot' && e.objectId === params.topicId);
    expect(entry).toMatchObject({
      actorName: '张建国',
      actingFor: { userId: gao, name: PROXY_RESIDENT.realName },
      objectId: params.topicId,
    });
    expect(entry!.actorId).not.toBe(gao);
  });

  it('refuses anything outside the list while acting', async () => {
    await opened();
    const donate = await acting(session.header, timebankRoutes.donate, {
      token: tokens.zhang,
      params: { communityId },
      body: { to: 'fund', amount: 1, requestId: rid() },
    });
    expect(donate.status).toBe(403);
    // Her data export is the personalData Lambda, built without 代办: refused there the same way.
    const exported = await acting(session.header, personalDataRoutes.exportMyData, { token: tokens.zhang });
    expect(exported.status).toBe(403);
    expect((exported.body as unknown as { error: { message: string } }).error.message).toBe(
      '代办时不能进行此操作，请先结束代办',
    );
  });
});

describe('what she and the committee see', () => {
  it('lists every action for the committee, newest first, with who, why and what', async () => {
    await opened();
    const records = await call(proxyRoutes.communityRecords, {
      token: tokens.sun,
      params: { communityId },
      query: { limit: 50 },
    });
    expect(records.status).toBe(200);
    const ours = records.body.items.filter((r) => r.residentId === gao && r.actorName === '张建国');
    expect(ours.length).toBeGreaterThanOrEqual(1);
    expect(ours[0]).toMatchObject({
      residentName: PROXY_RESIDENT.realName,
      reason: expect.stringContaining('上门代办'),
    });
    expect((await call(proxyRoutes.communityRecords, { token: tokens.zhang, params: { communityId } })).status).toBe(
      403,
    );
  });
});

describe('the resident switches 代办 off', () => {
  it('refuses new sessions and ends the open ones; on again, it works', async () => {
    // 王阿姨 can sign in: she switches it off for her account while 张楼长 (3栋) acts for her.
    const forWang = await start(tokens.zhang, 'demo_wang', '帮王阿姨报名活动');
    expect(forWang.status).toBe(201);
    const off = await call(proxyRoutes.setEnabled, { token: tokens.wang, body: { enabled: false } });
    expect(off.body).toEqual({ enabled: false });
    try {
      const refused = await acting(forWang.body.header, timebankRoutes.wallet, {
        token: tokens.zhang,
        params: { communityId },
      });
      expect(refused.status).toBe(403);
      expect((await start(tokens.zhang, 'demo_wang', '再试一次')).status).toBe(403);
      const mine = await call(proxyRoutes.mine, { token: tokens.wang });
      expect(mine.body.enabled).toBe(false);
      expect(mine.body.records.map((r) => r.action)).toEqual(expect.arrayContaining(['started', 'ended']));
    } finally {
      expect((await call(proxyRoutes.setEnabled, { token: tokens.wang, body: { enabled: true } })).body).toEqual({
        enabled: true,
      });
    }
    const again = await start(tokens.zhang, 'demo_wang', '帮王阿姨报名活动');
    expect(again.status).toBe(201);
    const ended = await call(proxyRoutes.end, {
      token: tokens.zhang,
      params: { communityId, residentId: 'demo_wang', proxySessionId: again.body.proxySessionId },
    });
    expect(ended.body).toEqual({ ended: true });
    expect(
      (await acting(again.body.header, timebankRoutes.wallet, { token: tokens.zhang, params: { communityId } })).status,
    ).toBe(403);
  });
});
