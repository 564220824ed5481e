import type { Browser } from 'playwright-core';
import { chinaMonth, shiftMonthKey } from '@linli/shared';
import { snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { streetOffice } from './streetOffice';

/**
 * 街道工作台: 周科长 (东街街道's office) opens the console from 我的 → 工作人员开通 → 东街街道, sees the 诉求
 * escalated to the street (西园's overdue one first, with its community and grid), the street's 三率 with
 * the month-over-month change, the ranking that says what it ranks by, last month's figures (the seed's
 * rated cases), and opens a case from the queue. axe and the 适老化 audit run on every page visited.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('周科长 sees the escalated queue and the 三率 of the seeded street', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'street-console', async () => {
    await streetOffice.throughMe(page);
    await page.getByTestId('street-console').click();
    await page.getByTestId('page-street-console').waitFor();

    // The queue: 西园's wall, past the street's acceptance deadline, first.
    const list = page.getByTestId('console-queue-list');
    await list.waitFor();
    const first = list.locator('[data-testid^="queue-item-"]').first();
    await expect(first.textContent()).resolves.toMatch(/已超时.*围墙/);
    await expect(first.textContent()).resolves.toContain('西园社区 · 西园网格');
    await expect(list.textContent()).resolves.not.toContain('南湖');

    // 三率 of this month, its change against last month, the ranking and what it ranks by.
    await page.getByTestId('street-rates').waitFor();
    await expect(page.getByTestId('street-changes').textContent()).resolves.toContain('较上月');
    await expect(page.getByTestId('ranking-basis').textContent()).resolves.toContain('按');
    await expect(page.getByTestId('ranking-basis').textContent()).resolves.toContain('解决率');
    await page.getByTestId('trend-chart').waitFor();

    // Last month: the seed's handled and rated requests give 幸福里 a 满意率.
    const lastMonth = shiftMonthKey(chinaMonth(new Date()), -1);
    await page.getByTestId(`console-month-${lastMonth}`).click();
    await page.getByText(new RegExp(`东街街道 (\\d+年)?${Number(lastMonth.slice(5))}月三率`)).waitFor();
    await page.getByTestId('console-rate-satisfaction').click();
    await expect(page.getByTestId('ranking-basis').textContent()).resolves.toContain('满意率');
    const satisfaction = page.getByTestId('street-rates-satisfaction');
    await expect(satisfaction.textContent()).resolves.toMatch(/\d/);
    await page.getByTestId('ranking-chart').getByText(/第1名/).first().waitFor();

    // 网格下钻: 幸福里's grids, each with its 三率 month by month (last month, as chosen above).
    await page.getByTestId('grid-drill-xingfuli').click();
    const grids = page.locator('[data-testid="page-street-grids"]:visible');
    await grids.getByTestId('grids-community-rates').waitFor();
    await grids.getByTestId('grid-第一网格').waitFor();
    await grids.getByTestId('grid-trend-第一网格').waitFor();
    await expect(grids.getByTestId('grid-months-第一网格').textContent()).resolves.toMatch(/提交 \d+ 件 · 响应率/);
    await page.goBack();
    await page.locator('[data-testid="page-street-console"]:visible').waitFor();

    // A case opens from the queue, as the street office handles it.
    await first.click();
    // (The console stays in the DOM, hidden, under the detail page: look inside the page shown.)
    const detail = page.locator('[data-testid="page-grievance-detail"]:visible');
    await detail.getByText('围墙', { exact: false }).first().waitFor();
    await detail.getByText('受理', { exact: true }).first().waitFor();
  });
  await context.close();
});

test('周科长 reads 街道操作记录: a code he issues in the journey, at street level, and narrowed to its community', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'street-log', async () => {
    await streetOffice.throughMe(page);
    await page.getByTestId('page-street').waitFor();

    // An action of the journey: a committee seat's code for 西园社区.
    const invitee = `记录${Date.now().toString(36).slice(-4)}`;
    await page.getByTestId('community-invite-西园社区').click();
    await page.getByTestId('page-staff-invite').waitFor();
    await page.getByTestId('input-invitee').locator('input').fill(invitee);
    await page.getByTestId('staff-invite-generate').click();
    await page.getByTestId('staff-invitation-code').waitFor();
    await page.goBack();

    await page.locator('[data-testid="page-street"]:visible').getByTestId('street-log-open').click();
    const log = page.locator('[data-testid="page-street-log"]:visible');
    await log.getByTestId('street-log-list').waitFor();
    // Newest first: the code just issued, kept at street level and naming its community.
    const newest = log.getByTestId('staff-log-entry').first();
    await expect(newest.textContent()).resolves.toContain('生成工作人员一次性邀请码');
    await expect(newest.getByTestId('staff-log-place').textContent()).resolves.toBe('街道层面 · 西园社区');
    await expect(newest.textContent()).resolves.toContain(invitee);

    // Narrowed to 西园社区 and all time: its entries only, the code among them, still at street level.
    await log.getByTestId('street-log-period-all').click();
    await log.getByTestId('street-log-community').getByText('西园社区').click();
    await log.getByTestId('street-log-list').waitFor();
    const places = await log.getByTestId('staff-log-place').allTextContents();
    expect(places[0]).toBe('街道层面 · 西园社区');
    expect(places.every((p) => p.includes('西园社区'))).toBe(true);
  });
  await context.close();
});
