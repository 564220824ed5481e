import type { Page } from 'playwright-core';
import { DEMO_STREET_ID } from '../devstack/seed/personas';
import { app } from './app';

/** Steps of 周科长 (东街街道's office) that the street journeys share. */
export const streetOffice = {
  /** Signs in as 周科长 and opens 东街街道's page (街道管理). */
  async openStreet(page: Page) {
    await app.signInAs(page, '周科长');
    await page.getByTestId('page-home').waitFor();
    await app.open(page, `/packages/street/pages/street/index?streetId=${DEMO_STREET_ID}`);
  },

  /** Signs in as 周科长 and reaches 东街街道 the way he does: 我的 → 工作人员开通 → 东街街道. */
  async throughMe(page: Page) {
    await app.signInAs(page, '周科长');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    await page.locator('[data-testid="page-me"]:visible').waitFor();
    await page.getByTestId('me-street').click();
    await page.getByTestId('street-dongjie').click();
  },

  /** From the street's page to one of its street-wide actions: 街道通知 (`notices`) or 街道议事 (`topics`). */
  async openAction(page: Page, action: 'notices' | 'topics') {
    await page.getByTestId(`street-${action}`).click();
    await page.getByTestId(`page-street-${action}`).waitFor();
  },

  /** Runs 街道对账 on the street's page (already signed in as 周科长) and waits for it to pass. */
  async auditPasses(page: Page) {
    await app.open(page, `/packages/street/pages/street/index?streetId=${DEMO_STREET_ID}`);
    await page.getByTestId('street-audit-run').click();
    await page
      .getByTestId('street-audit-result')
      .getByText(/对账通过/)
      .waitFor();
  },
};
