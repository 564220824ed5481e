import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

/**
 * Production onboarding in the browser, with no seed code: the operator runs the bootstrap command, a
 * new user redeems its code and becomes the administrator, creates a street and a community (a duplicate
 * is refused with the one that exists), invites its committee by a one-time code; a second new user
 * accepts the code and imports the community's roster from the 工作台.
 */

const ROOT = join(__dirname, '..');

async function bootstrapCode(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/admin.ts', 'bootstrap', '--stage', 'local', '--json'],
    { cwd: ROOT, env: { ...process.env, DYNAMODB_ENDPOINT: process.env.LINLI_TEST_DYNAMO } },
  );
  const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { outcome: string; code?: string };
  if (!result.code) throw new Error(`bootstrap: ${JSON.stringify(result)}`);
  return result.code;
}

async function signInAsNewUser(page: Page) {
  await app.open(page, '/pages/signin/index');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('persona-new').click();
  await app.acceptPrivacyIfAsked(page);
}

/** 我的 → 工作人员开通 → 接受邀请, the code and the name entered and sent. */
async function enterCode(page: Page, code: string, realName: string) {
  await app.tab(page, '我的');
  await page.getByTestId('me-street').click();
  await page.getByTestId('street-hub-accept').click();
  await page.getByTestId('input-accept-code').locator('input').fill(code);
  await page.getByTestId('input-accept-name').locator('input').fill(realName);
  await page.getByTestId('accept-submit').click();
}

async function accept(page: Page, code: string, realName: string) {
  await enterCode(page, code, realName);
  await page.getByTestId('accept-done').waitFor();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('the bootstrapped administrator opens a street and a community, whose invited committee imports its roster', async () => {
  const code = await bootstrapCode();
  const admin = await phone(browser);
  let invitation = '';
  await snapshotOnFailure(admin.page, 'street-onboarding-admin', async () => {
    const { page } = admin;
    await signInAsNewUser(page);
    await accept(page, code, '林管理');
    await expect(page.getByTestId('accept-done-text').textContent()).resolves.toContain('管理员');

    // 工作人员开通 → 新建街道: a bad region code first, then the right one.
    await app.open(page, '/packages/street/pages/hub/index');
    await page.getByTestId('street-new').waitFor();
    await page.getByTestId('input-street-name').locator('input').fill('南街街道');
    await page.getByTestId('input-street-district').locator('input').fill('福州市鼓楼区');
    await page.getByTestId('input-street-region').locator('input').fill('350100');
    await page.getByTestId('street-create').click();
    await page.getByTestId('street-new').getByText('请填写街道所在区县的代码').waitFor();
    await page.getByTestId('input-street-region').locator('input').fill('350102');
    await page.getByTestId('street-create').click();

    // 街道管理: the first community, then the same name again (409: it names the one that exists).
    await page.getByTestId('page-street').waitFor();
    await page.getByTestId('street-communities-empty').waitFor();
    const newCommunity = async (name: string) => {
      await page.getByTestId('input-community-name').locator('input').fill(name);
      await page.getByTestId('input-community-address').locator('input').fill('南街三坊 1 号');
      await page.getByTestId('community-create').click();
    };
    await newCommunity('三坊社区');
    await page.getByTestId('community-三坊社区').waitFor();
    await newCommunity('三坊社区');
    await expect(page.getByTestId('community-new-error').textContent()).resolves.toContain('已有三坊社区');

    // 邀请居委会: a one-time code, shown with its expiry and listed as 待使用.
    await page.getByTestId('community-invite-三坊社区').click();
    await page.getByTestId('page-staff-invite').waitFor();
    await page.getByTestId('staff-community').getByText('三坊社区').waitFor();
    await page.getByTestId('input-invitee').locator('input').fill('郑敏');
    await page.getByTestId('staff-invite-generate').click();
    invitation = ((await page.getByTestId('staff-invitation-code').textContent()) ?? '').trim();
    expect(invitation).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByTestId('staff-invitations').getByText('待使用').waitFor();
  });
  await admin.context.close();

  const member = await phone(browser);
  await snapshotOnFailure(member.page, 'street-onboarding-committee', async () => {
    const { page } = member;
    await signInAsNewUser(page);
    await accept(page, invitation, '郑敏');
    await expect(page.getByTestId('accept-done-text').textContent()).resolves.toContain('三坊社区的居委会成员');

    // The new committee builds its community through the roster import that exists.
    await page.getByTestId('accept-me').click();
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-import').click();
    const sheet = [
      '网格,楼栋,单元,房号,楼层,建筑面积(㎡),业主姓名,业主电话',
      '第一网格,1栋,1单元,101,1,90,郑业主,13700001111',
      '第一网格,1栋,1单元,102,1,88,,',
    ].join('\n');
    await page.getByTestId('file-input').setInputFiles({
      name: '三坊社区.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sheet, 'utf8'),
    });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();

    // A reused code says so.
    await app.open(page, '/pages/home/index');
    await enterCode(page, invitation, '郑敏');
    await page.getByTestId('accept-error').waitFor();
    await expect(page.getByTestId('accept-error').textContent()).resolves.toContain('已被使用');
  });
  await member.context.close();
});
