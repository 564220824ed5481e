import type { Browser, Page } from 'playwright-core';
import { agoraRoutes, buildingIdOf, grievanceRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../devstack/seed/personas';
import { call } from '../functions/test/api/http';
import { newRequest, submit } from '../functions/test/api/grievanceHelpers';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { freshToken } from './stackControl';

/**
 * 举报与内容审核: three residents report a 网格员's 议事 comment from the topic page, which hides it from
 * neighbours at the default threshold (3); 孙主任 (居委会) finds it on 工作台 → 内容审核, removes it with a
 * reason, and reads the decision with the original text in 审核记录. A 诉求 WeChat's content check holds
 * waits in the same queue, and 孙主任 clears it there.
 */
const C = DEMO_COMMUNITY_ID;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

/** A topic in deliberation with 刘网格员's comment, made through the API; answers both ids. */
async function commentedTopic(text: string): Promise<{ topicId: string; commentId: string }> {
  const rid = `e2emod${Date.now().toString(36)}`;
  const topic = await call(agoraRoutes.createTopic, {
    token: await freshToken('sun'),
    params: { communityId: C },
    body: { title: `楼道堆物整治 ${rid}`, description: '征询居民意见：楼道里的杂物如何清理。', requestId: rid },
  });
  if (topic.status !== 201) throw new Error(`topic: ${topic.status} ${JSON.stringify(topic.body)}`);
  const comment = await call(agoraRoutes.addComment, {
    token: await freshToken('liu'),
    params: { communityId: C, topicId: topic.body.topicId },
    body: { body: text, kind: 'comment', requestId: `${rid}c` },
  });
  if (comment.status !== 201) throw new Error(`comment: ${comment.status} ${JSON.stringify(comment.body)}`);
  return { topicId: topic.body.topicId, commentId: comment.body.commentId };
}

async function openTopic(page: Page, topicId: string) {
  await app.open(page, `/packages/agora/pages/topic/index?communityId=${C}&topicId=${topicId}`);
  await page.getByTestId('page-agora-topic').waitFor();
  await page.getByTestId('comments').waitFor();
}

test('three residents report a comment, it is hidden from neighbours, and the committee removes it with a reason kept in the log', async () => {
  const text = `周末统一清理，有需要搬运的加我 ${Date.now().toString(36)}`;
  const { topicId, commentId } = await commentedTopic(text);
  const comment = (p: Page) => p.getByTestId('comment').filter({ hasText: text });

  for (const [name, reason] of [
    ['王阿姨', 'ad'],
    ['小李', 'incivility'],
    ['张楼长', 'ad'],
  ] as const) {
    const { page } = await phone(browser);
    await snapshotOnFailure(page, `moderation-report-${reason}`, async () => {
      await app.signInAs(page, name);
      await page.getByTestId('page-home').waitFor();
      await openTopic(page, topicId);
      await comment(page).waitFor();
      await page.getByTestId(`report-comment-${commentId}`).click();
      // The sheet asks for a reason first.
      await page.getByTestId(`report-comment-${commentId}-sheet-confirm`).click();
      await page.getByText('请选择举报理由').waitFor();
      await page.getByTestId(`report-reason-${reason}`).click();
      await page.getByTestId(`report-comment-${commentId}-sheet-confirm`).click();
      await comment(page).getByText('已举报').waitFor();
    });
  }

  // The third report hid it: 王阿姨 no longer sees it.
  const wang = await phone(browser);
  await snapshotOnFailure(wang.page, 'moderation-hidden', async () => {
    await app.signInAs(wang.page, '王阿姨');
    await wang.page.getByTestId('page-home').waitFor();
    await openTopic(wang.page, topicId);
    // The topic's only comment is hidden: she sees the empty list.
    await wang.page.getByTestId('comments-list-empty').waitFor();
    expect(await comment(wang.page).count()).toBe(0);
  });

  const sun = await phone(browser);
  await snapshotOnFailure(sun.page, 'moderation-committee', async () => {
    const p = sun.page;
    await app.signInAs(p, '孙主任');
    await app.tab(p, '我的');
    await p.getByTestId('me-workbench').click();
    await p.getByTestId('workbench-moderation').click();
    await p.getByTestId('page-moderation').waitFor();
    const item = p.getByTestId(`mod-item-topicComment-${topicId}-${commentId}`);
    await item.getByText('3 人举报').waitFor();
    await item.getByText('已隐藏待复核').waitFor();
    await item.getByTestId(`mod-topicComment-${topicId}-${commentId}-remove`).click();
    const dialog = p.getByTestId(`dialog-mod-topicComment-${topicId}-${commentId}`);
    await dialog.getByTestId('input-mod-reason').locator('textarea').fill('含个人联系方式和广告');
    await dialog.getByTestId(`dialog-mod-topicComment-${topicId}-${commentId}-confirm`).click();
    await item.waitFor({ state: 'detached' });
    await p.getByTestId('mod-view-log').click();
    const entry = p.getByTestId(`mod-log-topicComment-${topicId}-${commentId}`).first();
    await entry.getByText(text).waitFor();
    await entry.getByText('理由：含个人联系方式和广告', { exact: false }).waitFor();
  });
});

test('a 诉求 WeChat’s check holds waits in 内容审核, and the committee clears it for the neighbours', async () => {
  const description = `3栋楼道贴满小广告，写着加微信办证 ${Date.now().toString(36)}`;
  const request = await submit(
    await freshToken('wang'),
    newRequest({ description, location: { kind: 'building', buildingId: buildingIdOf(C, '3栋') } }),
  );
  const id = `grievanceContent-${request.grievanceId}-description`;
  const sun = await phone(browser);
  await snapshotOnFailure(sun.page, 'moderation-held-grievance', async () => {
    const p = sun.page;
    await app.signInAs(p, '孙主任');
    await app.tab(p, '我的');
    await p.getByTestId('me-workbench').click();
    await p.getByTestId('workbench-moderation').click();
    await p.getByTestId('page-moderation').waitFor();
    const item = p.getByTestId(`mod-item-${id}`);
    await item.getByText(description).waitFor();
    await item.getByText('待人工复核').waitFor();
    await item.getByTestId(`mod-${id}-restore`).click();
    await p.getByTestId(`dialog-mod-${id}-confirm`).click();
    await item.waitFor({ state: 'detached' });
    await p.getByTestId('mod-view-log').click();
    const entry = p.getByTestId(`mod-log-${id}`).first();
    await entry.getByText(description).waitFor();
    await entry.getByText('曾待人工复核').waitFor();
  });
  // Cleared: a neighbour reads the request's text.
  const seen = await call(grievanceRoutes.get, {
    token: await freshToken('li'),
    params: { communityId: C, grievanceId: request.grievanceId },
  });
  expect(seen.body).toMatchObject({ descriptionState: 'visible', description });
});
