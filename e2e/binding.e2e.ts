import type { Browser } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('a newcomer asks to bind to a unit, the grid worker approves, and the household shows as bound', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'binding', async () => {
    // 陈晨 is new: the privacy guideline comes before anything else.
    await app.signInAs(page, '陈晨');
    await page.getByTestId('page-privacy').waitFor();
    await page.getByTestId('privacy-accept').click();

    // 我的 → 申请绑定房屋: 幸福里社区 → 2栋 → 1单元501, as a tenant.
    await app.tab(page, '我的');
    await page.getByTestId('me-bind').click();
    await page.getByTestId('community').getByText('幸福里社区').click();
    await page.getByTestId('building').getByText('2栋', { exact: true }).click();
    await page.getByTestId('unit-picker').getByText('501').first().click();
    await page.getByTestId('relation').getByText('租户').click();
    await page.getByTestId('field-realName').locator('input').fill('陈晨');
    await page.getByTestId('bind-submit').click();
    await page.getByTestId('bind-submitted').waitFor();

    // 刘网格员 (第一网格, which holds 2栋) approves it from the 工作台.
    await app.signInAs(page, '刘网格员');
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-bindings').click();
    const request = page.locator('[data-testid^="binding-bd"]').filter({ hasText: '陈晨' });
    await request.getByTestId('binding-approve').click();
    await page.getByTestId('page-bindings').getByText('陈晨').waitFor({ state: 'detached' });

    // Back as 陈晨: the household is bound.
    await app.signInAs(page, '陈晨');
    await app.tab(page, '我的');
    const households = page.getByTestId('me-households');
    await households.getByText('2栋1单元501').waitFor();
    await expect(households.textContent()).resolves.toContain('租户');
  });
  await context.close();
});
