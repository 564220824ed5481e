import type { Browser, Locator, Page } from 'playwright-core';
import { budgetRoutes, HOUR_MS, type RoundView } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../devstack/seed/personas';
import {
  advanceBudgetRound,
  budgetRid as rid,
  openBudgetRound,
  proposeBudgetProject,
  screenBudgetProject,
} from '../functions/test/api/budgetHelpers';
import { call } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { advanceClock, freshToken, runAgoraClock, stackNow } from './stackControl';

/**
 * 民生微实事 in the browser, from 点单 to 验收, with two residents (王阿姨 in 大字模式, 小李) and the committee
 * (孙主任, over HTTP: its pages are another package's). 小李 finds the round on 首页; residents propose, 附议, read the 居民议事会's note and
 * comment, vote with the running total (an over-budget pick is refused before anything is sent), read the result
 * and raise an objection; the clock passes 公示's seven days; progress shows, a resident rates, and the public
 * 台账 (no sign-in) shows planned against spent.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

async function expectText(locator: Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}

const roundUrl = (roundId: string) =>
  `/packages/budget/pages/round/index?communityId=${communityId}&roundId=${roundId}`;
const projectUrl = (roundId: string, projectId: string) =>
  `/packages/budget/pages/project/index?communityId=${communityId}&roundId=${roundId}&projectId=${projectId}`;

async function readRound(token: string, roundId: string): Promise<RoundView> {
  const res = await call(budgetRoutes.getRound, { token, params: { communityId, roundId } });
  if (res.status !== 200) throw new Error(`getRound: ${res.status}`);
  return res.body;
}

async function propose(page: Page, roundId: string, title: string, cost: string) {
  await page.getByTestId(`round-${roundId}`).waitFor();
  await page.getByTestId(`round-${roundId}`).click();
  const round = page.getByTestId('page-budget-round');
  await round.getByTestId('round-propose').click();
  const form = page.getByTestId('page-budget-propose');
  await form.getByTestId('propose-form').waitFor();
  await form.getByTestId('field-title').locator('input').fill(title);
  await form.getByTestId('field-description').locator('textarea').fill(`${title}：方便老人和推婴儿车的邻居`);
  await form.getByTestId('field-place').locator('input').fill('3栋单元门口');
  await form.getByTestId('field-estimatedCost').locator('input').fill(cost);
  await form.getByTestId('propose-submit').click();
  await expectText(page.getByTestId('page-budget-project').getByTestId('project-title'), title);
}

test('a round from 点单 to 验收: residents propose, 附议, vote within the budget, object, see progress and rate; the 台账 is public', async () => {
  let sun = await freshToken('sun');
  const title = `旅程民生微实事${rid()}`;
  const roundId = await openBudgetRound(sun, title, 50_000, await stackNow());
  const params = { communityId, roundId };
  const wang = await phone(browser);
  const li = await phone(browser);

  await snapshotOnFailure(wang.page, 'budgetRound-propose', async () => {
    // 王阿姨 finds 民生微实事 from the 议事 tab and proposes a ramp; an empty form says what is missing on each field.
    const p = wang.page;
    await app.signInAs(p, '王阿姨');
    await app.tab(p, '议事');
    await p.getByTestId('agora-budget').click();
    await p.getByTestId('page-budget-rounds').waitFor();
    await p.getByTestId(`round-${roundId}`).click();
    const round = p.getByTestId('page-budget-round');
    await expectText(round.getByTestId('round-title'), title);
    await expectText(round.getByTestId('round-total'), '50,000 元');
    await round.locator('[data-testid="timeline-proposing"][data-state="current"]').waitFor();
    await round.getByTestId('round-propose').click();
    const form = p.getByTestId('page-budget-propose');
    await form.getByTestId('propose-submit').click();
    await form.getByTestId('field-title-error').waitFor();
    await form.getByTestId('field-estimatedCost-error').waitFor();
    await form.getByTestId('field-title').locator('input').fill('无障碍坡道');
    await form.getByTestId('field-description').locator('textarea').fill('3栋门口台阶高，轮椅和婴儿车上不去');
    await form.getByTestId('field-place').locator('input').fill('3栋单元门口');
    await form.getByTestId('field-estimatedCost').locator('input').fill('30000');
    await form.getByTestId('propose-submit').click();
    const project = p.getByTestId('page-budget-project');
    await expectText(project.getByTestId('project-title'), '无障碍坡道');
    await expectText(project.getByTestId('project-support-count'), '附议 1 人');
  });

  const idOf = async (t: string) => (await readRound(sun, roundId)).projects.find((p) => p.title === t)!.projectId;
  const ramp = await idOf('无障碍坡道');

  await snapshotOnFailure(li.page, 'budgetRound-support', async () => {
    // 小李 proposes benches, then 附议 王阿姨's ramp on the round page.
    const p = li.page;
    await app.signInAs(p, '小李');
    await p.getByTestId('page-home').waitFor();
    // 首页 shows the round while it takes proposals, with its days left; tapping it opens the round.
    const feed = p.locator('[data-testid="page-home"]:visible').getByTestId('home-waiting');
    const entry = feed.locator(`[data-key="budget:${roundId}"]`);
    await feed.locator('[data-testid="home-waiting-more"], [data-testid^="waiting-"]').first().waitFor();
    if (await feed.getByTestId('home-waiting-more').count()) await feed.getByTestId('home-waiting-more').click();
    await expectText(entry, '民生微实事：点单中，还剩 7 天');
    await entry.getByTestId('waiting-action-budget').click();
    await expectText(p.locator('[data-testid="page-budget-round"]:visible').getByTestId('round-title'), title);
    await app.open(p, '/packages/budget/pages/rounds/index');
    await propose(p, roundId, '花园长椅', '15000');
    await app.open(p, roundUrl(roundId));
    const row = p.getByTestId('page-budget-round').getByTestId(`project-${ramp}`);
    await row.getByTestId('project-support').click();
    await expectText(row.getByTestId('project-support-count'), '附议 2 人');
  });

  // 孙主任 adds a project of the committee's own, screens all three and opens 评议 with the 居民议事会's note.
  const benches = await idOf('花园长椅');
  const fitness = await proposeBudgetProject(sun, roundId, '健身器材', 20_000);
  await advanceBudgetRound(sun, roundId, 'proposing');
  await screenBudgetProject(sun, roundId, ramp, 30_000);
  await screenBudgetProject(sun, roundId, benches, 15_000);
  await screenBudgetProject(sun, roundId, fitness, 20_000);
  await advanceBudgetRound(sun, roundId, 'screening');
  const note = await call(budgetRoutes.addComment, {
    token: sun,
    params: { ...params, projectId: ramp },
    body: { kind: 'councilNote', body: '居民议事会：坡道须留扶手，施工期间保留通行', requestId: rid() },
  });
  expect(note.status).toBe(201);

  await snapshotOnFailure(wang.page, 'budgetRound-deliberation', async () => {
    // 评议: 王阿姨 reads the council's note on the ramp and adds her comment.
    const p = wang.page;
    await app.open(p, projectUrl(roundId, ramp));
    const project = p.getByTestId('page-budget-project');
    await expectText(project.getByTestId('council-note'), '坡道须留扶手');
    await project.getByTestId('field-comment').locator('textarea').fill('扶手要做成两边都有的');
    await project.getByTestId('comment-submit').click();
    await expectText(project.getByTestId('comment'), '扶手要做成两边都有的');
  });
  await advanceBudgetRound(sun, roundId, 'deliberation');

  const ballotRequests: string[] = [];
  wang.page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/ballots')) ballotRequests.push(r.url());
  });
  await snapshotOnFailure(wang.page, 'budgetRound-vote', async () => {
    // 投票: all three add up to 65,000 of 50,000: the bar says 超出 and the ballot is refused before it is sent.
    const p = wang.page;
    await app.open(p, roundUrl(roundId));
    const round = p.getByTestId('page-budget-round');
    const ballot = round.getByTestId('ballot-form');
    for (const id of [ramp, benches, fitness]) await ballot.getByTestId(`ballot-project-${id}`).click();
    await expectText(ballot.getByTestId('ballot-total-remaining'), '超出 15,000 元');
    await ballot.getByTestId('ballot-submit').click();
    await expectText(ballot.getByTestId('ballot-error'), '超出预算 15,000 元');
    expect(ballotRequests).toHaveLength(0);
    // Without the fitness equipment: 45,000, 5,000 left; cast, and the receipt shows.
    await ballot.getByTestId(`ballot-project-${fitness}`).click();
    await expectText(ballot.getByTestId('ballot-total-remaining'), '剩余 5,000 元');
    await ballot.getByTestId('ballot-submit').click();
    await round.getByTestId('receipt-code').waitFor();
    expect(ballotRequests).toHaveLength(1);
    // One ballot per household: who cast it and when.
    await expectText(round.getByTestId('seat-voted'), '已投票：王阿姨');
  });

  await snapshotOnFailure(li.page, 'budgetRound-vote-li', async () => {
    const p = li.page;
    await app.open(p, roundUrl(roundId));
    const ballot = p.getByTestId('page-budget-round').getByTestId('ballot-form');
    for (const id of [benches, fitness]) await ballot.getByTestId(`ballot-project-${id}`).click();
    await expectText(ballot.getByTestId('ballot-total-used'), '已选 35,000 元');
    await ballot.getByTestId('ballot-submit').click();
    await p.getByTestId('page-budget-round').getByTestId('receipt-code').waitFor();
  });

  // 孙主任 closes the vote: counted and published (公示).
  await advanceBudgetRound(sun, roundId, 'voting');

  await snapshotOnFailure(wang.page, 'budgetRound-result', async () => {
    // 公示: benches (2 votes) first; ramp and fitness tie at 1, the cheaper fitness goes first and the ramp no
    // longer fits (doesNotFit). 王阿姨 checks her receipt and raises an objection.
    const p = wang.page;
    await p.reload();
    const round = p.getByTestId('page-budget-round');
    await round.getByTestId('result').waitFor();
    await expectText(round.getByTestId('result-rule'), '计票规则');
    await expectText(round.getByTestId('result-doesNotFit'), '无障碍坡道');
    await expectText(round.getByTestId('result-ties'), '1 票');
    expect(await round.getByTestId('result-selected').count()).toBe(2);
    await round.getByTestId('result-votes').waitFor();
    await round.getByTestId('receipt-check-button').click();
    await expectText(round.getByTestId('receipt-status'), '已计入结果');
    await round.getByTestId('field-objection').locator('textarea').fill('坡道得票不少，能否用结余另行安排？');
    await round.getByTestId('objection-submit').click();
    await expectText(round.getByTestId('objection'), '坡道得票不少');
  });
  const withObjection = await readRound(sun, roundId);
  const objection = withObjection.objections.find((o) => o.body.startsWith('坡道得票不少'))!;
  const answered = await call(budgetRoutes.answerObjection, {
    token: sun,
    params: { ...params, objectionId: objection.objectionId },
    body: { text: '结余 15,000 元不足以建坡道，将列入下一轮优先审核' },
  });
  expect(answered.status).toBe(200);
  await snapshotOnFailure(wang.page, 'budgetRound-answer', async () => {
    await wang.page.reload();
    await expectText(wang.page.getByTestId('objection-answer'), '列入下一轮优先审核');
  });

  // 公示's seven days pass; the clock moves the round to 实施.
  const until = Date.parse(withObjection.schedule.publicityUntil!);
  await advanceClock((until - (await stackNow()).getTime()) / HOUR_MS + 0.2);
  sun = await freshToken('sun');
  await runAgoraClock();
  expect((await readRound(sun, roundId)).phase).toBe('implementation');

  // 实施 (committee, over HTTP): 一诺 for each selected project, then progress.
  for (const projectId of [benches, fitness]) {
    const committed = await call(budgetRoutes.setImplementation, {
      token: sun,
      params: { ...params, projectId },
      body: {
        responsibleParty: '社区物业服务中心',
        commitment: '一个月内完工，施工期间保留通行',
        dueDate: new Date((await stackNow()).getTime() + 30 * 24 * HOUR_MS).toISOString(),
      },
    });
    expect(committed.status).toBe(200);
  }
  const report = (projectId: string, percent: number, spent: number, note: string) =>
    call(budgetRoutes.reportProgress, {
      token: sun,
      params: { ...params, projectId },
      body: { percent, spent, note },
    });
  expect((await report(benches, 50, 6_000, '长椅已到货，正在安装')).status).toBe(200);

  await snapshotOnFailure(li.page, 'budgetRound-progress', async () => {
    // 小李 (signed in again: the clock jump ended the session) reads the benches' progress: 50%, 6,000 of 15,000.
    const p = li.page;
    await app.signInAs(p, '小李');
    await p.getByTestId('page-home').waitFor();
    await app.open(p, roundUrl(roundId));
    const round = p.getByTestId('page-budget-round');
    await expectText(round.getByTestId('round-phase'), '实施');
    const row = round.getByTestId(`project-${benches}`);
    await expectText(row.getByTestId('project-spent'), '已支出 6,000 元 / 计划 15,000 元');
    await row.getByTestId('project-open').click();
    const project = p.getByTestId('page-budget-project');
    await expectText(project.getByTestId('project-percent-text'), '50');
    await expectText(project.getByTestId('progress-report'), '长椅已到货');
    await project.getByTestId('project-money').waitFor();
    expect(await project.getByTestId('rating-form').count()).toBe(0);
  });

  for (const [projectId, spent] of [
    [benches, 14_200],
    [fitness, 19_500],
  ] as const) {
    expect((await report(projectId, 100, spent, '已完工')).status).toBe(200);
    const finished = await call(budgetRoutes.finishProject, {
      token: sun,
      params: { ...params, projectId },
      body: { note: '完工，请居民验收' },
    });
    expect(finished.status).toBe(200);
  }

  await snapshotOnFailure(li.page, 'budgetRound-rate', async () => {
    // 验收: 小李 rates the benches once.
    const p = li.page;
    await p.reload();
    const project = p.getByTestId('page-budget-project');
    await project.getByTestId('project-finished').waitFor();
    await project.getByTestId('rating-satisfied').click();
    await project.getByTestId('rating-submit').click();
    await expectText(project.getByTestId('rating-mine'), '满意');
    await expectText(project.getByTestId('rating-tally'), '满意率 100%');
  });

  const visitor = await phone(browser);
  await snapshotOnFailure(visitor.page, 'budgetRound-ledger', async () => {
    // The public 台账, opened without signing in: planned 35,000 against spent 33,700.
    const p = visitor.page;
    await app.open(p, `/packages/budget/pages/ledger/index?cid=${communityId}`);
    const ledger = p.getByTestId('page-budget-ledger');
    const row = ledger.getByTestId(`ledger-round-${roundId}`);
    await expectText(row.getByTestId('ledger-round-money'), '计划 35,000 元 · 已支出 33,700 元');
    await expectText(row.getByTestId('ledger-project'), '花园长椅');
    await ledger.getByTestId('ledger-money').waitFor();
  });
  await snapshotOnFailure(wang.page, 'budgetRound-ledger-link', async () => {
    // The same page from the round, as a resident reaches it (and is audited with a session).
    const p = wang.page;
    await app.signInAs(p, '王阿姨');
    await p.getByTestId('page-home').waitFor();
    await app.open(p, roundUrl(roundId));
    await p.getByTestId('page-budget-round').getByTestId('round-ledger-link').click();
    await p.getByTestId('page-budget-ledger').getByTestId(`ledger-round-${roundId}`).waitFor();
  });
  for (const c of [wang, li, visitor]) await c.context.close();
});
