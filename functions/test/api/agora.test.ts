import {
  agoraRoutes,
  buildingIdOf,
  DAY_MS,
  grievanceRoutes,
  personalDataRoutes,
  MINUTE_MS,
  sha256,
  unitIdOf,
  verifyInclusion,
  type RouteContract,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, persona } from '../../../devstack/seed/personas';
import { newRequest, submit } from './grievanceHelpers';
import { call as rawCall, raw, signIn, step, type Answer } from './http';
import { expectStaffEntry } from './staffLogHelpers';

/**
 * 议事厅 over real HTTP on the local stack: a building poll from the committee's wizard to the
 * published result, paper ballots and conflicts, proposals, deliberation — and, over every one of
 * those answers, the secrecy check: no response joins a voter to a choice.
 */
const communityId = DEMO_COMMUNITY_ID;
const building3 = buildingIdOf(communityId, '3栋');
const wangUnit = unitIdOf(communityId, '3栋', '1单元', '201');
const zhangUnit = unitIdOf(communityId, '3栋', '1单元', '101');
const params = (topicId: string) => ({ communityId, topicId });
let seq = 0;
const rid = () => `api${Date.now().toString(36)}${++seq}`;

/** Every answer of the suite, by route, for the secrecy check at the end. */
const seen: { route: string; status: number; body: unknown }[] = [];
async function call<C extends RouteContract>(
  contract: C,
  req: Parameters<typeof rawCall<C>>[1],
): Promise<Answer<Awaited<ReturnType<typeof rawCall<C>>>['body']>> {
  const answer = await rawCall(contract, req);
  seen.push({ route: contract.id, status: answer.status, body: answer.body });
  return answer;
}

const tokens = {} as Record<'wang' | 'zhang' | 'li' | 'sun' | 'liu' | 'wu' | 'zhou', string>;
beforeAll(async () => {
  for (const who of ['wang', 'zhang', 'li', 'sun', 'liu', 'wu', 'zhou'] as const) tokens[who] = await signIn(who);
});

const inAMinute = () => new Date(Date.now() + MINUTE_MS).toISOString();
const inTwoDays = () => new Date(Date.now() + 2 * DAY_MS).toISOString();

async function createBuildingPoll(title: string, extra: Record<string, unknown> = {}) {
  const res = await call(agoraRoutes.createTopic, {
    token: tokens.sun,
    params: { communityId },
    body: {
      title,
      description: '3栋全体住户，一户一票',
      requestId: rid(),
      vote: {
        scope: { kind: 'buildings', buildingIds: [building3] },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve' },
        opensAt: new Date().toISOString(),
        closesAt: inTwoDays(),
        ...extra,
      },
    },
  });
  expect(res.status).toBe(201);
  return res.body.topicId;
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
}

const receipts: string[] = [];
/** The last step of each journey below: the secrecy checks look at every answer, so they run them all first. */
const journeys: (() => Promise<unknown>)[] = [];
// A test may run the steps its journey needs before it (with --randomize, all of them).
jest.setTimeout(240_000);

describe('a household poll for one building, end to end', () => {
  let topicId: string;

  const pollOpened = step(async () => {
    const preview = await call(agoraRoutes.previewElectorate, {
      token: tokens.sun,
      params: { communityId },
      body: { scope: { kind: 'buildings', buildingIds: [building3] }, basis: 'owners' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ basis: 'owners', units: 20, byBuilding: [{ name: '3栋', units: 20 }] });
    expect(preview.body.area).toBeGreaterThan(1000);

    topicId = await createBuildingPoll('3栋单元门禁改造');
    const mine = await call(agoraRoutes.listTopics, {
      token: tokens.wang,
      params: { communityId },
      query: { bucket: 'open', mine: '1' },
    });
    expect(mine.body.items.find((t) => t.topicId === topicId)).toMatchObject({
      stage: 'voting',
      inScope: true,
      myStatus: 'canVote',
      scopeText: '3栋',
    });
    const liList = await call(agoraRoutes.listTopics, {
      token: tokens.li,
      params: { communityId },
      query: { bucket: 'open', mine: '1' },
    });
    expect(liList.body.items.some((t) => t.topicId === topicId)).toBe(false);
  });
  it('previews the electorate, opens the poll, and shows it to residents in scope', pollOpened);

  const onlineBallots = step(async () => {
    await pollOpened();
    const cast = await call(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(topicId),
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    expect(Object.keys(cast.body).sort()).toEqual(['changed', 'receipt']);
    receipts.push(cast.body.receipt);
    const again = await call(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(topicId),
      body: { choices: ['disagree'], requestId: rid() },
    });
    expect(again.status).toBe(409);
    expect((again.body as unknown as { error: { code: string } }).error.code).toBe('ALREADY_VOTED');
    const zhang = await call(agoraRoutes.castBallot, {
      token: tokens.zhang,
      params: params(topicId),
      body: { choices: ['disagree'], requestId: rid() },
    });
    expect(zhang.status).toBe(201);
    receipts.push(zhang.body.receipt);

    expect(
      (
        await call(agoraRoutes.castBallot, {
          token: tokens.li,
          params: params(topicId),
          body: { choices: ['agree'], requestId: rid() },
        })
      ).status,
    ).toBe(403);
    const bad = await call(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(topicId),
      body: { choices: 'agree', requestId: rid(), extra: 1 } as never,
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(expect.arrayContaining(['body.choices']));
    expect((await call(agoraRoutes.getTopic, { token: tokens.wang, params: params('tnope') })).status).toBe(404);
    expect((await call(agoraRoutes.getTopic, { token: tokens.wu, params: params(topicId) })).status).toBe(403);
  });
  it(
    'takes one ballot per household, answers 403 outside the scope, 400 with the field, 404 for unknown topics',
    onlineBallots,
  );

  const turnoutShown = step(async () => {
    await onlineBallots();
    const view = await waitFor(
      () => call(agoraRoutes.getTopic, { token: tokens.wang, params: params(topicId) }),
      (v) => v.body.liveTurnout?.heads === 2,
    );
    expect(view.body.mySeats).toEqual([
      expect.objectContaining({
        status: 'voted',
        castByName: '王阿姨',
        castByMe: true,
        channel: 'online',
        label: '3栋1单元201',
      }),
    ]);
    expect(view.body.liveTurnout).toMatchObject({ heads: 2, byBuilding: [{ name: '3栋', voted: 2, total: 20 }] });
    expect(view.body.result).toBeUndefined();
    const receipt = await call(agoraRoutes.checkReceipt, {
      token: tokens.wang,
      params: { ...params(topicId), receipt: receipts[0]! },
    });
    // In the box, counted at the close — and not a word of what it chose (a receipt proves nothing to a buyer).
    expect(receipt.body).toEqual({ receipt: receipts[0], secrecy: 'secret', status: 'inBox', at: expect.any(String) });
    const lowerCase = await call(agoraRoutes.checkReceipt, {
      token: tokens.li,
      params: { ...params(topicId), receipt: receipts[1]!.toLowerCase() },
    });
    expect(lowerCase.body).toMatchObject({ receipt: receipts[1], status: 'inBox' });
    // As a person types it back: lower case, in groups of four.
    const typed = await call(agoraRoutes.checkReceipt, {
      token: tokens.wang,
      params: { ...params(topicId), receipt: receipts[0]!.toLowerCase().replace(/(.{4})(?!$)/g, '$1 ') },
    });
    expect(typed.status).toBe(200);
    expect(typed.body).toMatchObject({ receipt: receipts[0], status: 'inBox' });
    const unknown = await call(agoraRoutes.checkReceipt, {
      token: tokens.wang,
      params: { ...params(topicId), receipt: 'ABCDEFGHJKLM' },
    });
    expect(unknown.body).toEqual({ receipt: 'ABCDEFGHJKLM', secrecy: 'secret', status: 'notCounted' });
    // The personal data export says that a vote was cast, never the choice or the receipt.
    const personal = await call(personalDataRoutes.exportMyData, { token: tokens.wang });
    expect(personal.status).toBe(200);
    expect(JSON.stringify(personal.body)).toContain(topicId);
    expect(JSON.stringify(personal.body)).not.toContain(receipts[0]);
    expect(JSON.stringify(personal.body)).not.toMatch(/"choices"/);
  });
  it(
    'shows the household who voted, live turnout by building from the stream, and no results before close',
    turnoutShown,
  );

  const paperBallot = step(async () => {
    await turnoutShown();
    const households = await call(agoraRoutes.listHouseholds, {
      token: tokens.zhang,
      params: params(topicId),
      query: { buildingId: building3 },
    });
    expect(households.status).toBe(200);
    expect(households.body.items).toHaveLength(20);
    expect(households.body.items.find((h) => h.unitId === wangUnit)).toMatchObject({ voted: true, channel: 'online' });
    const target = households.body.items.find((h) => !h.voted)!;

    const upload = async (token: string) => {
      const presign = await call(agoraRoutes.createPaperUpload, {
        token,
        params: params(topicId),
        body: { contentType: 'image/png', size: 68 },
      });
      expect(presign.status).toBe(201);
      const form = new FormData();
      for (const [k, v] of Object.entries(presign.body.fields)) form.append(k, v);
      form.append('file', new Blob([Buffer.alloc(68, 1)], { type: 'image/png' }), 'ballot.png');
      const put = await fetch(presign.body.url, { method: 'POST', body: form });
      expect(put.status).toBeLessThan(300);
      return presign.body.key;
    };
    const photoKey = await upload(tokens.zhang);
    const paper = await call(agoraRoutes.recordPaperBallot, {
      token: tokens.zhang,
      params: params(topicId),
      body: { unitId: target.unitId, choices: ['agree'], photoKey, requestId: rid() },
    });
    expect(paper.status).toBe(201);
    receipts.push(paper.body.receipt);
    // 刘网格员 (第一网格) cannot record for 3栋's neighbours in another grid? 3栋 is in 第一网格, so he can — but not with 张楼长's photo.
    const stolen = await call(agoraRoutes.recordPaperBallot, {
      token: tokens.liu,
      params: params(topicId),
      body: { unitId: target.unitId, choices: ['agree'], photoKey, requestId: rid() },
    });
    expect(stolen.status).toBe(400);

    const twice = await call(agoraRoutes.recordPaperBallot, {
      token: tokens.zhang,
      params: params(topicId),
      body: { unitId: wangUnit, choices: ['disagree'], photoKey: await upload(tokens.zhang), requestId: rid() },
    });
    expect(twice.status).toBe(409);
    expect((twice.body as unknown as { error: { code: string } }).error.code).toBe('VOTE_CONFLICT');
    const conflicts = await call(agoraRoutes.listConflicts, { token: tokens.sun, params: params(topicId) });
    expect(conflicts.body.items).toEqual([
      expect.objectContaining({
        voterLabel: '3栋1单元201',
        status: 'open',
        existing: expect.objectContaining({ channel: 'online' }),
        attempted: expect.objectContaining({ channel: 'paper', byName: '张楼长', photoUrl: expect.any(String) }),
      }),
    ]);
    const kept = await call(agoraRoutes.resolveConflict, {
      token: tokens.sun,
      params: { ...params(topicId), conflictId: conflicts.body.items[0]!.conflictId },
      body: { decision: 'keep', note: '电话核实：王阿姨本人已在线投票，纸质票系误录' },
    });
    expect(kept.body).toMatchObject({ status: 'kept', resolvedByName: '孙主任' });
    // A privileged write: staffLog.test.ts lists this journey as the place its entry is checked.
    await expectStaffEntry(agoraRoutes.resolveConflict, kept, {
      caller: 'sun',
      communityId,
      objectId: conflicts.body.items[0]!.conflictId,
    });
  });
  it(
    'records a paper ballot with its photo, flags a second channel for the same household, and lets the committee keep or void',
    paperBallot,
  );

  const pollClosed = step(async () => {
    await paperBallot();
    const closed = await call(agoraRoutes.changeSchedule, {
      token: tokens.sun,
      params: params(topicId),
      body: { action: 'closeNow', reason: '门禁施工队进场时间提前' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      phase: 'published',
      scheduleChanges: [
        expect.objectContaining({ action: 'closeNow', reason: '门禁施工队进场时间提前', byName: '孙主任' }),
      ],
    });
    const result = closed.body.result!;
    expect(result).toMatchObject({
      ballots: 3,
      participation: { heads: 3 },
      integrity: { participations: 3, ballots: 3, consistent: true },
      conflicts: { open: 0, resolved: 1 },
    });
    expect(result.options.map((o) => [o.label, o.heads])).toEqual([
      ['同意', 2],
      ['不同意', 1],
      ['弃权', 0],
    ]);
    expect(result.outcome.kind).toBe('noQuorum'); // 3 of 20 households is not more than half
    expect(result.summary).toContain('未形成决定');

    expect((await call(agoraRoutes.recount, { token: tokens.sun, params: params(topicId) })).body).toMatchObject({
      matches: true,
      ballots: 3,
    });
    // The published list: choices and weights without receipts; anyone recounts the published tallies from it.
    const exported = await call(agoraRoutes.exportResult, { token: tokens.li, params: params(topicId) });
    expect(exported.body.ballots).toHaveLength(receipts.length);
    expect(exported.body.ballots.every((b) => b.receipt === undefined)).toBe(true);
    for (const o of result.options)
      expect({
        option: o.label,
        heads: exported.body.ballots.filter((b) => b.choices.includes(o.label)).reduce((n, b) => n + b.heads, 0),
      }).toEqual({ option: o.label, heads: o.heads });
    // Each voter's receipt: counted, with a proof that verifies against the published root — and no choice.
    const root = result.receiptRoot!;
    expect(root).toMatchObject({ leaves: receipts.length, root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const receipt of receipts) {
      const counted = await call(agoraRoutes.checkReceipt, {
        token: tokens.zhang,
        params: { ...params(topicId), receipt },
      });
      expect(counted.body).toMatchObject({ receipt, secrecy: 'secret', status: 'counted', at: result.countedAt });
      expect(counted.body.choices).toBeUndefined();
      expect(counted.body.proof?.root).toBe(root.root);
      expect(verifyInclusion(sha256, { ...counted.body.proof!, root: root.root })).toBe(true);
      expect(
        verifyInclusion(sha256, {
          ...counted.body.proof!,
          root: root.root.replace(/^./, (c) => (c === '0' ? '1' : '0')),
        }),
      ).toBe(false);
    }
    const commitment = await call(agoraRoutes.setCommitment, {
      token: tokens.sun,
      params: params(topicId),
      body: { text: '未达到法定参与人数，下月重新征求意见', status: 'planned' },
    });
    expect(commitment.body).toMatchObject({ stage: 'implementation', commitment: { status: 'planned' } });
    expect(
      (
        await call(agoraRoutes.castBallot, {
          token: tokens.li,
          params: params(topicId),
          body: { choices: ['agree'], requestId: rid() },
        })
      ).status,
    ).toBe(403);
  });
  it('closes early with the committee’s reason, publishes the recounted result, and the recount matches', pollClosed);
  journeys.push(pollClosed);
});

describe('an open (实名) poll', () => {
  // Outside the secrecy checks (rawCall): an open ballot shows its choice by the committee's choice.
  const openPoll = step(async () => {
    const topicId = await createBuildingPoll('3栋业主签字表决：外墙维修', { secrecy: 'open' });
    const view = await rawCall(agoraRoutes.getTopic, { token: tokens.wang, params: params(topicId) });
    expect(view.body.vote?.secrecy).toBe('open');
    const cast = await rawCall(agoraRoutes.castBallot, {
      token: tokens.wang,
      params: params(topicId),
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    const receipt = cast.body.receipt;
    const during = await rawCall(agoraRoutes.checkReceipt, {
      token: tokens.wang,
      params: { ...params(topicId), receipt },
    });
    expect(during.body).toMatchObject({ secrecy: 'open', status: 'inBox', choices: ['同意'] });
    const closed = await rawCall(agoraRoutes.changeSchedule, {
      token: tokens.sun,
      params: params(topicId),
      body: { action: 'closeNow', reason: '签字表决已收齐' },
    });
    expect(closed.status).toBe(200);
    const after = await rawCall(agoraRoutes.checkReceipt, {
      token: tokens.li,
      params: { ...params(topicId), receipt },
    });
    expect(after.body).toMatchObject({ secrecy: 'open', status: 'counted', choices: ['同意'] });
    expect(verifyInclusion(sha256, after.body.proof!)).toBe(true);
    const exported = await rawCall(agoraRoutes.exportResult, { token: tokens.li, params: params(topicId) });
    expect(exported.body.ballots).toEqual([{ receipt, choices: ['同意'], heads: 1, area: 0 }]);
  });
  it('shows the choice with the receipt, during voting and after, where the committee opened an open ballot', openPoll);
});

describe('proposals, deliberation and settings', () => {
  const proposalScheduled = step(async () => {
    expect(
      (
        await call(agoraRoutes.updateSettings, {
          token: tokens.li,
          params: { communityId },
          body: { supportThreshold: 2 },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(agoraRoutes.updateSettings, {
          token: tokens.sun,
          params: { communityId },
          body: { supportThreshold: 2 },
        })
      ).body,
    ).toEqual({ supportThreshold: 2 });
    expect((await call(agoraRoutes.getSettings, { token: tokens.li, params: { communityId } })).body).toEqual({
      supportThreshold: 2,
    });
    const proposed = await call(agoraRoutes.proposeTopic, {
      token: tokens.li,
      params: { communityId },
      body: { title: '5栋楼道加装声控灯', description: '晚上楼道太黑', requestId: rid() },
    });
    expect(proposed.body).toMatchObject({
      stage: 'proposal',
      support: { count: 1, threshold: 2 },
      proposedByName: '小李',
    });
    const topicId = proposed.body.topicId;
    expect((await call(agoraRoutes.supportTopic, { token: tokens.wang, params: params(topicId) })).body).toEqual({
      count: 2,
      threshold: 2,
      queued: true,
    });
    expect((await call(agoraRoutes.supportTopic, { token: tokens.wang, params: params(topicId) })).status).toBe(409);
    expect(
      (
        await call(agoraRoutes.reviewProposal, {
          token: tokens.sun,
          params: params(topicId),
          body: { decision: 'decline' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(agoraRoutes.reviewProposal, {
          token: tokens.sun,
          params: params(topicId),
          body: { decision: 'accept' },
        })
      ).body.stage,
    ).toBe('deliberation');

    const comment = await call(agoraRoutes.addComment, {
      token: tokens.wang,
      params: params(topicId),
      body: { body: '支持，建议用节能灯', kind: 'suggestion', requestId: rid() },
    });
    expect(comment.body).toMatchObject({ authorName: '王阿姨', authorTag: '3栋居民', held: false });
    const list = await waitFor(
      () => call(agoraRoutes.listComments, { token: tokens.li, params: params(topicId) }),
      (v) => v.body.items.length === 1,
      5000,
    );
    expect(list.body.items).toEqual([expect.objectContaining({ body: '支持，建议用节能灯', mine: false })]);
    const summary = await call(agoraRoutes.publishSummary, {
      token: tokens.sun,
      params: params(topicId),
      body: { text: '居民普遍支持，采用节能声控灯。' },
    });
    expect(summary.body.summary?.text).toBe('居民普遍支持，采用节能声控灯。');
    const scheduled = await call(agoraRoutes.scheduleVote, {
      token: tokens.sun,
      params: params(topicId),
      body: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(communityId, '5栋')] },
        basis: 'person',
        preset: 'consultation',
        ballot: { kind: 'single', options: ['感应灯', '声控灯'] },
        opensAt: inAMinute(),
        closesAt: inTwoDays(),
      },
    });
    expect(scheduled.body).toMatchObject({
      stage: 'upcoming',
      vote: { basisLabel: expect.stringContaining('每人一票') },
    });
    expect(
      (
        await call(agoraRoutes.castBallot, {
          token: tokens.li,
          params: params(topicId),
          body: { choices: ['o1'], requestId: rid() },
        })
      ).status,
    ).toBe(409);
  });
  it(
    'goes from a resident proposal through 附议 to the committee’s queue, deliberation and a scheduled vote',
    proposalScheduled,
  );
  journeys.push(proposalScheduled);
});

describe('转为议题: a request becomes a topic, and each links to the other', () => {
  const grievanceLinked = step(async () => {
    const request = await submit(
      tokens.wang,
      newRequest({
        location: { kind: 'unit', unitId: wangUnit },
        visibility: 'private',
        description: '我家楼上卫生间漏水，渗到我家天花板',
      }),
    );
    const grievance = { communityId, grievanceId: request.grievanceId };
    const body = {
      title: '3栋卫生间防水改造',
      description: '多户渗漏，议一议公共维修资金的使用',
      sourceGrievanceId: request.grievanceId,
      requestId: rid(),
    };

    expect((await call(agoraRoutes.createTopic, { token: tokens.liu, params: { communityId }, body })).status).toBe(
      403,
    );
    expect(
      (
        await call(agoraRoutes.createTopic, {
          token: tokens.sun,
          params: { communityId },
          body: { ...body, sourceGrievanceId: 'gvnothere' },
        })
      ).status,
    ).toBe(404);
    const withVote = await call(agoraRoutes.createTopic, {
      token: tokens.sun,
      params: { communityId },
      body: {
        ...body,
        vote: {
          scope: { kind: 'community' },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve' },
          opensAt: new Date().toISOString(),
          closesAt: inTwoDays(),
        },
      },
    });
    expect(withVote.status).toBe(400);
    expect(
      (withVote.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(['body.vote']);

    const created = await call(agoraRoutes.createTopic, { token: tokens.sun, params: { communityId }, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stage: 'deliberation',
      sourceGrievance: { visible: true, grievanceId: request.grievanceId },
    });
    const retried = await call(agoraRoutes.createTopic, { token: tokens.sun, params: { communityId }, body });
    expect(retried.body.topicId).toBe(created.body.topicId);
    expect(
      (
        await call(agoraRoutes.createTopic, {
          token: tokens.sun,
          params: { communityId },
          body: { ...body, requestId: rid() },
        })
      ).status,
    ).toBe(409);

    const linked = await rawCall(grievanceRoutes.get, { token: tokens.wang, params: grievance });
    expect(linked.body).toMatchObject({ topicId: created.body.topicId, topicTitle: '3栋卫生间防水改造' });
    expect(linked.body.timeline.filter((e) => e.action === 'linkTopic')).toHaveLength(1);

    const reporterView = await call(agoraRoutes.getTopic, { token: tokens.wang, params: params(created.body.topicId) });
    expect(reporterView.body.sourceGrievance).toMatchObject({ visible: true, grievanceId: request.grievanceId });
    const neighbourView = await call(agoraRoutes.getTopic, { token: tokens.li, params: params(created.body.topicId) });
    expect(neighbourView.body.sourceGrievance).toEqual({ visible: false });
    expect(JSON.stringify(neighbourView.body)).not.toContain(request.grievanceId);
  });
  it(
    'creates the topic and the link together, once, for the committee only, and shows 来源诉求 as the request’s visibility allows',
    grievanceLinked,
  );
  journeys.push(grievanceLinked);
});

describe('secrecy', () => {
  const everyJourney = async () => {
    for (const journey of journeys) await journey();
  };

  it('exercised every 议事厅 route', async () => {
    await everyJourney();
    const missing = Object.values(agoraRoutes)
      .map((r) => r.id)
      .filter((id) => !seen.some((s) => s.route === id));
    expect(missing).toEqual([]);
  });

  it('never answers with a voter and a choice together: receipts and choices travel without any identity', async () => {
    await everyJourney();
    const identities = [
      persona('wang').userId,
      persona('zhang').userId,
      wangUnit,
      zhangUnit,
      '3栋1单元201',
      '3栋1单元101',
      '王阿姨',
      '张楼长',
      'U_',
      'O_',
      'P_demo',
    ];
    const withReceipt = seen.filter((s) => receipts.some((r) => JSON.stringify(s.body).includes(r)));
    expect(withReceipt.map((s) => s.route).sort()).toEqual(
      expect.arrayContaining(['agora.castBallot', 'agora.checkReceipt']),
    );
    for (const s of withReceipt)
      for (const id of identities)
        expect({ route: s.route, leaks: JSON.stringify(s.body).includes(id) ? id : null }).toEqual({
          route: s.route,
          leaks: null,
        });
  });

  it('never answers with a receipt and a choice together, during voting or after (receipt check, my views, export, topic detail, turnout)', async () => {
    await everyJourney();
    const withReceipt = seen.filter((s) => receipts.some((r) => JSON.stringify(s.body).includes(r)));
    expect(withReceipt.length).toBeGreaterThan(receipts.length);
    for (const s of withReceipt)
      expect({ route: s.route, choices: /"choices"|同意|不同意/.test(JSON.stringify(s.body)) }).toEqual({
        route: s.route,
        choices: false,
      });
    // Per-ballot choices appear only in the published list, which has no receipts (checked above).
    const choiceLists = seen.filter((s) => /"choices":\[/.test(JSON.stringify(s.body))).map((s) => s.route);
    expect([...new Set(choiceLists)].sort()).toEqual(['agora.exportResult']);
    const covered = new Set(seen.map((s) => s.route));
    for (const route of ['agora.getTopic', 'agora.listTopics', 'identity.exportMyData', 'agora.checkReceipt'])
      expect(covered.has(route)).toBe(true);
  });

  it('refuses forged and missing tokens on 议事厅 routes', async () => {
    expect((await raw('GET', `/communities/${communityId}/agora/topics`)).status).toBe(401);
  });
});
