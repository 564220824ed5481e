import type { Browser } from 'playwright-core';
import { timebankRoutes } from '@linli/shared';
import { OTHER_COMMUNITY_ID } from '../devstack/seed/personas';
import { call } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { freshToken } from './stackControl';
import { streetOffice } from './streetOffice';

/**
 * The street office's street-wide actions in the browser (issue 15 §2): 周科长 writes a notice to every
 * household of 东街街道, confirms with the household count and sees its reach community by community; 小李 of
 * 幸福里 gives points to 西园社区's 爱心基金; 周科长's 街道对账 then passes (settlement accounts cancel). Then
 * 吴主任 offers a fresh item of 西园's to the street, 小李 redeems it with her points from 幸福里 under 积分兑换 →
 * 街道其他社区, 吴主任 hands it over by its code, and the 街道对账 still passes.
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
    await streetOffice.openStreet(page);
    await streetOffice.openAction(page, 'notices');
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
    await streetOffice.auditPasses(office.page);
  });
});

test('西园 offers an item to the street; 小李 of 幸福里 redeems it with her points; 西园 hands it over; 街道对账 passes', async () => {
  const stamp = Date.now().toString(36);
  const name = `街道通兑礼品${stamp}`;
  const made = await call(timebankRoutes.createItem, {
    token: await freshToken('wu'),
    params: { communityId: OTHER_COMMUNITY_ID },
    body: {
      name,
      description: '西园社区的公益礼品',
      kind: 'gift',
      price: 1,
      initialStock: 3,
      requestId: `e2e-street-item-${stamp}`,
    },
  });
  expect(made.status).toBe(201);
  const { itemId } = made.body;

  // 吴主任 opens it to the street on 通存通兑设置 (积分账本 → 通存通兑设置).
  const committee = await phone(browser);
  await snapshotOnFailure(committee.page, 'street-redeem-open', async () => {
    const page = committee.page;
    await app.signInAs(page, '吴主任');
    await page.getByTestId('page-home').waitFor();
    await app.open(page, '/packages/volunteer/pages/ledger/index');
    await page.getByTestId('ledger-street-settings').click();
    await page.getByTestId('page-street-settings').waitFor();
    const row = page.getByTestId(`street-item-${itemId}`);
    await row.getByTestId('street-item-open').click();
    await row.getByText('向街道开放', { exact: false }).first().waitFor();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid="street-item-${id}"] [role="switch"]`)?.getAttribute('aria-checked') ===
        'true',
      itemId,
    );
  });

  // 小李 finds it under 积分兑换 → 街道其他社区 and redeems it; her orders say 西园 hands it over.
  const resident = await phone(browser);
  let code = '';
  await snapshotOnFailure(resident.page, 'street-redeem-resident', async () => {
    const page = resident.page;
    await app.signInAs(page, '小李');
    await page.getByTestId('page-home').waitFor();
    await app.open(page, '/packages/volunteer/pages/mall/index');
    await page.getByTestId('mall-scope-street').click();
    const card = page.getByTestId(`shelf-${OTHER_COMMUNITY_ID}`).getByTestId(`item-${itemId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('剩余 3 件');
    await card.getByTestId('item-redeem').click();
    await page.getByTestId('redeem-dialog').getByText('西园社区', { exact: false }).first().waitFor();
    await page.getByTestId('redeem-dialog-confirm').click();
    await page.getByTestId('page-orders').waitFor();
    const order = page.locator('[data-testid^="order-"]').filter({ hasText: name }).first();
    await order.getByTestId('order-community').getByText('西园社区', { exact: false }).waitFor();
    code = ((await order.getByTestId('order-code').textContent()) ?? '').replace(/[^A-Z2-9]/g, '');
    expect(code).toHaveLength(8);
  });

  // 吴主任 finds the order by its code, from 幸福里, and hands it over.
  await snapshotOnFailure(committee.page, 'street-redeem-pickup', async () => {
    const page = committee.page;
    await app.open(page, '/packages/volunteer/pages/pickup/index');
    await page.getByTestId('input-pickupCode').locator('input').fill(code);
    await page.getByTestId('pickup-find').click();
    await page.getByTestId('pickup-order').getByText('幸福里', { exact: false }).waitFor();
    await page.getByTestId('pickup-fulfil').click();
    await page.getByTestId('pickup-status').getByText('已完成').waitFor();
  });

  const office = await phone(browser);
  await snapshotOnFailure(office.page, 'street-redeem-audit', async () => {
    await streetOffice.openStreet(office.page);
    await streetOffice.auditPasses(office.page);
  });
});
