import type { Browser } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('大字模式 follows a large font setting on first launch, says so, is kept by the new account, and switches off in 我的', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'large-text', async () => {
    // A phone whose font is set large (the browser's default font size stands in for WeChat's font setting, 1.5×).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await app.open(page, '/pages/signin/index');
    const prompt = page.getByTestId('large-text-prompt');
    await prompt.waitFor();
    expect(await prompt.getAttribute('data-prompt')).toBe('system');
    expect(await prompt.textContent()).toContain('已按您的微信字体设置开启大字模式');
    expect(await page.getByTestId('page-signin').getAttribute('data-large-text')).toBe('on');

    // A new resident signs in: the account takes 大字模式 from this first launch.
    await page.getByTestId('persona-new').click();
    await page.getByTestId('privacy-accept').click();
    await page.getByTestId('page-home').waitFor();
    expect(await page.getByTestId('page-home').getAttribute('data-large-text')).toBe('on');
    await page.getByTestId('large-text-prompt-on').click();
    await expectGone(page.getByTestId('large-text-prompt'));

    // 我的 shows it on, and switches it off for every page at once.
    await app.tab(page, '我的');
    const toggle = page.getByTestId('large-text-switch');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await page.locator('[data-testid="page-me"][data-large-text="off"]').waitFor();
    await app.tab(page, '首页');
    await page.locator('[data-testid="page-home"][data-large-text="off"]').waitFor();

    // The next launch keeps the choice, whatever the font setting says.
    await page.reload();
    await page.locator('[data-testid="page-home"][data-large-text="off"]').waitFor();
    expect(await page.getByTestId('large-text-prompt').count()).toBe(0);
  });
  await context.close();
});

async function expectGone(locator: import('playwright-core').Locator) {
  await locator.waitFor({ state: 'detached' });
}
