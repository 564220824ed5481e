import type { Browser } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('before signing in, the app shows what Linli is for, the community’s public page and how to join', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'public-page', async () => {
    // A first visit: nothing stored, the app opened at its home page.
    await app.open(page);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('page-public').waitFor();
    await page.getByTestId('public-about').getByText('议事投票').waitFor();

    // No share link: pick the community from the deployment's list.
    await page.getByTestId('public-community-xingfuli').click();
    await page.getByTestId('public-community-name').getByText('幸福里社区').waitFor();
    await page.getByTestId('public-notices').waitFor();
    await page.getByTestId('public-results').waitFor();
    await page.locator('[data-testid="public-request"]').first().waitFor();
    // Nobody's name and no flat: the requests show category and status only.
    const text = (await page.getByTestId('page-public').textContent()) ?? '';
    expect(text).not.toMatch(/王阿姨|张楼长|小李|\d+单元\d+/);

    // A share link or invitation QR names the community (cid): straight to its page.
    await app.open(page, '/packages/public/pages/community/index?cid=xingfuli');
    await page.getByTestId('public-community-name').getByText('幸福里社区').waitFor();

    // How to join: 微信登录 leads to sign-in.
    await page.getByTestId('public-sign-in').click();
    await page.getByTestId('page-signin').waitFor();
  });
  await context.close();
});

test('a signed-in resident without a home sees the same page with 绑定房屋 and 使用邀请码', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'public-page-unbound', async () => {
    // 陈晨 has no home; the binding journey needs her before she accepts the privacy guideline, and the
    // public page asks for none: open it from the share link as she would.
    await app.signInAs(page, '陈晨');
    await page.locator('[data-testid="page-privacy"], [data-testid="page-home"]').first().waitFor();
    await app.open(page, '/packages/public/pages/community/index?cid=xingfuli');
    await page.getByTestId('public-notices').waitFor();
    await page.getByTestId('public-bind').waitFor();
    await page.getByTestId('public-invite').waitFor();
    expect(await page.getByTestId('public-sign-in').count()).toBe(0);
  });
  await context.close();
});

test('the committee opens the reach of a notice: three numbers and the doors to knock on', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'reach', async () => {
    await app.signInAs(page, '孙主任');
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-notices').click();
    // The seeded notices (3栋电梯年检 was read by 王阿姨 and 张楼长).
    const row = page.locator('[data-testid^="broadcast-0"]').filter({ hasText: '3栋电梯年检通知' });
    await row.first().locator('[data-testid^="broadcast-reach-"]').click();
    await page.getByTestId('page-reach').waitFor();
    await page.getByTestId('reach-totals').getByText('3栋电梯年检通知').waitFor();
    const opened = Number((await page.getByTestId('reach-opened').textContent())?.replace(/\D/g, ''));
    expect(opened).toBeGreaterThanOrEqual(2);
    await page.getByTestId('reach-bars').waitFor();
    const doors = page.getByTestId('reach-door');
    await doors.first().waitFor();
    const labels = await doors.allTextContents();
    expect(labels.every((l) => l.startsWith('3栋'))).toBe(true);
    expect(labels).not.toContain('3栋1单元201'); // 王阿姨 opened it
  });
  await context.close();
});
