import type { Browser, Page } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

/** After signing in: accepts the privacy guideline if this persona has not yet (it depends on which journeys ran before). */
async function pastPrivacy(page: Page) {
  await page.locator('[data-testid="page-privacy"], [data-testid="page-home"]').first().waitFor();
  if (await page.getByTestId('page-privacy').isVisible()) {
    await page.getByTestId('privacy-accept').click();
    await page.getByTestId('page-home').waitFor();
  }
}

/** The red number on the 我的 tab, or null when there is none. */
async function meBadge(page: Page): Promise<string | null> {
  const badge = page.locator('.taro-tabbar__tabbar .weui-tabbar__item').nth(4).locator('.taro-tabbar-badge');
  // One look, no waiting: counting and then reading could race a re-render (a tab switch) that removes it,
  // and textContent() would then wait for a badge that is gone.
  const [text] = await badge.allTextContents();
  return text ?? null;
}

test('the committee sends a notice to 3栋; a resident there sees the badge, opens it, and the badge clears', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'notifications-broadcast', async () => {
    const title = `3栋周六停水 ${Date.now().toString(36).slice(-4)}`;

    // 王阿姨 (3栋) starts with everything read: the seeded community has told her about other things.
    await app.signInAs(page, '王阿姨');
    await pastPrivacy(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-inbox').click();
    await page.locator('[data-testid^="inbox-item-"]').first().waitFor();
    await page.getByTestId('inbox-read-all').click();
    await page.getByTestId('inbox-unread').getByText('没有未读消息').waitFor();

    // 孙主任 (居委会): 工作台 → 社区通知 → 按楼栋 → 3栋, sees who it reaches, and sends it.
    await app.signInAs(page, '孙主任');
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-notices').click();
    await page.getByTestId('broadcast-reach-building').click();
    await page.locator('[data-testid^="broadcast-building-"]').filter({ hasText: '3栋' }).click();
    await page.getByTestId('broadcast-preview-ready').waitFor();
    const households = Number((await page.getByTestId('preview-households').textContent())?.replace(/\D/g, ''));
    expect(households).toBeGreaterThan(0);
    await page.getByTestId('input-title').locator('input').fill(title);
    await page.getByTestId('input-body').locator('textarea').fill('周六 9:00–12:00 检修水管，请提前储水。');
    await page.getByTestId('broadcast-send').click();
    await page.getByTestId('broadcast-confirm').getByText(`${households} 户`).waitFor();
    await page.getByTestId('broadcast-confirm-confirm').click();
    await page.getByTestId('broadcast-history').getByText(title).waitFor();

    // 王阿姨 lives in 3栋: the 我的 tab shows an unread badge once the dispatcher has delivered it.
    await app.signInAs(page, '王阿姨');
    await pastPrivacy(page);
    for (let i = 0; i < 30 && (await meBadge(page)) === null; i++) {
      await page.waitForTimeout(1000);
      await app.tab(page, i % 2 ? '首页' : '我的');
    }
    expect(await meBadge(page)).toBe('1');

    // 我的 → 消息通知 → the notice, unread; opening it shows it in full.
    await app.tab(page, '我的');
    await page.getByTestId('me-inbox').click();
    const entry = page.locator('[data-testid^="inbox-item-"]').filter({ hasText: title });
    await expect(entry.getAttribute('data-read')).resolves.toBe('no');
    await entry.click();
    await page.getByTestId('page-notice').getByText(title).waitFor();
    await expect(page.getByTestId('notice-body').textContent()).resolves.toContain('检修水管');

    // Back through 消息通知 (nothing unread now) to the 我的 tab: the badge is gone.
    await page.goBack();
    await page.getByTestId('inbox-unread').getByText('没有未读消息').waitFor();
    await page.goBack();
    await page.getByTestId('page-me').waitFor();
    for (let i = 0; i < 10 && (await meBadge(page)) !== null; i++) await page.waitForTimeout(300);
    expect(await meBadge(page)).toBeNull();
  });
  await context.close();
});

test('a binding approval shows up in the applicant’s inbox and links back to 我的', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'notifications-binding', async () => {
    // 林晓 asks to bind a unit in 6栋 (第二网格) and is offered a WeChat reminder for the result.
    await app.signInAs(page, '林晓');
    await pastPrivacy(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-bind').click();
    await page.getByTestId('community').getByText('幸福里社区').click();
    await page.getByTestId('building').getByText('6栋', { exact: true }).click();
    await page.getByTestId('unit-picker').getByText('102').first().click();
    await page.getByTestId('relation').getByText('租户').click();
    await page.getByTestId('field-realName').locator('input').fill('林晓');
    await page.getByTestId('bind-submit').click();
    await page.getByTestId('bind-submitted').waitFor();
    await expect(page.getByTestId('subscribe-prompt').textContent()).resolves.toContain('审核结果通知');
    // 接收提醒 → the (demo) WeChat sheet → 允许: one grant, counted by Linli and by the WeChat stand-in.
    await page.getByTestId('subscribe-prompt-ask').click();
    await page.locator('.taro__modal .taro-model__confirm').click();
    await page.getByTestId('subscribe-prompt-done').getByText('已开启', { exact: false }).waitFor();

    // Whatever the hour the journey runs: switch quiet hours off in 通知设置 so the push goes at once.
    await page.getByTestId('bind-back').click();
    await page.getByTestId('me-inbox').click();
    await page.getByTestId('inbox-settings').click();
    const quiet = page.getByTestId('quiet-enabled');
    if ((await quiet.getAttribute('aria-checked')) === 'true') await quiet.click();
    await page.getByTestId('settings-quiet').getByText('已关闭', { exact: false }).waitFor();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/notifications/settings') && r.request().method() === 'PUT' && r.ok(),
      ),
      page.getByTestId('settings-save').click(),
    ]);

    // 赵网格员 (第二网格) approves it.
    await app.signInAs(page, '赵网格员');
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-bindings').click();
    await page
      .locator('[data-testid^="binding-bd"]')
      .filter({ hasText: '6栋' })
      .filter({ hasText: '林晓' })
      .getByTestId('binding-approve')
      .click();
    await page.getByTestId('page-bindings').getByText('6栋').waitFor({ state: 'detached' });

    // The dispatcher delivers to the inbox, then pushes to WeChat: wait for the push at the stand-in.
    type Send = { touser: string; errcode: number; page?: string; data: Record<string, string> };
    const sentToLin = async () =>
      ((await (await fetch(`${process.env.LINLI_TEST_WECHAT}/dev/sent`)).json()) as Send[]).filter(
        (s) => s.touser === 'demo-openid-lin',
      );
    for (let i = 0; i < 60 && !(await sentToLin()).length; i++) await page.waitForTimeout(500);

    // 林晓 finds the approval under 我的 → 消息通知; it leads back to 我的, where the household is listed.
    await app.signInAs(page, '林晓');
    await pastPrivacy(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-inbox').click();
    const approval = page
      .locator('[data-testid^="inbox-item-"]')
      .filter({ hasText: '房屋绑定已通过' })
      .filter({ hasText: '6栋' });
    await approval.waitFor();
    // The WeChat stand-in received the subscribe message for 林晓, pointing at this inbox entry.
    const itemId = (await approval.getAttribute('data-testid'))!.replace('inbox-item-', '');
    expect((await sentToLin()).filter((s) => s.page?.endsWith(itemId))).toEqual([
      expect.objectContaining({ errcode: 0, data: expect.objectContaining({ phrase2: '已通过' }) }),
    ]);

    await approval.click();
    await page.getByTestId('page-me').waitFor();
    await page.getByTestId('me-households').getByText('6栋', { exact: false }).first().waitFor();
  });
  await context.close();
});
