import type { Browser } from 'playwright-core';
import { timebankRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../devstack/seed/personas';
import { call } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { freshToken } from './stackControl';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  // Points expiry back off as the seed has it: other journeys earn and spend points.
  await call(timebankRoutes.updateSettings, {
    token: await freshToken('sun'),
    params: { communityId },
    body: { expiry: { enabled: false, months: 24 } },
  });
  await close();
});

test('a committee member changes a setting, then finds it in 操作记录 with its value before and after', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'staff-log', async () => {
    // 孙主任 turns on 积分有效期 (36 months) on the 积分账本 page.
    await app.signInAs(page, '孙主任');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    // The tab switch finishes on its own time: opening the next page before 我的 shows lets 我的 cover it (the
    // ledger stays in the page but hidden), which failed this journey when it ran early in a full e2e run.
    await page.locator('[data-testid="page-me"]:visible').waitFor();
    await app.open(page, '/packages/volunteer/pages/ledger/index');
    await page.locator('[data-testid="expiry-switch"]:visible').waitFor();
    await page.getByTestId('expiry-switch').getByText('按月数过期').click();
    await page.getByTestId('input-months').locator('input').fill('36');
    await page.getByTestId('expiry-save').click();
    await page.getByText('已保存').first().waitFor();

    // 我的 → 工作台 → 操作记录: the change is there, newest first, by 孙主任, with before → after.
    await app.open(page, '/pages/me/index');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-log').click();
    await page.getByTestId('page-staff-log').waitFor();
    await page.getByTestId('staff-log-object').getByText('设置', { exact: true }).click();
    const entry = page.getByTestId('staff-log-entry').filter({ hasText: '积分有效期' }).first();
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('孙');
    const changes = entry.getByTestId('staff-log-change');
    await expect(changes.filter({ hasText: 'expiry.enabled' }).textContent()).resolves.toMatch(/false.*→.*true/);
    await expect(changes.filter({ hasText: 'expiry.months' }).textContent()).resolves.toMatch(/24.*→.*36/);
  });
  await context.close();
});
