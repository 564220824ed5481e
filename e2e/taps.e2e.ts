import type { Browser, Locator, Page } from 'playwright-core';
import { API } from '@linli/shared';
import { JPEG } from '../functions/test/api/grievanceHelpers';
import { call, eventually } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { openPollFor3 } from './fixtures';
import { freshToken } from './stackControl';

jest.setTimeout(240_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

/**
 * A scripted user: counts the taps, the screens shown, and how long the app kept them waiting after each
 * tap (the next thing to act on showing), which is the app's own time rather than the user's.
 */
function scriptedUser(page: Page) {
  const log = { taps: 0, screens: [] as string[], waitedMs: 0, startedAt: Date.now() };
  return {
    log,
    /** Taps `target`, then waits for `next` (and names the screen when the tap changed it). */
    async tap(target: Locator, next: Locator, screen?: string) {
      log.taps++;
      await target.click();
      const t0 = Date.now();
      await next.waitFor();
      log.waitedMs += Date.now() - t0;
      if (screen) log.screens.push(screen);
    },
    /** Types into a field: one tap to focus it; the typing itself is the user's time, not counted. */
    async type(field: Locator, text: string) {
      log.taps++;
      await field.fill(text);
    },
    elapsedMs: () => Date.now() - log.startedAt,
    page,
  };
}

const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

test('a notice about a poll → a cast vote in at most 3 taps (张楼长, from his inbox)', async () => {
  const title = `3栋楼道加装扶手 ${Date.now().toString(36).slice(-4)}`;
  const topicId = await openPollFor3(title, 24);
  const zhang = await freshToken('zhang');
  // The dispatcher delivers 请参与表决 to everyone in 3栋.
  await eventually(
    async () => {
      const inbox = await call(API.notifications.listInbox, { token: zhang, query: { limit: 50 } });
      return inbox.body.items.find((i) => i.link.includes(topicId));
    },
    'the poll notice in 张楼长’s inbox',
    90_000,
  );

  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'taps-notice-vote', async () => {
    await app.signInAs(page, '张楼长');
    await app.acceptPrivacyIfAsked(page);
    await app.open(page, '/packages/notices/pages/inbox/index');
    const notice = page.locator('[data-testid^="inbox-item-"]').filter({ hasText: title }).first();
    await notice.waitFor();

    const user = scriptedUser(page);
    const topic = visible(page, 'page-agora-topic');
    await user.tap(notice, topic.getByTestId('ballot-option-agree'), '议题');
    await user.tap(topic.getByTestId('ballot-option-agree'), topic.getByTestId('ballot-submit'));
    await user.tap(topic.getByTestId('ballot-submit'), topic.getByTestId('receipt-code'), '投票凭证');
    expect(user.log.taps).toBeLessThanOrEqual(3);
    console.info(
      `notice → vote: ${user.log.taps} taps, screens ${['消息', ...user.log.screens].join(' → ')}, ` +
        `app waits ${user.log.waitedMs} ms, ${user.elapsedMs()} ms in all`,
    );
  });
  await context.close();
});

test('home → a submitted 诉求 with one photo, in 大字模式, in under 60 s of a scripted user (王阿姨)', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'taps-home-grievance', async () => {
    await app.signInAs(page, '王阿姨');
    await app.acceptPrivacyIfAsked(page);
    const home = visible(page, 'page-home');
    await home.getByTestId('home-waiting').waitFor();
    expect(await home.getAttribute('data-large-text')).toBe('on');

    const user = scriptedUser(page);
    const list = visible(page, 'page-grievances');
    const form = visible(page, 'page-grievance-submit');
    await user.tap(home.getByTestId('home-entry-grievances'), list.getByTestId('grievance-new'), '诉求');
    await user.tap(list.getByTestId('grievance-new'), form.getByTestId('category-repair'), '反映问题');
    expect(await form.getAttribute('data-large-text')).toBe('on');
    await user.tap(
      form.getByTestId('category-repair'),
      form.locator('[data-testid="category-repair"][aria-checked="true"]'),
    );
    await user.type(
      form.getByTestId('input-description').locator('textarea'),
      '3栋1单元门口的路灯不亮了，晚上看不清台阶',
    );
    // 添加照片: one tap here; WeChat's own album picker is not the app's.
    user.log.taps++;
    await form.getByTestId('photo-input').setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    const t0 = Date.now();
    await form.getByTestId('photo-done').waitFor();
    user.log.waitedMs += Date.now() - t0;
    await user.tap(
      form.getByTestId('grievance-submit'),
      visible(page, 'page-grievance-detail').getByTestId('detail-head'),
      '诉求详情',
    );

    const elapsed = user.elapsedMs();
    console.info(
      `home → submitted 诉求 (大字模式): ${user.log.taps} taps, screens ${['首页', ...user.log.screens].join(' → ')}, ` +
        `app waits ${user.log.waitedMs} ms, ${elapsed} ms in all`,
    );
    expect(elapsed).toBeLessThan(60_000);
    expect(user.log.screens).toHaveLength(3);
  });
  await context.close();
});
