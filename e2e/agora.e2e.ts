import type { Browser, Page } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

async function openTopic(page: Page, title: string) {
  await app.tab(page, '议事');
  await page.getByTestId('page-agora').locator('[data-testid^="topic-t"]').filter({ hasText: title }).first().click();
  await page.getByTestId('page-agora-topic').waitFor();
}

test('the committee opens an elevator poll for one building, owners vote (one household from two phones), the committee closes it, and the result shows area and heads', async () => {
  const title = `3栋加装电梯 ${Date.now().toString(36)}`;
  const committee = await phone(browser);
  const wangA = await phone(browser);
  const wangB = await phone(browser);
  const zhang = await phone(browser);
  let heads = 0;
  await snapshotOnFailure(committee.page, 'agora-committee', async () => {
    // 孙主任 · 居委会: 议事 → 发起议题, 3栋 only, 业主表决 under the 3/4 rule for 改建 (加装电梯).
    const c = committee.page;
    await app.signInAs(c, '孙主任');
    await app.tab(c, '议事');
    await c.getByTestId('agora-create').click();
    await c.getByTestId('field-title').locator('input').fill(title);
    await c
      .getByTestId('field-description')
      .locator('textarea')
      .fill('3栋两个单元各加装一部电梯，费用按楼层分摊，详见公告栏。');
    await c.getByTestId('scope-kind-buildings').click();
    await c.getByTestId('scope-buildings').getByText('3栋', { exact: true }).click();
    await c.getByTestId('basis-owners').click();
    await c.getByTestId('preset-ownersMajor').click();
    await expectText(c.getByTestId('preset-basis'), '第二百七十八条');
    // The electorate preview: owners of 3栋 (heads) and its registered area.
    await expectText(c.getByTestId('preview-area'), '㎡');
    heads = Number((await c.getByTestId('preview-heads').textContent())?.match(/\d+/)?.[0]);
    expect(heads).toBeGreaterThan(10);
    await c.getByTestId('wizard-submit').click();
    await c.getByTestId('page-agora-poster').waitFor();
    await c.getByTestId('poster-qr').waitFor();
  });

  await snapshotOnFailure(wangA.page, 'agora-wang', async () => {
    // 王阿姨 opens it on two phones before voting on either.
    for (const p of [wangA.page, wangB.page]) {
      await app.signInAs(p, '王阿姨');
      await openTopic(p, title);
      await p.getByTestId('ballot-option-agree').waitFor();
    }
    // Phone A: tap 同意, tap 投票 — and the receipt is shown.
    await wangA.page.getByTestId('ballot-option-agree').click();
    await wangA.page.getByTestId('ballot-submit').click();
    await wangA.page.getByTestId('receipt-code').waitFor();
    await expectText(wangA.page.getByTestId('seat-status'), '您已于');
    // The choice shows once, from what the phone sent; she keeps it on this phone.
    await expectText(wangA.page.getByTestId('ballot-chosen'), '您的选择：同意');
    await wangA.page.getByTestId('ballot-keep-choice').click();
    await wangA.page.getByTestId('ballot-chosen-kept').waitFor();
    // Phone B still shows the ballot; its vote is refused: the household has voted.
    await wangB.page.getByTestId('ballot-option-disagree').click();
    await wangB.page.getByTestId('ballot-submit').click();
    await expectText(wangB.page.getByTestId('seat-notice'), '本户已于');
    await expectText(wangB.page.getByTestId('seat-status'), '您已于');
  });

  await snapshotOnFailure(zhang.page, 'agora-zhang', async () => {
    await app.signInAs(zhang.page, '张楼长');
    await openTopic(zhang.page, title);
    await zhang.page.getByTestId('ballot-option-agree').click();
    await zhang.page.getByTestId('ballot-submit').click();
    await zhang.page.getByTestId('receipt-code').waitFor();
  });

  await snapshotOnFailure(committee.page, 'agora-close', async () => {
    const c = committee.page;
    await c.getByTestId('poster-open-topic').click();
    await c.getByTestId('page-agora-topic').waitFor();
    await c.getByTestId('topic-manage').click();
    await c.getByTestId('manage-close').click();
    await c
      .getByTestId('schedule-dialog')
      .getByTestId('field-reason')
      .locator('textarea')
      .fill('施工单位需尽早确定方案，已入户征求完毕');
    await c.getByTestId('schedule-dialog-confirm').click();
    await expectText(c.getByTestId('manage-stage'), '结果公示');
    await c.getByText('查看议题 ›').click();
    await c.getByTestId('result').waitFor();
    // 2 owners of the building took part, with their registered area; the rule decided "no decision".
    await expectText(c.getByTestId('result-heads'), `2 / ${heads}`);
    await expectText(c.getByTestId('result-area'), '㎡');
    await expectText(c.getByTestId('result-summary'), '参与 2 /');
    await expectText(c.getByTestId('result-outcome'), '参与不足');
    await expectText(c.getByTestId('result-checks'), '参与表决人数：2 /');
    await c.getByTestId('schedule-change').filter({ hasText: '提前结束投票' }).waitFor();
  });

  await snapshotOnFailure(wangA.page, 'agora-receipt', async () => {
    // After the close 王阿姨 checks her receipt: counted, and her phone verifies the proof against the published root.
    const p = wangA.page;
    await p.reload();
    await p.getByTestId('page-agora-topic').waitFor();
    await p.getByTestId('topic-check-receipt').click();
    await p.getByTestId('page-agora-receipt').waitFor();
    await p.getByTestId('receipt-check').click();
    await expectText(p.getByTestId('receipt-status'), '已计入');
    await expectText(p.getByTestId('receipt-proof'), '本机已验证');
    await expectText(p.getByTestId('receipt-kept-choice'), '同意');
    await expectText(p.getByTestId('receipt-result'), '本次为无记名投票');
  });
  for (const p of [committee, wangA, wangB, zhang]) await p.context.close();
});

async function expectText(locator: import('playwright-core').Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor();
}
