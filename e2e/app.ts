import type { Page } from 'playwright-core';
import { appUrl } from './browser';

/** Steps every journey shares, written as a resident would do them. */
export const app = {
  async open(page: Page, hashPath = '/pages/home/index') {
    await page.goto(`${appUrl()}/#${hashPath}`);
  },

  /** Demo sign-in: the persona picker asks the WeChat stand-in for a code, then signs in with it. */
  async signInAs(page: Page, personaName: string) {
    await app.open(page, '/pages/signin/index');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('persona-picker').getByText(personaName).first().click();
  },

  async acceptPrivacyIfAsked(page: Page) {
    const accept = page.getByTestId('privacy-accept');
    // isVisible() answers at once (its timeout option is ignored): wait for the guideline to show, up to 3 s.
    const shown = await accept.waitFor({ state: 'visible', timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (shown) await accept.click();
  },

  async tab(page: Page, label: '首页' | '诉求' | '志愿' | '议事' | '我的') {
    await page.locator('.taro-tabbar__tabbar').getByText(label, { exact: true }).click();
  },
};

/** Saves a screenshot under test-results/ when a journey fails, to see what the resident saw. */
export async function snapshotOnFailure(page: Page, name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: true }).catch(() => undefined);
    throw error;
  }
}
