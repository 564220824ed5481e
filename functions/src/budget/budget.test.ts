import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { budgetBallots } from '../db/entities/budgetBallot';
import { budgetParticipations } from '../db/entities/budgetParticipation';
import { notificationIntents } from '../db/entities/notificationIntent';
import { intentIdOf } from '../notifications/outbox';
import { householdKey } from '../agora/seats';
import { castBudgetBallot, checkBudgetReceipt } from './ballots';
import { runBudgetClock } from './clock';
import { addObjection, answerObjection } from './comments';
import { finishProject, rateProject, reportProgress, setImplementation } from './implementation';
import { moveRound, publishResult } from './phaseMoves';
import { getProject, proposeProject, supportProject } from './projects';
import { ballotsOf, loadProject, loadRound, resultOf, votersOf } from './queries';
import { advanceRound, getRound, openRound } from './rounds';
import { mergeProjects, screenProject } from './screening';
import { budgetResultOf } from '../db/entities/budgetResult';

useTestTable();
jest.setTimeout(180_000);

type Community = Awaited<ReturnType<typeof agoraCommunity>>;
let c: Community;
beforeAll(async () => {
  c = await agoraCommunity();
});

const HOUR = 3_600_000;
const T0 = new Date(Date.now() + HOUR);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
let requests = 0;
const rid = () => `req${++requests}${Math.random().toString(36).slice(2, 8)}`;
const pass = async () => 'pass' as const;
const committee = () => ({ userId: c.people.committee.user.userId, name: '孙主任' });

/** Days of each phase: 点单 until day 7, 审核 day 14, 评议 day 21, 投票 day 28. */
const schedule = () => ({
  proposingUntil: at(7 * 24).toISOString(),
  screeningUntil: at(14 * 24).toISOString(),
  deliberationUntil: at(21 * 24).toISOString(),
  votingUntil: at(28 * 24).toISOString(),
});

async function open(basis: 'household' | 'person' = 'household', totalAmount = 100_000) {
  const roundId = await openRound({
    principal: c.people.committee.principal,
    communityId: c.communityId,
    input: {
      title: '2026年民生微实事',
      description: '幸福里社区民生微实事，居民点单、投票决定',
      totalAmount,
      scope: { kind: 'community' },
      basis,
      secrecy: 'secret',
      schedule: schedule(),
      requestId: rid(),
    },
    now: T0,
  });
  return roundId;
}

const propose = (who: Resident, roundId: string, title: string, estimatedCost: number) =>
  proposeProject({
    user: who.user,
    principal: who.principal,
    communityId: c.communityId,
    roundId,
    input: {
      title,
      description: `${title}的说明`,
      place: '小区中心花园',
      estimatedCost,
      photoKeys: [],
      requestId: rid(),
    },
    contentCheck: pass,
    now: at(1),
  });

const screen = (roundId: string, projectId: string, cost: number) =>
  screenProject({
    by: committee(),
    communityId: c.communityId,
    roundId,
    projectId,
    input: { eligible: true, cost },
    now: at(8 * 24),
  });

const advance = async (roundId: string, now: Date) => {
  const round = await loadRound(c.communityId, roundId, true);
  await advanceRound({ by: committee(), communityId: c.communityId, roundId, from: round.phase, reason: '测试', now });
};

const cast = (who: Resident, roundId: string, projectIds: string[], now = at(22 * 24), requestId = rid()) =>
  castBudgetBallot({
    user: who.user,
    principal: who.principal,
    communityId: c.communityId,
    roundId,
    projectIds,
    requestId,
    now,
  });

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; code?: string; message: string; fields?: { field: string }[] };
    return { status: err.status, code: err.code, message: err.message, fields: err.fields?.map((f) => f.field) };
  }
  throw new Error('expected a failure');
};

/** A round with three eligible projects (60k, 50k, 30k), in voting. */
async function roundInVoting(basis: 'household' | 'person' = 'household') {
  const roundId = await open(basis);
  const ids = {
    lights: await propose(c.people.jia, roundId, '中心花园路灯', 60_000),
    benches: await propose(c.people.yi, roundId, '休息座椅', 50_000),
    ramp: await propose(c.people.bing, roundId, '无障碍坡道', 30_000),
  };
  await advance(roundId, at(2));
  await screen(roundId, ids.lights, 60_000);
  await screen(roundId, ids.benches, 50_000);
  await screen(roundId, ids.ramp, 30_000);
  await advance(roundId, at(9 * 24));
  await moveRound({
    round: await loadRound(c.communityId, roundId, true),
    by: committee(),
    early: true,
    reason: '评议充分',
    now: at(20 * 24),
  });
  return { roundId, ids };
}

describe('a 民生微实事 round from 点单 to 投票', () => {
  it('takes proposals in scope, counts 附议 once per person, and tells the scope at each phase', async () => {
    const roundId = await open();
    const lights = await propose(c.people.jia, roundId, '中心花园路灯', 60_000);
    expect(await loadProject(c.communityId, roundId, lights)).toMatchObject({ status: 'proposed', supportCount: 1 });
    expect(
      await supportProject({
        principal: c.people.yi.principal,
        communityId: c.communityId,
        roundId,
        projectId: lights,
        now: at(2),
      }),
    ).toEqual({ count: 2 });
    expect(
      await failure(
        supportProject({
          principal: c.people.yi.principal,
          communityId: c.communityId,
          roundId,
          projectId: lights,
          now: at(2),
        }),
      ),
    ).toMatchObject({ status: 409, message: '您已经附议过了' });
    // The proposer's own 附议 is already counted.
    expect(
      await failure(
        supportProject({
          principal: c.people.jia.principal,
          communityId: c.communityId,
          roundId,
          projectId: lights,
          now: at(2),
        }),
      ),
    ).toMatchObject({ status: 409 });
    const round = await loadRound(c.communityId, roundId, true);
    expect(round).toMatchObject({ phase: 'proposing', projectCount: 1, pendingScreening: 1 });
    const opened = await notificationIntents.get({
      intentId: intentIdOf('budget.phaseChanged', `${roundId}:proposing`),
    });
    expect(opened.Item).toMatchObject({ audience: { kind: 'scope', scope: {} } });
  });

  it('keeps 审核 open while a proposal is unscreened, and refuses proposals after 点单', async () => {
    const roundId = await open();
    const a = await propose(c.people.jia, roundId, '楼道扶手', 20_000);
    const b = await propose(c.people.yi, roundId, '楼道扶手（重复）', 25_000);
    await advance(roundId, at(2));
    expect(await failure(propose(c.people.bing, roundId, '晚到的提议', 1_000))).toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await failure(advance(roundId, at(3)))).toMatchObject({
      status: 409,
      message: expect.stringContaining('2 个提议没有审核'),
    });
    // The clock waits too: the date has passed, but the condition holds it.
    await runBudgetClock(at(15 * 24));
    expect((await loadRound(c.communityId, roundId, true)).phase).toBe('screening');

    await mergeProjects({ communityId: c.communityId, roundId, projectId: a, duplicateIds: [b], reason: '同一处扶手' });
    expect(await loadProject(c.communityId, roundId, b)).toMatchObject({
      status: 'merged',
      mergedInto: { projectId: a },
    });
    await screen(roundId, a, 22_000);
    expect(await loadRound(c.communityId, roundId, true)).toMatchObject({ pendingScreening: 0, eligibleCount: 1 });
    await runBudgetClock(at(15 * 24));
    const round = await loadRound(c.communityId, roundId, true);
    expect(round.phase).toBe('deliberation');
    expect(round.phaseChanges.map((p) => [p.to, p.byName, p.early])).toEqual([
      ['screening', '孙主任', true],
      ['deliberation', '系统', false],
    ]);
  });

  it('refuses an over-budget ballot (400 on the field), takes one within it, once per household', async () => {
    const { roundId, ids } = await roundInVoting();
    const round = await loadRound(c.communityId, roundId, true);
    expect(round.electorate).toMatchObject({ heads: 6 });
    expect(await failure(cast(c.people.jia, roundId, [ids.lights, ids.benches]))).toEqual({
      status: 400,
      code: 'VALIDATION',
      message: '所选项目合计 110,000 元，超出预算 10,000 元，请减少项目',
      fields: ['body.projectIds'],
    });
    const requestId = rid();
    const first = await cast(c.people.jia, roundId, [ids.lights, ids.ramp], at(22 * 24), requestId);
    expect(first.total).toBe(90_000);
    // The same request again: the same receipt, nothing new.
    expect(await cast(c.people.jia, roundId, [ids.lights, ids.ramp], at(22 * 24), requestId)).toEqual(first);
    // Another member of the household: the household has voted.
    expect(await failure(cast(c.people.jiaDaughter, roundId, [ids.benches]))).toMatchObject({
      status: 409,
      code: 'ALREADY_VOTED',
      message: expect.stringContaining('本户已于'),
    });
    expect(await checkBudgetReceipt(c.communityId, roundId, first.receipt)).toEqual({
      receipt: first.receipt,
      inBox: true,
      counted: false,
    });
    // Staff without a home in scope have no seat.
    expect(await failure(cast(c.people.committee, roundId, [ids.ramp]))).toMatchObject({ status: 403 });
    const ballots = await ballotsOf(c.communityId, roundId);
    expect(ballots).toHaveLength(1);
    expect(Object.keys(ballots[0]!).sort()).toEqual(['communityId', 'projectIds', 'receipt', 'roundId', 'total']);
  });

  it('lets exactly one of two phones of a household vote when both press at once (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const { roundId, ids } = await roundInVoting();
      const results = await Promise.allSettled([
        cast(c.people.jia, roundId, [ids.lights]),
        cast(c.people.jiaDaughter, roundId, [ids.benches, ids.ramp]),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ status: 409 });
      expect(await ballotsOf(c.communityId, roundId)).toHaveLength(1);
      expect((await votersOf(c.communityId, roundId)).map((v) => v.voterKey)).toEqual([
        householdKey(c.unitOf('1栋1单元101').unitId),
      ]);
    }
  });

  it('counts a person basis per person, only for those bound before voting opened', async () => {
    const { roundId, ids } = await roundInVoting('person');
    await cast(c.people.jia, roundId, [ids.lights]);
    await cast(c.people.jiaDaughter, roundId, [ids.lights]);
    expect(await ballotsOf(c.communityId, roundId)).toHaveLength(2);
    expect((await loadRound(c.communityId, roundId, true)).electorate?.heads).toBe(5);
  });

  it('refuses a cast once the boxes are shut, even with a stale view of the round', async () => {
    const { roundId, ids } = await roundInVoting();
    await advance(roundId, at(23 * 24));
    expect(await failure(cast(c.people.yi, roundId, [ids.ramp], at(23 * 24)))).toMatchObject({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
  });
});

describe('the count, 公示, 实施 and 验收', () => {
  it('counts from the ballots, selects greedily within the budget, and publishes once when raced', async () => {
    const { roundId, ids } = await roundInVoting();
    await cast(c.people.jia, roundId, [ids.lights, ids.ramp]); // 90k
    await cast(c.people.yi, roundId, [ids.benches, ids.ramp]); // 80k
    await cast(c.people.bing, roundId, [ids.lights]); // 60k
    // lights 2, ramp 2, benches 1: ramp (cheaper) before lights at 2 votes; benches no longer fits.
    const closing = at(28 * 24 + 1);
    const [a, b] = await Promise.all([runBudgetClock(closing), runBudgetClock(closing)]);
    expect(a.moved + b.moved).toBeGreaterThanOrEqual(1);
    await publishResult(c.communityId, roundId, closing);
    const stored = await resultOf(c.communityId, roundId);
    const result = budgetResultOf(stored!);
    expect(stored!.selected.sort()).toEqual([ids.lights, ids.ramp].sort());
    expect(result.ranked.map((p) => [p.title, p.votes, p.status])).toEqual([
      ['无障碍坡道', 2, 'selected'],
      ['中心花园路灯', 2, 'selected'],
      ['休息座椅', 1, 'doesNotFit'],
    ]);
    expect(result).toMatchObject({ allocated: 90_000, leftover: 10_000, ballots: 3, integrity: { consistent: true } });
    expect(result.ties).toEqual([{ votes: 2, titles: ['无障碍坡道', '中心花园路灯'] }]);
    expect(result.summary).toContain('轮到时剩余预算不足');
    const round = await loadRound(c.communityId, roundId, true);
    expect(round).toMatchObject({ phase: 'publicity', unfinished: 2 });
    expect(round.phaseChanges.filter((p) => p.to === 'publicity')).toHaveLength(1);
  });

  it('holds 公示 for its 7 days and while an objection is unanswered, then moves to 实施', async () => {
    const { roundId, ids } = await roundInVoting();
    await cast(c.people.jia, roundId, [ids.ramp]);
    await advance(roundId, at(22 * 24));
    const published = at(22 * 24);
    const objection = await addObjection({
      user: c.people.yi.user,
      principal: c.people.yi.principal,
      communityId: c.communityId,
      roundId,
      input: { body: '休息座椅也很需要，为什么没有入选？', projectId: ids.benches, requestId: rid() },
      contentCheck: pass,
      now: at(23 * 24),
    });
    expect(objection).toMatchObject({ authorTag: '1栋居民', projectTitle: '休息座椅', mine: true });
    await runBudgetClock(at(30 * 24));
    expect((await loadRound(c.communityId, roundId, true)).phase).toBe('publicity');
    await answerObjection({
      by: committee(),
      communityId: c.communityId,
      roundId,
      objectionId: objection.objectionId,
      text: '休息座椅得票最少，轮到时预算已不足；下一轮可以再提',
      now: at(24 * 24),
    });
    expect(
      await failure(
        answerObjection({
          by: committee(),
          communityId: c.communityId,
          roundId,
          objectionId: objection.objectionId,
          text: '再答',
          now: at(24 * 24),
        }),
      ),
    ).toMatchObject({ status: 409 });
    // Not before the 7 days are over.
    await runBudgetClock(new Date(published.getTime() + 6 * 24 * HOUR));
    expect((await loadRound(c.communityId, roundId, true)).phase).toBe('publicity');
    await runBudgetClock(new Date(published.getTime() + 7 * 24 * HOUR + HOUR));
    expect((await loadRound(c.communityId, roundId, true)).phase).toBe('implementation');
  });

  it('carries selected projects out with a commitment and monthly reports, and moves to 验收 when the last finishes', async () => {
    const { roundId, ids } = await roundInVoting();
    await cast(c.people.jia, roundId, [ids.lights, ids.ramp]);
    await advance(roundId, at(22 * 24));
    const implementing = at(30 * 24);
    await runBudgetClock(implementing);
    expect((await loadRound(c.communityId, roundId, true)).phase).toBe('implementation');
    const by = committee();
    const base = { by, communityId: c.communityId, roundId };
    // Not selected: no commitment.
    expect(
      await failure(
        setImplementation({
          ...base,
          projectId: ids.benches,
          input: { responsibleParty: 'x', commitment: 'y', dueDate: at(90 * 24).toISOString() },
          now: implementing,
        }),
      ),
    ).toMatchObject({ status: 409 });
    for (const projectId of [ids.lights, ids.ramp]) {
      await setImplementation({
        ...base,
        projectId,
        input: {
          responsibleParty: '东街街道市政服务中心',
          commitment: '三个月内完工',
          dueDate: at(120 * 24).toISOString(),
        },
        now: implementing,
      });
      await reportProgress({
        ...base,
        projectId,
        input: { percent: 40, spent: 20_000, note: '材料进场', photoKeys: [] },
        now: implementing,
      });
      expect(await failure(finishProject({ ...base, projectId, note: '完工', now: implementing }))).toMatchObject({
        status: 409,
        message: '进度达到 100% 后才能完工',
      });
      await reportProgress({
        ...base,
        projectId,
        input: { percent: 100, spent: 28_000, note: '施工完成', photoKeys: [] },
        now: at(62 * 24),
      });
    }
    // Two reports, in two months; the second month's replaces nothing of the first.
    const view = await getProject({
      principal: c.people.jia.principal,
      communityId: c.communityId,
      roundId,
      projectId: ids.ramp,
      now: at(62 * 24),
    });
    expect(view.reports.map((r) => r.percent)).toEqual([40, 100]);
    expect(view.can.rate).toBe(false);
    // The last two finish at once: the round reaches 验收 exactly once.
    await Promise.all([
      finishProject({ ...base, projectId: ids.lights, note: '路灯已通电', now: at(63 * 24) }),
      finishProject({ ...base, projectId: ids.ramp, note: '坡道已启用', now: at(63 * 24) }),
    ]);
    const round = await loadRound(c.communityId, roundId, true);
    expect(round).toMatchObject({ phase: 'acceptance', unfinished: 0 });
    expect(round.phaseChanges.filter((p) => p.to === 'acceptance')).toHaveLength(1);

    await rateProject({
      user: c.people.yi.user,
      principal: c.people.yi.principal,
      communityId: c.communityId,
      roundId,
      projectId: ids.ramp,
      input: { rating: 'satisfied' },
      now: at(64 * 24),
    });
    expect(
      await failure(
        rateProject({
          user: c.people.yi.user,
          principal: c.people.yi.principal,
          communityId: c.communityId,
          roundId,
          projectId: ids.ramp,
          input: { rating: 'basic' },
          now: at(64 * 24),
        }),
      ),
    ).toMatchObject({ status: 409, message: '您已经评价过了' });
    const rated = await getProject({
      principal: c.people.yi.principal,
      communityId: c.communityId,
      roundId,
      projectId: ids.ramp,
      now: at(64 * 24),
    });
    expect(rated).toMatchObject({
      stage: 'finished',
      myRating: 'satisfied',
      ratings: { satisfied: 1, total: 1, satisfactionRate: 100 },
      progress: { percent: 100, spent: 28_000 },
    });
  });

  it('shows each voter their seat and vote, never the projects a ballot chose', async () => {
    const { roundId, ids } = await roundInVoting();
    await cast(c.people.jia, roundId, [ids.ramp]);
    const view = await getRound(
      c.people.jiaDaughter.user,
      c.people.jiaDaughter.principal,
      c.communityId,
      roundId,
      at(22 * 24),
    );
    expect(view.mySeats).toEqual([
      expect.objectContaining({ label: '1栋1单元101', status: 'voted', castByName: '甲' }),
    ]);
    expect(view.can.vote).toBe(false);
    expect(JSON.stringify(view)).not.toContain((await ballotsOf(c.communityId, roundId))[0]!.receipt);
    const p = await budgetParticipations.get({
      communityId: c.communityId,
      roundId,
      voterKey: view.mySeats[0]!.voterKey,
    });
    expect(Object.keys(p.Item!)).not.toContain('projectIds');
    const ballot = (await ballotsOf(c.communityId, roundId))[0]!;
    expect(
      (await budgetBallots.get({ communityId: c.communityId, roundId, receipt: ballot.receipt })).Item,
    ).not.toHaveProperty('created');
  });
});
