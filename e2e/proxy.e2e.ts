import type { Browser, Page } from 'playwright-core';
import { API, buildingIdOf, DAY_MS, HOUR_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../devstack/seed/personas';
import { PROXY_RESIDENT } from '../devstack/seed/proxy';
import { call, signIn } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

const control = () =>
  fetch(`${process.env.LINLI_TEST_CONTROL}/clock`).then((r) => r.json() as Promise<{ now: string }>);

/** 孙主任 opens a household poll for 3栋 and an activity in three days (stack time), for 张楼长 to act on. */
async function prepare(stamp: string) {
  const { now } = await control();
  const at = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
  const token = await signIn('sun');
  const activity = await call(API.volunteer.createActivity, {
    token,
    params: { communityId: cid },
    body: {
      title: `代办旅程${stamp}`,
      description: '陪老人聊聊天',
      category: 'elderly',
      place: '社区服务中心',
      startAt: at(3 * DAY_MS),
      endAt: at(3 * DAY_MS + 2 * HOUR_MS),
      signUpDeadline: at(3 * DAY_MS - 2 * HOUR_MS),
      capacity: 10,
      cancelCutoffHours: 2,
      pointsRule: { kind: 'fixed', amount: 10 },
    },
  });
  const topic = await call(API.agoraPolls.createTopic, {
    token,
    params: { communityId: cid },
    body: {
      title: `3栋加装扶手${stamp}`,
      description: '3栋全体住户，一户一票',
      requestId: `e2e-proxy-${stamp}`,
      vote: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(cid, '3栋')] },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve' },
        opensAt: at(0),
        closesAt: at(2 * DAY_MS),
      },
    },
  });
  if (activity.status !== 201 || topic.status !== 201) throw new Error('could not prepare the journey');
  return { activityId: activity.body.activityId, topicId: topic.body.topicId, title: topic.body.title };
}

/**
 * A real 1×1 PNG: in the H5 build Taro's chooseImage decodes what was picked (for a thumbnail) and silently drops a
 * file that is not an image, so the bytes must decode, unlike the API tier's header-only JPEG.
 */
const BALLOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const backToActing = (page: Page) => app.open(page, '/packages/proxy/pages/acting/index');

test('张楼长 acts for 高奶奶 (no smartphone): raises, rates, signs up, redeems, records her paper ballot; the committee reads what was done in her name', async () => {
  const stamp = Date.now().toString(36);
  const { activityId, topicId, title } = await prepare(stamp);
  const { page, context } = await phone(browser);
  await snapshotOnFailure(page, 'proxy', async () => {
    // 我的 → 亲情代办: 高秀英 of 3栋, with a reason; the banner counts down from 30 minutes.
    await app.signInAs(page, '张楼长');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-proxy').click();
    await page.getByTestId('proxy-go-start').click();
    await page.getByTestId(`proxy-resident-${PROXY_RESIDENT.userId}`).click();
    await page.getByTestId('proxy-reason').locator('input').fill('高奶奶没有智能手机，上门代办');
    await page.getByTestId('proxy-start').click();
    await page.getByTestId('page-proxy-acting').waitFor();
    const banner = page.locator('[data-testid="acting-banner"]:visible').first();
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/正在为高秀英代办 · 剩余 (29|30):\d\d/);

    // 代提诉求: her building, her words; the timeline says who did it for her.
    await page.getByTestId('proxy-raise').click();
    await page.getByTestId('page-grievance-submit').waitFor();
    await page.getByTestId('category-repair').click();
    await page.getByTestId(`location-building-${buildingIdOf(cid, '3栋')}`).click();
    await page.getByTestId('input-description').locator('textarea').fill('3栋门口台阶破损，高奶奶出门不方便');
    await page.getByTestId('grievance-submit').click();
    const mark = page.locator('[data-testid="timeline-proxy"]:visible').first();
    await mark.waitFor();
    expect(await mark.textContent()).toContain('张建国代办');

    // 代为评价: her finished 诉求 (the handrail) from the 代办 page.
    await backToActing(page);
    // (AsyncView's testId only prefixes its loading/empty/error states: the rows are found by their own ids.)
    const handrail = page.locator('[data-testid^="grievance-gv"]:visible').filter({ hasText: '扶手' });
    await handrail.first().click();
    await page.getByTestId('rating-form').waitFor();
    await page.getByTestId('rating-satisfied').click();
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('timeline').getByTestId('timeline-rate').waitFor();

    // 代报名: the activity, signed up in her name.
    await app.open(page, `/packages/volunteer/pages/activity/index?id=${activityId}`);
    await page.getByTestId('activity-signup').click();
    await page.getByTestId('activity-status').getByText('已报名').waitFor();

    // 代兑换: 洗衣液 with her points.
    await app.open(page, '/packages/volunteer/pages/mall/index');
    const soap = page.locator('[data-testid^="item-"]').filter({ hasText: '洗衣液' });
    await soap.getByTestId('item-redeem').first().click();
    await page.getByTestId('redeem-dialog-confirm').click();
    await page.getByTestId('page-orders').waitFor();

    // 代录纸质票: her household's signed paper, with its photo (the online ballot is not offered for her).
    await app.open(page, `/packages/agora/pages/topic/index?communityId=${cid}&topicId=${topicId}`);
    const topicPage = page.getByTestId('page-agora-topic');
    await topicPage.getByText(title).first().waitFor();
    // Her seat offers no online ballot while acting: only she may vote online; the paper is recorded instead.
    await topicPage.getByTestId('seat-acting').first().waitFor();
    expect(await topicPage.getByTestId('ballot-submit').count()).toBe(0);
    await topicPage.getByTestId('seat-paper').first().click();
    await page.getByTestId('page-agora-paper').waitFor();
    const her = (
      await call(API.proxy.candidates, { token: await signIn('zhang'), params: { communityId: cid } })
    ).body.items.find((c) => c.userId === PROXY_RESIDENT.userId)!;
    await page
      .getByTestId('paper-unit')
      .getByText(her.unitLabel.replace(/^.*?栋/, ''), { exact: true })
      .click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('paper-photo').click();
    await (await chooser).setFiles({ name: 'ballot.png', mimeType: 'image/png', buffer: BALLOT_PNG });
    await page.getByTestId('paper-photo').getByText('重拍').waitFor();
    // (the topic page stays in the H5 page stack: the paper page's form is the one to use)
    const paper = page.getByTestId('page-agora-paper');
    await paper.getByTestId('ballot-option-agree').click();
    await paper.getByTestId('ballot-submit').click();
    await paper.getByTestId('paper-done').waitFor();

    // 结束代办 from the banner.
    await page.locator('[data-testid="acting-banner-end"]:visible').first().click();
    await page.getByTestId('page-me').waitFor();
    expect(await page.locator('[data-testid="acting-banner"]:visible').count()).toBe(0);

    // 孙主任 (居委会) → 工作台 → 代办记录: every action, by whom, for whom, why. 高奶奶 cannot sign in (no
    // WeChat), so her notices are read here and in the API tier.
    await app.signInAs(page, '孙主任');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-proxy').click();
    const records = page.getByTestId('page-proxy-records');
    for (const label of [
      '代提诉求',
      '代为评价诉求',
      '代报名志愿活动',
      '代兑换积分',
      '代录纸质票',
      '开始代办',
      '结束代办',
    ])
      await records.getByTestId('proxy-record').filter({ hasText: label }).first().waitFor();
    expect(await records.getByTestId('proxy-record').first().textContent()).toContain('高秀英');
  });
  await context.close();
});
