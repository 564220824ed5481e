import { budgetRoutes, buildingIdOf, grievanceRoutes, type RouteContract } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../../../devstack/seed/personas';
import {
  advanceBudgetRound,
  budgetRid as rid,
  openBudgetRound,
  proposeBudgetProject,
  screenBudgetProject,
} from './budgetHelpers';
import { newRequest, submit } from './grievanceHelpers';
import { call as rawCall, raw, signIn, type Answer } from './http';

/**
 * 民生微实事 over real HTTP on the local stack: the committee opens a round, two residents propose and
 * 附议, the committee screens (eligible with a cost, refused with a reason, a duplicate merged, a 诉求
 * made a project), 评议, the ballot within the budget (over it → 400 in Chinese; one per household),
 * the count by the shared selection module with its rule and ties published, objections in 公示, and the
 * public 台账 — which names no one. 公示's seven days and 实施 → 验收 need the clock, which only the
 * e2e tier may move (e2e/budget.e2e.ts).
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

/** The error body every 4xx carries: a code, a Chinese message, and the fields at fault for a 400. */
const errorOf = (a: Answer<unknown>) =>
  (a.body as { error: { code: string; message: string; fields?: { field: string; message: string }[] } }).error;

const tokens = {} as Record<'wang' | 'li' | 'zhang' | 'sun' | 'wu', string>;
beforeAll(async () => {
  for (const who of ['wang', 'li', 'zhang', 'sun', 'wu'] as const) tokens[who] = await signIn(who);
});

it('runs a round from 点单 to 公示: proposals, screening, deliberation, ballots within the budget, the count', async () => {
  const roundId = await openBudgetRound(tokens.sun, '2026年民生微实事', 100_000);
  const params = { communityId, roundId };
  const opened = await call(budgetRoutes.getRound, { token: tokens.wang, params });
  expect(opened.status).toBe(200);
  expect(opened.body).toMatchObject({ phase: 'proposing', phaseLabel: '点单', totalAmount: 100_000, inScope: true });
  expect(opened.body.can).toMatchObject({ propose: true, manage: false });

  // 点单: two residents propose (the proposer's own 附议 counts), one twice by mistake; the committee
  // turns a resident's 诉求 into a project.
  const ramp = await proposeBudgetProject(tokens.wang, roundId, '3栋无障碍坡道', 60_000);
  const lights = await proposeBudgetProject(tokens.li, roundId, '楼道感应灯更换', 30_000);
  const lightsAgain = await proposeBudgetProject(tokens.zhang, roundId, '楼道灯换成感应灯', 25_000);
  const benches = await proposeBudgetProject(tokens.li, roundId, '花园休息长椅', 40_000);
  const casino = await proposeBudgetProject(tokens.wang, roundId, '给个别住户装修', 10_000);
  const request = await submit(
    tokens.wang,
    newRequest({
      description: '5栋门口的路面坑洼，老人推车不方便',
      location: { kind: 'building', buildingId: buildingIdOf(communityId, '5栋') },
    }),
  );
  const fromRequest = await proposeBudgetProject(tokens.sun, roundId, '5栋门口路面修补', 20_000, {
    sourceGrievanceId: request.grievanceId,
  });
  const proposed = await call(budgetRoutes.getProject, { token: tokens.li, params: { ...params, projectId: ramp } });
  expect(proposed.body).toMatchObject({ supportCount: 1, supported: false, stage: 'proposed' });

  // 附议: once per person.
  const support = await call(budgetRoutes.supportProject, {
    token: tokens.li,
    params: { ...params, projectId: ramp },
  });
  expect(support.status).toBeLessThan(300);
  const again = await call(budgetRoutes.supportProject, { token: tokens.li, params: { ...params, projectId: ramp } });
  expect([again.status, errorOf(again).message]).toEqual([409, '您已经附议过了']);

  // A request made a project links both ways.
  const linked = await call(budgetRoutes.getProject, {
    token: tokens.wang,
    params: { ...params, projectId: fromRequest },
  });
  expect(linked.body.fromGrievance).toBe(true);
  expect(linked.body.answersRequests).toEqual([expect.objectContaining({ grievanceId: request.grievanceId })]);
  const grievance = await call(grievanceRoutes.get, {
    token: tokens.wang,
    params: { communityId, grievanceId: request.grievanceId },
  });
  expect(grievance.body.budgetProject).toMatchObject({ roundId, projectId: fromRequest });

  // 审核筛选: the committee only; a refusal needs its reason; duplicates merge into one project.
  await advanceBudgetRound(tokens.sun, roundId, 'proposing');
  const late = await call(budgetRoutes.proposeProject, {
    token: tokens.wang,
    params,
    body: { title: '晚到的提议', description: '点单已截止', place: '小区', estimatedCost: 1000, requestId: rid() },
  });
  expect(late.status).toBe(409);
  const byResident = await call(budgetRoutes.screenProject, {
    token: tokens.wang,
    params: { ...params, projectId: ramp },
    body: { eligible: true, cost: 1 },
  });
  expect(byResident.status).toBe(403);
  const noReason = await call(budgetRoutes.screenProject, {
    token: tokens.sun,
    params: { ...params, projectId: casino },
    body: { eligible: false },
  });
  expect(noReason.status).toBe(400);
  expect(errorOf(noReason).fields).toEqual([
    expect.objectContaining({ field: 'body.reason', message: '不符合条件时请写明原因' }),
  ]);
  const refused = await call(budgetRoutes.screenProject, {
    token: tokens.sun,
    params: { ...params, projectId: casino },
    body: { eligible: false, reason: '只惠及个别住户，不属于民生微实事' },
  });
  expect(refused.body).toMatchObject({ stage: 'ineligible', screeningReason: '只惠及个别住户，不属于民生微实事' });
  const merged = await call(budgetRoutes.mergeProjects, {
    token: tokens.sun,
    params: { ...params, projectId: lights },
    body: { duplicateIds: [lightsAgain], reason: '两条提议都是更换楼道灯' },
  });
  expect(merged.status).toBe(200);
  expect(merged.body.mergedFrom).toEqual([{ projectId: lightsAgain, title: '楼道灯换成感应灯' }]);
  const stillPending = await call(budgetRoutes.advanceRound, {
    token: tokens.sun,
    params,
    body: { from: 'screening', reason: '审核完毕' },
  });
  expect(stillPending.status).toBe(409);
  expect(errorOf(stillPending).message).toMatch(/还有 \d+ 个提议没有审核/);
  // Costs: 60 000 + 30 000 + 40 000 + 20 000 = 150 000 against a budget of 100 000.
  await screenBudgetProject(tokens.sun, roundId, ramp, 60_000);
  await screenBudgetProject(tokens.sun, roundId, lights, 30_000);
  await screenBudgetProject(tokens.sun, roundId, benches, 40_000);
  await screenBudgetProject(tokens.sun, roundId, fromRequest, 20_000);

  // 评议: comments by residents, 居民议事会 notes by the committee only.
  await advanceBudgetRound(tokens.sun, roundId, 'screening');
  const comment = await call(budgetRoutes.addComment, {
    token: tokens.li,
    params: { ...params, projectId: ramp },
    body: { body: '坡道很需要，推婴儿车也方便', requestId: rid() },
  });
  expect(comment.status).toBe(201);
  const councilByResident = await call(budgetRoutes.addComment, {
    token: tokens.li,
    params: { ...params, projectId: ramp },
    body: { body: '议事会记录', kind: 'councilNote', requestId: rid() },
  });
  expect(councilByResident.status).toBe(403);
  const council = await call(budgetRoutes.addComment, {
    token: tokens.sun,
    params: { ...params, projectId: ramp },
    body: { body: '居民议事会：坡道坡度按规范 1:12', kind: 'councilNote', requestId: rid() },
  });
  expect(council.status).toBe(201);
  const comments = await call(budgetRoutes.listComments, {
    token: tokens.wang,
    params: { ...params, projectId: ramp },
  });
  expect(comments.body.items.map((c) => c.kind)).toEqual(['comment', 'councilNote']);

  // 投票: within the budget, once per household.
  await advanceBudgetRound(tokens.sun, roundId, 'deliberation');
  // 60 000 + 40 000 + 30 000 = 130 000 > 100 000.
  const over = await call(budgetRoutes.castBallot, {
    token: tokens.wang,
    params,
    body: { projectIds: [ramp, benches, lights], requestId: rid() },
  });
  expect(over.status).toBe(400);
  expect(errorOf(over).fields?.map((f) => f.field)).toEqual(['body.projectIds']);
  expect(errorOf(over).message).toMatch(/超出预算 .*请减少项目/);
  const wangBallot = { projectIds: [ramp, lights], requestId: rid() };
  const wangCast = await call(budgetRoutes.castBallot, { token: tokens.wang, params, body: wangBallot });
  expect(wangCast.status).toBe(201);
  expect(wangCast.body.total).toBe(90_000);
  const replay = await call(budgetRoutes.castBallot, { token: tokens.wang, params, body: wangBallot });
  expect(replay.body).toEqual(wangCast.body);
  const second = await call(budgetRoutes.castBallot, {
    token: tokens.wang,
    params,
    body: { projectIds: [benches], requestId: rid() },
  });
  expect([second.status, errorOf(second).code]).toEqual([409, 'ALREADY_VOTED']);
  const liCast = await call(budgetRoutes.castBallot, {
    token: tokens.li,
    params,
    body: { projectIds: [benches, ramp], requestId: rid() },
  });
  expect(liCast.status).toBe(201);
  const zhangCast = await call(budgetRoutes.castBallot, {
    token: tokens.zhang,
    params,
    body: { projectIds: [ramp, fromRequest], requestId: rid() },
  });
  expect(zhangCast.status).toBe(201);
  const receipt = await call(budgetRoutes.checkReceipt, {
    token: tokens.wang,
    params: { ...params, receipt: wangCast.body.receipt },
  });
  expect(receipt.body).toEqual({ receipt: wangCast.body.receipt, inBox: true, counted: false });

  // 计票: ramp 3 votes; lights, benches and fromRequest 1 each. Greedy within 100 000: ramp (60 000)
  // first; of the three tied at one vote the cheapest first (fromRequest, 20 000 → 20 000 left), then
  // lights (30 000) and benches (40 000) no longer fit. The rule and the tie are stated in the result.
  await advanceBudgetRound(tokens.sun, roundId, 'voting');
  const published = await call(budgetRoutes.getRound, { token: tokens.li, params });
  expect(published.body.phase).toBe('publicity');
  const result = published.body.result!;
  expect(result).toMatchObject({ budget: 100_000, allocated: 80_000, leftover: 20_000, ballots: 3 });
  expect(result.rule).toContain('得票相同时，预算较少的排在前面');
  expect(result.ranked.map((p) => [p.title, p.votes, p.status])).toEqual([
    ['3栋无障碍坡道', 3, 'selected'],
    ['5栋门口路面修补', 1, 'selected'],
    ['楼道感应灯更换', 1, 'doesNotFit'],
    ['花园休息长椅', 1, 'doesNotFit'],
  ]);
  expect(result.ties).toEqual([{ votes: 1, titles: ['5栋门口路面修补', '楼道感应灯更换', '花园休息长椅'] }]);
  expect(result.integrity).toMatchObject({ participations: 3, ballots: 3, consistent: true });
  expect(published.body.projects.find((p) => p.projectId === benches)).toMatchObject({ stage: 'notSelected' });
  const counted = await call(budgetRoutes.checkReceipt, {
    token: tokens.wang,
    params: { ...params, receipt: wangCast.body.receipt },
  });
  expect(counted.body.counted).toBe(true);

  // 公示: objections, answered by the committee; 公示 cannot end before its seven days.
  const objection = await call(budgetRoutes.addObjection, {
    token: tokens.li,
    params,
    body: { body: '长椅只差一点预算，能否明年优先？', projectId: benches, requestId: rid() },
  });
  expect(objection.status).toBe(201);
  const answer = await call(budgetRoutes.answerObjection, {
    token: tokens.sun,
    params: { ...params, objectionId: objection.body.objectionId },
    body: { text: '已记录，下一轮优先审核' },
  });
  expect(answer.body.answer).toMatchObject({ text: '已记录，下一轮优先审核' });
  const early = await call(budgetRoutes.advanceRound, {
    token: tokens.sun,
    params,
    body: { from: 'publicity', reason: '想提前' },
  });
  expect(early.status).toBe(409);

  // 台账: public, without a token; planned money is the selected projects' costs; no resident named.
  const ledger = await raw('GET', `/communities/${communityId}/budget/accountability`);
  expect(ledger.status).toBe(200);
  const row = (ledger.body as { rounds: { roundId: string; planned: number; spent: number }[] }).rounds.find(
    (r) => r.roundId === roundId,
  );
  expect(row).toMatchObject({ planned: result.allocated, spent: 0 });
  for (const name of ['王阿姨', '小李', '张楼长', '王秀兰', '李明'])
    expect(JSON.stringify(ledger.body)).not.toContain(name);
});

it('keeps the committee of another community and non-residents out', async () => {
  const roundId = await openBudgetRound(tokens.sun, `范围测试${rid()}`);
  const stranger = await call(budgetRoutes.getRound, { token: tokens.wu, params: { communityId, roundId } });
  expect(stranger.status).toBe(403);
  const foreignOpen = await call(budgetRoutes.openRound, {
    token: tokens.wu,
    params: { communityId },
    body: {
      title: '别的社区',
      description: '不应成功',
      totalAmount: 1000,
      scope: { kind: 'community' },
      basis: 'household',
      schedule: {
        proposingUntil: new Date(Date.now() + 86_400_000).toISOString(),
        screeningUntil: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        deliberationUntil: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        votingUntil: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      },
      requestId: rid(),
    },
  });
  expect(foreignOpen.status).toBe(403);
});

it('answers no ballot with its voter: no response joins a receipt or a voter to the projects chosen', () => {
  const leaks = seen.filter(({ body }) => {
    const text = JSON.stringify(body);
    return /"projectIds"/.test(text);
  });
  expect(leaks.map((l) => l.route)).toEqual([]);
});
