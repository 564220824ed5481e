jest.setTimeout(300_000);
import type { Browser, Page } from 'playwright-core';
import { API } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../devstack/seed/personas';
import { call } from '../functions/test/api/http';
import { JPEG } from '../functions/test/api/grievanceHelpers';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { freshToken, passTime, runGrievanceSweep } from './stackControl';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

const DESCRIPTION = '3栋1单元楼道灯坏了一个星期，晚上上下楼看不见台阶';

async function openFromQueue(page: Page, grievanceId: string) {
  await app.tab(page, '诉求');
  await page.getByTestId('grievances-queue').click();
  await page.getByTestId(`grievance-${grievanceId}`).click();
  await page.getByTestId('detail-head').waitFor();
}

async function status(page: Page) {
  return `${await page.getByTestId('detail-status').textContent()} · ${await page.getByTestId('detail-level').textContent()}`;
}

test('resident submits with a photo → grid worker accepts and commits → time passes → escalated to the committee → done → 转为议题 → 不满意 → reopened one level up', async () => {
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'grievance', async () => {
    // 王阿姨 raises a request from the 诉求 tab, with a photo of the corridor.
    await app.signInAs(page, '王阿姨');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '诉求');
    await page.getByTestId('grievance-new').click();
    // Sent with nothing chosen, from the button at the bottom: the form asks her to choose (not "格式不正确"),
    // and brings that first message into view at the top.
    await page.getByTestId('grievance-submit').click();
    const categoryError = page.getByTestId('category-error');
    await categoryError.waitFor();
    expect(await categoryError.textContent()).toMatch(/^请选择/);
    expect(await page.getByTestId('page-grievance-submit').textContent()).not.toContain('格式不正确');
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="category-error"]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await page.getByTestId('category-repair').click();
    await page.getByTestId('input-description').locator('textarea').fill(DESCRIPTION);
    // A 500-character box counts what is used.
    expect(await page.getByTestId('field-description-counter').textContent()).toBe(`${DESCRIPTION.length}/500`);
    // The whole grey box is the text box, in the app's font at 大字模式's size (王阿姨 reads in 大字模式): a tap
    // low in the box focuses it (it used to be a 20 px strip of 13 px monospace at the top of the box).
    const box = page.getByTestId('input-description');
    const typed = box.locator('textarea');
    const [outer, inner] = [await box.boundingBox(), await typed.boundingBox()];
    expect(inner!.height).toBeGreaterThan(80);
    expect(Math.abs(inner!.height - outer!.height)).toBeLessThanOrEqual(4); // the box's 2 px border aside
    const style = await typed.evaluate((t) => ({
      size: parseFloat(getComputedStyle(t).fontSize),
      font: getComputedStyle(t).fontFamily,
    }));
    expect(style.size).toBeGreaterThanOrEqual(18);
    expect(style.font).not.toMatch(/monospace/);
    await page.getByTestId('grievance-submit').focus();
    await box.click({ position: { x: outer!.width - 10, y: outer!.height - 10 } });
    expect(await typed.evaluate((t) => t === document.activeElement)).toBe(true);
    await page.getByTestId('photo-input').setInputFiles({ name: 'corridor.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await page.getByTestId('photo-done').waitFor();
    await page.getByTestId('grievance-submit').click();
    await page.getByTestId('page-grievance-detail').getByTestId('detail-head').waitFor();
    const grievanceId = new URL(page.url().replace('/#', '/')).searchParams.get('id') as string;
    expect(grievanceId).toMatch(/^gv/);
    expect(await status(page)).toBe('待受理 · 网格');
    expect(await page.getByTestId('page-grievance-detail').getAttribute('data-large-text')).toBe('on');
    // The moment of intent: right after submitting, the reporter is offered WeChat progress messages.
    expect(await page.getByTestId('detail-subscribe').textContent()).toContain('诉求办理进度通知');

    // 刘网格员 (第一网格 holds 3栋) finds it in 待办, sees the photo once WeChat passed it, accepts and promises.
    await app.signInAs(page, '刘网格员');
    await openFromQueue(page, grievanceId);
    await page.getByTestId('detail-photos').getByTestId('photo-visible').waitFor();
    await page.getByTestId('action-accept').click();
    await page.getByTestId('action-commit').waitFor();
    expect(await status(page)).toBe('已受理 · 网格');
    await page.getByTestId('action-commit').click();
    await page.getByTestId('input-commitment').locator('textarea').fill('联系物业电工更换楼道灯具');
    // No date picked yet: 请选择…, where "承诺完成时间的格式不正确" blamed a format nobody chose.
    await page.getByTestId('dialog-commit-confirm').click();
    const dueError = page.getByTestId('field-dueBy-error');
    await dueError.waitFor();
    expect(await dueError.textContent()).toBe('请选择承诺完成时间');
    await page.getByTestId('commit-due').getByRole('radio').first().click();
    await page.getByTestId('dialog-commit-confirm').click();
    await page.getByTestId('detail-commitment').waitFor();
    expect(await status(page)).toBe('办理中 · 网格');
    const promisedBy = (await page.getByTestId('detail-deadline').textContent()) ?? '';
    expect(promisedBy).toContain('前办结');

    // Time passes and the promise is missed: the schedule reminds (催办), then escalates to the committee (督办).
    const promised = await call(API.grievances.get, {
      token: await freshToken('liu'),
      params: { communityId: DEMO_COMMUNITY_ID, grievanceId },
    });
    await passTime(promised.body.dueAt as string, 0.5);
    await runGrievanceSweep();
    await runGrievanceSweep();

    // 孙主任 (居委会) now has it, and handles it to the end.
    await app.signInAs(page, '孙主任');
    await openFromQueue(page, grievanceId);
    expect(await status(page)).toBe('待受理 · 社区居委会');
    const timeline = page.getByTestId('timeline');
    await timeline.getByTestId('timeline-remind').waitFor();
    await timeline.getByTestId('timeline-escalate').waitFor();
    await page.getByTestId('action-accept').click();
    await page.getByTestId('action-commit').click();
    await page.getByTestId('input-commitment').locator('textarea').fill('居委会协调物业今天更换整栋楼道灯');
    await page.getByTestId('commit-due').getByRole('radio').first().click();
    await page.getByTestId('dialog-commit-confirm').click();
    await page.getByTestId('action-resolve').click();
    await page.getByTestId('input-resolution').locator('textarea').fill('已更换 1-6 层楼道灯，亮度正常');
    await page.getByTestId('dialog-resolve-confirm').click();
    await page.getByTestId('detail-resolution').waitFor();
    expect(await status(page)).toBe('待评价 · 社区居委会');

    // Several households have the same dark stairwells: 孙主任 turns the request into a 议事厅 topic (转为议题),
    // the form prefilled from it; the topic shows where it came from, and the request links to the topic.
    const topicTitle = `3栋楼道灯整体改造 ${Date.now().toString(36)}`;
    await page.getByTestId('grievance-to-topic').click();
    await page.getByTestId('wizard-source').waitFor();
    expect(await page.getByTestId('field-description').locator('textarea').inputValue()).toContain(DESCRIPTION);
    await page.getByTestId('field-title').locator('input').fill(topicTitle);
    await page.getByTestId('wizard-submit').click();
    await page.getByTestId('page-agora-topic').getByTestId('topic-source-link').waitFor();
    expect(await page.getByTestId('topic-title').textContent()).toBe(topicTitle);
    await page.getByTestId('topic-source-link').click();
    // The H5 build keeps the earlier detail page (before the link) hidden in the page stack.
    const linked = page.getByTestId('page-grievance-detail').filter({ has: page.getByTestId('detail-topic-link') });
    await linked.getByTestId('detail-topic-link').waitFor();
    expect(await linked.getByTestId('detail-topic-link').textContent()).toContain(`已转为议题：${topicTitle}`);
    await linked.getByTestId('timeline-linkTopic').waitFor();

    // 王阿姨 is not satisfied: the request reopens and goes up to the street office.
    await app.signInAs(page, '王阿姨');
    await app.tab(page, '诉求');
    await page.getByTestId(`grievance-${grievanceId}`).click();
    await page.getByTestId('rating-form').waitFor();
    await page.getByTestId('rating-unsatisfied').click();
    await page.getByTestId('input-rating-comment').locator('textarea').fill('只换了一楼，二楼以上还是黑的');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('timeline').getByTestId('timeline-reopen').waitFor();
    expect(await status(page)).toBe('待受理 · 街道');
    expect(await page.getByTestId('detail-head').textContent()).toContain('重办 1 次');
  });
  await context.close();
});
