import type { Browser } from 'playwright-core';
import { DEMO_STREET_ID, OTHER_COMMUNITY_ID } from '../devstack/seed/personas';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

/**
 * The street office's street-wide actions in the browser (issue 15 §2): 周科长 writes a notice to every
 * household of 东街街道, confirms with the household count and sees its reach community by community; 小李 of
 * 幸福里 gives points to 西园社区's 爱心基金; 周科长's 街道对账 then passes (settlement accounts cancel).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

const fundOf = async (text: Promise<string | null>) => Number(/爱心基金现有 (\d+)/.exec((await text) ?? '')?.[1]);

test('周科长 sends a street-wide notice and sees its reach; a resident gives points to another community’s fund', async () => {
  const title = `街道通知旅程${Date.now().toString(36)}`;
  const office = await phone(browser);
  await snapshotOnFailure(office.page, 'street-wide-notice', async () => {
    const page = office.page;
    await app.signInAs(page, '周科长');
    await page.getByTestId('page-home').waitFor();
    await app.open(page, `/packages/street/pages/street/index?streetId=${DEMO_STREET_ID}`);
    await page.getByTestId('street-notices').click();
    await page.getByTestId('page-street-notices').waitFor();
    await page.getByTestId('input-street-notice-title').locator('input').fill(title);
    await page
      .getByTestId('input-street-notice-body')
      .locator('textarea')
      .fill('本周六上午各社区开展冬季消防安全检查，请居民配合。');
    await page.getByTestId('street-notice-preview').click();
    const count = (await page.getByTestId('street-notice-households').textContent()) ?? '';
    expect(count).toMatch(/将发给 2 个社区 \d+ 户/);
    await page.getByTestId('street-notice-send').click();
    const sent = page.getByTestId(`street-notice-${title}`);
    await sent.waitFor();
    await sent.getByTestId('reach-open').click();
    await sent.getByTestId('street-notice-reach').waitFor();
    expect(await sent.getByTestId('street-notice-reach').textContent()).toContain('西园社区');
  });

  const resident = await phone(browser);
  await snapshotOnFailure(resident.page, 'street-wide-donation', async () => {
    const page = resident.page;
    await app.signInAs(page, '小李');
    await page.getByTestId('page-home').waitFor();
    await app.open(page, '/packages/volunteer/pages/wallet/index');
    await page.getByTestId('wallet-street-donate').click();
    await page.getByTestId('page-street-donate').waitFor();
    const option = page.getByTestId(`street-donate-to-${OTHER_COMMUNITY_ID}`);
    await option.waitFor();
    await option.click();
    const before = await fundOf(option.textContent());
    await page.getByTestId('input-street-donate-amount').locator('input').fill('1');
    await page.getByTestId('input-street-donate-note').locator('input').fill('街坊一点心意');
    await page.getByTestId('street-donate-submit').click();
    // The page reads the funds again after the donation: 西园's fund shows one point more.
    await page.waitForFunction(
      (want) =>
        document.querySelector(`[data-testid="${want.id}"]`)?.textContent?.includes(`爱心基金现有 ${want.fund} 积分`) ??
        false,
      { id: `street-donate-to-${OTHER_COMMUNITY_ID}`, fund: before + 1 },
    );
  });

  await snapshotOnFailure(office.page, 'street-wide-audit', async () => {
    const page = office.page;
    await app.open(page, `/packages/street/pages/street/index?streetId=${DEMO_STREET_ID}`);
    await page.getByTestId('street-audit-run').click();
    await page
      .getByTestId('street-audit-result')
      .getByText(/对账通过/)
      .waitFor();
  });
});
