import type { Browser, Page } from 'playwright-core';
import { budgetRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId, SEEDED_BUDGET_ROUNDS } from '../devstack/seed/personas';
import { advanceBudgetRound, budgetRid as rid, proposeBudgetProject } from '../functions/test/api/budgetHelpers';
import { call } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { freshToken } from './stackControl';

/**
 * 民生微实事 for the committee (孙主任), in the browser: open a round from the 工作台, screen what residents
 * proposed over HTTP (a field error first, then eligible with a cost and refused with a reason), end
 * 点单 and 审核 early with a reason, answer a resident's objection in 公示, and enter this month's progress
 * with a photo on the seeded round in 实施, then follow the links between the committee's pages and the
 * residents'. The clock does not move: 公示 is reached by ending phases early.
 */
/** A real 1×1 PNG: Taro's H5 chooseImage decodes what was picked and drops what is not an image. */
const SITE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await close();
});

const roundPage = (page: Page, roundId: string) =>
  app.open(page, `/packages/budgetAdmin/pages/round/index?roundId=${roundId}`);
const projectPage = (page: Page, roundId: string, projectId: string) =>
  app.open(page, `/packages/budgetAdmin/pages/project/index?roundId=${roundId}&projectId=${projectId}`);

test('孙主任 opens a round, screens proposals, answers an objection and enters progress', async () => {
  const { page, context } = await phone(browser);
  const [wang, li, sun] = [await freshToken('wang'), await freshToken('li'), await freshToken('sun')];
  await snapshotOnFailure(page, 'budget-committee', async () => {
    // 我的 → 工作台 → 民生微实事 → 发起: a field error from the API first (no total), then the round.
    await app.signInAs(page, '孙主任');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    await page.locator('[data-testid="page-me"]:visible').waitFor();
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-budget').click();
    await page.getByTestId('page-budget-admin-rounds').waitFor();
    await page.getByText(SEEDED_BUDGET_ROUNDS.implementing).first().waitFor();
    await page.getByTestId('budget-open').click();
    const title = `旅程民生微实事${rid().slice(-4)}`;
    await page.getByTestId('budget-title').locator('input').fill(title);
    await page.getByTestId('budget-description').locator('textarea').fill('社区微实事资金，居民点单、一户一票');
    await page.getByTestId('budget-days-proposing-3').click();
    await page.getByTestId('budget-open-submit').click();
    await page.getByTestId('budget-total-field-error').waitFor();
    await page.getByTestId('budget-total').locator('input').fill('50000');
    await page.getByTestId('budget-open-submit').click();
    await page.getByTestId('page-budget-admin-round').waitFor();
    await page.getByTestId('budget-round-head').getByText(title).waitFor();
    const roundId = new URL(page.url().replace('/#/', '/')).searchParams.get('roundId')!;
    expect(roundId).toBeTruthy();
    const params = { communityId, roundId };

    // Residents propose over HTTP; the committee ends 点单 early, with a reason.
    const ramp = await proposeBudgetProject(wang, roundId, '单元门无障碍坡道', 30_000);
    const parking = await proposeBudgetProject(li, roundId, '地下车库划线', 20_000);
    await roundPage(page, roundId);
    await page.getByTestId(`budget-project-${ramp}`).waitFor();
    await page.getByTestId('budget-early-reason').locator('input').fill('提议已收齐，提前进入审核');
    await page.getByTestId('budget-early-submit').click();
    await page.getByTestId('budget-round-head').getByText('审核筛选').waitFor();

    // 审核: eligible with the committee's cost …
    await page.getByTestId(`budget-project-${ramp}`).click();
    await page.getByTestId('page-budget-admin-project').waitFor();
    await page.getByTestId('budget-cost').locator('input').fill('28000');
    await page.getByTestId('budget-screen-submit').click();
    await page.getByTestId('budget-screened').getByText('符合条件').waitFor();
    // … and refused, whose reason the API asks for (the field shows its message) before it takes it.
    await projectPage(page, roundId, parking);
    await page.getByTestId('budget-verdict-no').click();
    await page.getByTestId('budget-screen-submit').click();
    await page.getByTestId('budget-reason-field-error').getByText('不符合条件时请写明原因').waitFor();
    await page.getByTestId('budget-reason').locator('input').fill('车库属业主共有部分，须业主大会决定');
    await page.getByTestId('budget-screen-submit').click();
    await page.getByTestId('budget-screened').getByText('不符合条件').waitFor();

    // 评议 and 投票 pass over HTTP (wang votes); the count publishes, and 小李 objects.
    await advanceBudgetRound(sun, roundId, 'screening');
    await advanceBudgetRound(sun, roundId, 'deliberation');
    const cast = await call(budgetRoutes.castBallot, {
      token: wang,
      params,
      body: { projectIds: [ramp], requestId: rid() },
    });
    expect(cast.status).toBe(201);
    await advanceBudgetRound(sun, roundId, 'voting');
    const objection = await call(budgetRoutes.addObjection, {
      token: li,
      params,
      body: { body: '车库划线为什么不能投票？', projectId: parking, requestId: rid() },
    });
    expect(objection.status).toBe(201);

    // 公示: the round page shows the result and the objection; 孙主任 answers it.
    await roundPage(page, roundId);
    await page.getByTestId('budget-result').waitFor();
    const row = page.getByTestId(`budget-objection-${objection.body.objectionId}`);
    await row.getByText('待答复').waitFor();
    await page
      .getByTestId(`budget-answer-${objection.body.objectionId}`)
      .locator('textarea')
      .fill('车库划线须业主大会表决，已转业委会');
    await page.getByTestId(`budget-answer-submit-${objection.body.objectionId}`).click();
    await row.getByText('已答复').waitFor();
    await expect(page.getByTestId('budget-early-end').count()).resolves.toBe(0);

    // 实施 (the seeded round): this month's progress on the project still under way.
    const rounds = await call(budgetRoutes.listRounds, { token: sun, params: { communityId } });
    const seeded = rounds.body.items.find((r) => r.title === SEEDED_BUDGET_ROUNDS.implementing)!;
    const round = await call(budgetRoutes.getRound, { token: sun, params: { communityId, roundId: seeded.roundId } });
    const underway = round.body.projects.find((p) => p.stage === 'implementing')!;
    expect(underway).toBeDefined();
    await roundPage(page, seeded.roundId);
    await page.getByTestId(`budget-project-${underway.projectId}`).click();
    await page.getByTestId('budget-progress').waitFor();
    await page.getByTestId('budget-percent').locator('input').fill('85');
    await page.getByTestId('budget-spent').locator('input').fill('33000');
    await page.getByTestId('budget-progress-note').locator('textarea').fill('灯具已通电，正在调试');
    // A photo of the work, through the round's upload (the browser's file picker in the H5 console).
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('budget-progress-photos').getByTestId('photo-pick').click();
    await (await chooser).setFiles({ name: 'lights.png', mimeType: 'image/png', buffer: SITE_PNG });
    await page.getByTestId('budget-progress-photos').getByTestId('photo-done').waitFor();
    await page.getByTestId('budget-progress-submit').click();
    await page.getByTestId('budget-reports').getByText('85%').waitFor();
    await page.getByTestId('budget-report-photos').first().waitFor();
    await expect(page.getByTestId('budget-progress-photos').getByTestId('photo-done').count()).resolves.toBe(0);
    const after = await call(budgetRoutes.getProject, {
      token: wang,
      params: { communityId, roundId: seeded.roundId, projectId: underway.projectId },
    });
    expect(after.body.progress).toMatchObject({ percent: 85, spent: 33_000 });
    // Residents see this month's report with its photo; so does the public 台账.
    expect(after.body.reports.find((r) => r.note === '灯具已通电，正在调试')?.photos).toHaveLength(1);
    const ledger = await call(budgetRoutes.accountability, { params: { communityId } });
    const ledgerRow = ledger.body.rounds
      .find((r) => r.roundId === seeded.roundId)!
      .projects.find((p) => p.projectId === underway.projectId)!;
    expect(ledgerRow.latest).toMatchObject({ note: '灯具已通电，正在调试' });
    expect(ledgerRow.latest!.photos).toHaveLength(1);

    // The committee's pages and the residents' pages of a project and of a round lead to each other (the H5
    // page stack keeps the pages left behind, hidden: hence :visible).
    const visible = (testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
    await visible('budget-project-resident').click();
    await visible('page-budget-project').waitFor();
    await visible('progress-photos').first().waitFor();
    await visible('project-manage').click();
    await visible('budget-progress').waitFor();
    await roundPage(page, seeded.roundId);
    await visible('budget-round-resident').click();
    await visible('page-budget-round').waitFor();
    await visible('round-manage').click();
    await visible('budget-round-head').getByText(SEEDED_BUDGET_ROUNDS.implementing).waitFor();
  });
  await context.close();
});
