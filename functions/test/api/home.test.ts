import {
  agoraRoutes,
  budgetRoutes,
  buildingIdOf,
  DAY_MS,
  HOUR_MS,
  homeRoutes,
  rankWaiting,
  volunteerRoutes,
  type GrievanceDetail,
  type RouteContract,
  type WaitingFeed,
  grievanceRoutes,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, OTHER_COMMUNITY_ID, type PersonaKey } from '../../../devstack/seed/personas';
import { advanceBudgetRound, openBudgetRound, proposeBudgetProject, screenBudgetProject } from './budgetHelpers';
import { newRequest, submit } from './grievanceHelpers';
import { call, signIn, type Answer } from './http';
import { FEED_MAX } from '../../src/home/waiting';

/**
 * 待我处理 over HTTP: what waits for a resident (a poll, a rating, an activity tomorrow) and for a
 * handler (their queue, overdue first), each item gone once done, nothing of another community, and
 * the DynamoDB calls one answer costs. Every object is made here, so other suites on the stack
 * (which vote, rate and sign up too) cannot change what this one expects.
 */
const C = DEMO_COMMUNITY_ID;
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
const B3 = buildingIdOf(C, '3栋');
let seq = 0;
const rid = () => `home${Date.now().toString(36)}${++seq}`;

const tokens = {} as Record<'zhang' | 'sun' | 'liu' | 'wu' | 'li', string>;
beforeAll(async () => {
  for (const who of ['zhang', 'sun', 'liu', 'wu', 'li'] as const) tokens[who] = await signIn(who);
});
jest.setTimeout(120_000);

const feedOf = (who: keyof typeof tokens, communityId = C) =>
  call(homeRoutes.waiting, { token: tokens[who], params: { communityId } });
const keys = (a: Answer<WaitingFeed>) => a.body.items.map((i) => i.key);

async function step(who: PersonaKey & keyof typeof tokens, contract: RouteContract, c: GrievanceDetail, body = {}) {
  const res = await call(contract, {
    token: tokens[who],
    params: { communityId: C, grievanceId: c.grievanceId },
    body: { version: c.version, ...body },
  });
  expect(res.status).toBe(200);
  return res.body as GrievanceDetail;
}

describe('a resident: 张楼长 of 3栋', () => {
  let topicId: string;
  let grievance: GrievanceDetail;
  let activityId: string;

  beforeAll(async () => {
    const poll = await call(agoraRoutes.createTopic, {
      token: tokens.sun,
      params: { communityId: C },
      body: {
        title: `首页测试：3栋加装雨棚${rid()}`,
        description: '3栋全体住户，一户一票',
        requestId: rid(),
        vote: {
          scope: { kind: 'buildings', buildingIds: [B3] },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve' },
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 3 * HOUR_MS).toISOString(),
        },
      },
    });
    expect(poll.status).toBe(201);
    topicId = poll.body.topicId;

    grievance = await submit(tokens.zhang, newRequest({ location: { kind: 'building', buildingId: B3 } }));
    grievance = await step('liu', G.accept, grievance);
    grievance = await step('liu', G.commit, grievance, {
      text: '明天更换',
      dueBy: new Date(Date.now() + DAY_MS).toISOString(),
    });
    grievance = await step('liu', G.resolve, grievance, { note: '已更换', photos: [] });

    const tomorrow = Date.now() + 20 * HOUR_MS;
    const activity = await call(volunteerRoutes.createActivity, {
      token: tokens.sun,
      params: { communityId: C },
      body: {
        title: `首页测试活动${rid()}`,
        description: '由接口测试发布',
        category: 'service',
        place: '社区服务中心',
        startAt: new Date(tomorrow).toISOString(),
        endAt: new Date(tomorrow + 2 * HOUR_MS).toISOString(),
        signUpDeadline: new Date(tomorrow - HOUR_MS).toISOString(),
        capacity: 10,
        cancelCutoffHours: 0,
        pointsRule: { kind: 'fixed', amount: 10 },
      },
    });
    expect(activity.status).toBe(201);
    activityId = activity.body.activityId;
    const signUp = await call(volunteerRoutes.signUp, { token: tokens.zhang, params: { communityId: C, activityId } });
    expect(signUp.status).toBeLessThan(300);
  });

  it('shows the poll, the rating and the activity, each with the page that settles it', async () => {
    const feed = await feedOf('zhang');
    expect(feed.status).toBe(200);
    const byKey = new Map(feed.body.items.map((i) => [i.key, i]));
    expect(byKey.get(`vote:${topicId}`)).toMatchObject({
      kind: 'vote',
      action: '去投票',
      link: `/packages/agora/pages/topic/index?communityId=${C}&topicId=${topicId}`,
      detail: expect.stringContaining('截止'),
      overdue: false,
    });
    expect(byKey.get(`rating:${grievance.grievanceId}`)).toMatchObject({
      kind: 'rating',
      action: '去评价',
      link: `/packages/grievances/pages/detail/index?communityId=${C}&id=${grievance.grievanceId}`,
    });
    expect(byKey.get(`activity:${activityId}`)).toMatchObject({
      kind: 'activity',
      link: `/packages/volunteer/pages/activity/index?id=${activityId}`,
      detail: expect.stringMatching(/(今天|明天) \d\d:\d\d 开始 · 社区服务中心 · (今天|明天) \d\d:\d\d 起可签到/),
    });
    // A poll closing in 3 hours outranks an activity tomorrow; both outrank a rating with no deadline.
    const order = keys(feed);
    expect(order.indexOf(`vote:${topicId}`)).toBeLessThan(order.indexOf(`activity:${activityId}`));
    expect(order.indexOf(`activity:${activityId}`)).toBeLessThan(order.indexOf(`rating:${grievance.grievanceId}`));
    // Their notices (请参与表决, 请评价, 报名成功) are not shown a second time.
    expect(feed.body.items.filter((i) => i.link.includes(topicId))).toHaveLength(1);
  });

  it('drops each item once it is done', async () => {
    const cast = await call(agoraRoutes.castBallot, {
      token: tokens.zhang,
      params: { communityId: C, topicId },
      body: { choices: ['agree'], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    await step('zhang', G.rate, grievance, { rating: 'satisfied', comment: '谢谢' });
    const after = keys(await feedOf('zhang'));
    expect(after).not.toContain(`vote:${topicId}`);
    expect(after).not.toContain(`rating:${grievance.grievanceId}`);
    expect(after).toContain(`activity:${activityId}`);
  });

  it('the 我还没投 and 待评价 filters list what the feed counts', async () => {
    const unvoted = await call(agoraRoutes.listTopics, {
      token: tokens.zhang,
      params: { communityId: C },
      // The feed looks at the newest 50 open topics (agora/waiting.ts); the list reads a page and then filters, so
      // it reads the same 50: other files open polls on the shared stack, more than a default page of 20.
      query: { bucket: 'open', mine: '1', unvoted: '1', limit: 50 },
    });
    expect(unvoted.status).toBe(200);
    expect(unvoted.body.items.every((t) => t.myStatus === 'canVote')).toBe(true);
    expect(unvoted.body.items.map((t) => t.topicId)).not.toContain(topicId);
    const toRate = await call(G.listMine, {
      token: tokens.zhang,
      params: { communityId: C },
      query: { awaiting: 'rating', limit: 50 },
    });
    expect(toRate.status).toBe(200);
    expect(toRate.body.items.every((g) => g.status === 'resolved')).toBe(true);
    const feed = await feedOf('zhang');
    expect(feed.body.counts.vote ?? 0).toBe(unvoted.body.items.length);
    expect(feed.body.counts.rating ?? 0).toBe(toRate.body.items.length);
  });

  it('costs a fixed number of DynamoDB calls, queries and BatchGets only', async () => {
    const feed = await feedOf('zhang');
    expect(feed.dbOps).toBeDefined();
    const { reads, writes, commands } = feed.dbOps!;
    const count = (name: string) => commands.filter((c) => c === name).length;
    // docs/DATA.md H1: the pipeline's BatchGet of the caller and their session, the community's 诉求 settings (GetItem, unless this
    // instance read them in the last 5 s), seven queries (open topics, my requests, the public feed, activities
    // by start, my orders, my inbox, the newest 民生微实事 rounds) and a BatchGet each where there is something to
    // look up (my seats' votes, my supports, my sign-ups, my seats in voting budget rounds).
    expect(writes).toBe(0);
    expect(count('GetItem')).toBeLessThanOrEqual(1);
    expect(count('Query')).toBe(7);
    expect(count('BatchGetItem')).toBeGreaterThanOrEqual(1);
    expect(count('BatchGetItem')).toBeLessThanOrEqual(5);
    expect(reads).toBe(commands.length);
    expect(reads).toBeLessThanOrEqual(13);
    expect(commands.filter((c) => !['GetItem', 'Query', 'BatchGetItem'].includes(c))).toEqual([]);
  });
});

describe('a handler: 刘网格员', () => {
  it('sees their queue, overdue first, each a tap from the case', async () => {
    const fresh = await submit(tokens.li, newRequest({ location: { kind: 'building', buildingId: B3 } }));
    const feed = await feedOf('liu');
    expect(feed.status).toBe(200);
    const cases = feed.body.items.filter((i) => i.kind === 'staffCase');
    expect(cases.length).toBeGreaterThan(0);
    for (const i of cases)
      expect(i).toMatchObject({
        action: '去处理',
        link: `/packages/grievances/pages/detail/index?communityId=${C}&id=${i.key.slice('staffCase:'.length)}`,
      });
    // The feed shows the head of the queue by deadline. Other files leave open cases in 3栋 on the shared stack, so
    // the fresh case is shown, or every case shown is due no later than it.
    const freshDue = cases.find((i) => i.key === `staffCase:${fresh.grievanceId}`)?.dueAt;
    if (!freshDue) {
      const due = (await call(G.get, { token: tokens.liu, params: { communityId: C, grievanceId: fresh.grievanceId } }))
        .body.dueAt;
      expect(cases.filter((i) => i.dueAt && due && i.dueAt > due)).toEqual([]);
    }
    const firstOnTime = feed.body.items.findIndex((i) => !i.overdue);
    const lastOverdue = feed.body.items.map((i) => i.overdue).lastIndexOf(true);
    expect(lastOverdue).toBeLessThan(firstOnTime === -1 ? Infinity : firstOnTime);
  });
});

/**
 * A round's entry on someone's 首页. The feed shows the FEED_MAX most urgent items, and on the shared stack other
 * files leave that many cases, polls and notices before a round due in days (budget ranks last among items without
 * an imminent deadline): then the entry's absence must be for that reason alone — an entry as urgent as the round's
 * or more (due a day sooner) ranks past a full feed. The journeys (e2e/budget*.e2e.ts) see it on a quieter 首页.
 */
async function budgetEntry(who: keyof typeof tokens, roundId: string, daysLeft: number) {
  const feed = (await feedOf(who)).body;
  const found = feed.items.find((i) => i.key === `budget:${roundId}`);
  if (found) return found;
  const probe = {
    kind: 'budget' as const,
    key: 'probe',
    dueAt: new Date(Date.now() + (daysLeft - 1) * DAY_MS).toISOString(),
    overdue: false,
  };
  expect(feed.items).toHaveLength(FEED_MAX);
  expect(rankWaiting([...feed.items, probe], new Date()).indexOf(probe)).toBe(FEED_MAX);
  return undefined;
}

describe('民生微实事 on 首页', () => {
  it('shows a round of my building while it takes proposals and ballots, each with its days left, until I vote', async () => {
    // A round for 3栋 only: 张楼长 lives there, 小李 (5栋) does not.
    const roundId = await openBudgetRound(tokens.sun, `首页测试：3栋微实事${rid()}`, 50_000, new Date(), {
      kind: 'buildings',
      buildingIds: [B3],
    });
    const entry = async (who: keyof typeof tokens) =>
      (await feedOf(who)).body.items.find((i) => i.key === `budget:${roundId}`);
    const shown = await budgetEntry('zhang', roundId, 7);
    if (shown)
      expect(shown).toMatchObject({
        kind: 'budget',
        detail: '民生微实事：点单中，还剩 7 天',
        action: '去点单',
        link: `/packages/budget/pages/round/index?communityId=${C}&roundId=${roundId}`,
        overdue: false,
      });
    expect(await entry('li')).toBeUndefined();

    const project = await proposeBudgetProject(tokens.zhang, roundId, '3栋楼道扶手', 20_000);
    await advanceBudgetRound(tokens.sun, roundId, 'proposing');
    expect(await entry('zhang')).toBeUndefined(); // 审核筛选: nothing for residents to do
    await screenBudgetProject(tokens.sun, roundId, project, 18_000);
    await advanceBudgetRound(tokens.sun, roundId, 'screening');
    await advanceBudgetRound(tokens.sun, roundId, 'deliberation');
    const voting = await budgetEntry('zhang', roundId, 28);
    if (voting) expect(voting).toMatchObject({ detail: '民生微实事：投票中，还剩 28 天', action: '去投票' });

    const cast = await call(budgetRoutes.castBallot, {
      token: tokens.zhang,
      params: { communityId: C, roundId },
      body: { projectIds: [project], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    expect(await entry('zhang')).toBeUndefined();
  });

  it('shows a round for several buildings to the residents of each of them', async () => {
    const roundId = await openBudgetRound(tokens.sun, `首页测试：3栋和5栋微实事${rid()}`, 30_000, new Date(), {
      kind: 'buildings',
      buildingIds: [B3, buildingIdOf(C, '5栋')],
    });
    for (const who of ['zhang', 'li'] as const) {
      const shown = await budgetEntry(who, roundId, 7);
      if (shown) expect(shown).toMatchObject({ action: '去点单' });
    }
    // Either building's resident may propose; the round names both buildings.
    await proposeBudgetProject(tokens.li, roundId, '5栋门口减速带', 5_000);
    const round = await call(budgetRoutes.getRound, { token: tokens.zhang, params: { communityId: C, roundId } });
    expect(round.body).toMatchObject({ inScope: true });
    expect(round.body.scopeText).toContain('3栋');
    expect(round.body.scopeText).toContain('5栋');
  });
});

describe('the 工作台 numbers on a staff home page', () => {
  it('counts the overdue cases in my queue and the polls open now; a resident gets none', async () => {
    const liu = await feedOf('liu');
    expect(liu.body.staff).toEqual({
      overdueCases: liu.body.items.filter((i) => i.kind === 'staffCase' && i.overdue).length,
      runningPolls: expect.any(Number),
    });
    // 张楼长's 3栋 poll (above) closes in 3 hours: open now.
    const sun = await feedOf('sun');
    expect(sun.body.staff!.runningPolls).toBeGreaterThanOrEqual(1);
    expect(liu.body.staff!.runningPolls).toBe(sun.body.staff!.runningPolls);
    expect((await feedOf('zhang')).body.staff).toBeUndefined();
  });
});

describe('authorisation', () => {
  it('answers 403 for a community the caller is a stranger to, and 401 without a token', async () => {
    expect((await feedOf('zhang', OTHER_COMMUNITY_ID)).status).toBe(403);
    expect((await feedOf('wu', C)).status).toBe(403);
    expect((await call(homeRoutes.waiting, { params: { communityId: C } })).status).toBe(401);
  });

  it("shows the committee of another community only that community's items", async () => {
    const feed = await feedOf('wu', OTHER_COMMUNITY_ID);
    expect(feed.status).toBe(200);
    expect(JSON.stringify(feed.body)).not.toContain(C);
    const zhang = await feedOf('zhang');
    expect(JSON.stringify(zhang.body)).not.toContain(OTHER_COMMUNITY_ID);
  });
});
