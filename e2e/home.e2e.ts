import type { Browser, Locator, Page } from 'playwright-core';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { activityTomorrowWithWang, openPollFor3, resolvedRequestOfWang, waitingKindsOf } from './fixtures';
import { freshToken } from './stackControl';

jest.setTimeout(240_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  // The seed gives 王阿姨 each of these; journeys before this one may have settled them or moved the clock past.
  const kinds = await waitingKindsOf(await freshToken('wang'));
  if (!kinds.has('vote')) await openPollFor3(`楼顶防水维修 ${Date.now().toString(36).slice(-4)}`);
  if (!kinds.has('rating')) await resolvedRequestOfWang();
  if (!kinds.has('activity')) await activityTomorrowWithWang();
});
afterAll(close);

const feed = (page: Page) => page.locator('[data-testid="page-home"]:visible').getByTestId('home-waiting');

/** The first item of a kind on the home feed, once it shows (within the first items, without 查看全部). */
async function firstOf(page: Page, kind: 'vote' | 'rating' | 'activity'): Promise<Locator> {
  const item = feed(page).getByTestId(`waiting-${kind}`).first();
  await item.waitFor();
  return item;
}

/** Back to 首页 for the next item, as a resident would: 返回 (each tap counted starts there). */
async function backHome(page: Page) {
  await page.goBack();
  await feed(page).waitFor();
}

test('王阿姨 opens the app: a vote, a rating and tomorrow’s activity wait on her home page, each one tap from what settles it', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'home-feed', async () => {
    await app.signInAs(page, '王阿姨');
    await app.acceptPrivacyIfAsked(page);
    await feed(page).waitFor();
    expect(await page.getByTestId('page-home').first().getAttribute('data-large-text')).toBe('on');

    // What she sees first: the card says how many things wait, most urgent at the top.
    await page.getByTestId('home-waiting-count').waitFor();
    const vote = await firstOf(page, 'vote');
    expect(await vote.textContent()).toMatch(/截止/);
    const rating = await firstOf(page, 'rating');
    expect(await rating.textContent()).toContain('请评价');
    const activity = await firstOf(page, 'activity');
    expect(await activity.textContent()).toMatch(/(今天|明天) \d\d:\d\d 开始/);
    expect(await activity.textContent()).toMatch(/起可签到|现在可以签到/);

    // One tap each: 去投票 opens the ballot …
    let taps = 0;
    await vote.getByTestId('waiting-action-vote').click();
    taps++;
    await page
      .locator('[data-testid="page-agora-topic"]:visible')
      .locator('[data-testid^="ballot-option-"]')
      .first()
      .waitFor();
    expect(taps).toBe(1);
    await backHome(page);

    // … 去评价 opens the request at its rating form …
    taps = 0;
    await (await firstOf(page, 'rating')).getByTestId('waiting-action-rating').click();
    taps++;
    await page.locator('[data-testid="page-grievance-detail"]:visible').getByTestId('rating-form').waitFor();
    expect(taps).toBe(1);
    await backHome(page);

    // … and the activity opens its page, where she checks in when it starts.
    taps = 0;
    await (await firstOf(page, 'activity')).getByTestId('waiting-action-activity').click();
    taps++;
    await page.locator('[data-testid="page-activity"]:visible').getByTestId('activity-detail').waitFor();
    expect(taps).toBe(1);
    await backHome(page);

    // The same lists on the tabs: 议事 → 我还没投, 诉求 → 待评价.
    await app.tab(page, '议事');
    await page.getByTestId('agora-mine-unvoted').click();
    await page.getByTestId('page-agora').getByTestId('topic-can-vote').first().waitFor();
    expect(await page.getByTestId('page-agora').getByTestId('topic-voted').count()).toBe(0);
    await app.tab(page, '诉求');
    await page.getByTestId('grievances-tab-toRate').click();
    const rows = page.getByTestId('page-grievances').locator('[data-testid^="grievance-gv"]');
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) expect(text).toContain('待评价');
  });
  await context.close();
});

test('孙主任 opens the app: her work comes first (工作台 in numbers, each one tap away), binding her own home last', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'home-staff', async () => {
    await app.signInAs(page, '孙主任');
    await app.acceptPrivacyIfAsked(page);
    const home = page.locator('[data-testid="page-home"]:visible');
    await home.getByTestId('home-staff').waitFor();
    await home.getByTestId('home-household').waitFor();
    // In the page's order: 工作台, then 待我处理, then (after the tiles) 我的房屋 with 申请绑定房屋.
    const tops = await Promise.all(
      ['home-staff', 'home-waiting', 'home-household'].map(async (id) => (await home.getByTestId(id).boundingBox())!.y),
    );
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    // The numbers, once the feed that counts them has answered (… until then).
    await page.waitForFunction(() =>
      ['home-overdue-cases', 'home-running-polls', 'home-pending-bindings'].every((id) =>
        /^\d+/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
      ),
    );
    // One tap from the count to its list.
    await home.getByTestId('home-pending-bindings').click();
    await page.locator('[data-testid="page-bindings"]:visible').waitFor();
  });
  await context.close();
});
