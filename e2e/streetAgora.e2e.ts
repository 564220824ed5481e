import type { Browser } from 'playwright-core';
import { agoraRoutes, streetAgoraRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID, DEMO_STREET_ID, OTHER_COMMUNITY_ID } from '../devstack/seed/personas';
import { call, signIn } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { streetOffice } from './streetOffice';

/**
 * 街道议事 in the browser (issue 15 §2): 周科长 opens a street-wide poll for 幸福里 and 西园 from 街道管理; 王阿姨
 * of 幸福里 finds it in her 议事厅 marked 街道议事 · 东街街道 and votes; a resident of 西园 votes in 西园's poll
 * (西园's residents are not personas of the sign-in page: over the API); each community's committee closes its
 * own poll early (the publication path the 议事厅 clock runs; moving the shared clock would disturb the journeys
 * after this one); 周科长 sees the street's total and both communities' results, 王阿姨 the street's total on
 * her topic page. axe and the 适老化 audit run on every page visited.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

test('周科长 opens a street poll, a resident of each community votes, the result shows both', async () => {
  const title = `街道议事旅程${Date.now().toString(36)}`;
  const office = await phone(browser);
  let topicId = '';
  await snapshotOnFailure(office.page, 'street-agora-open', async () => {
    const page = office.page;
    await streetOffice.openStreet(page);
    await streetOffice.openAction(page, 'topics');
    await page.getByTestId('input-street-topic-title').locator('input').fill(title);
    await page
      .getByTestId('input-street-topic-description')
      .locator('textarea')
      .fill('全街道统一垃圾分类定时定点投放时间，请各户选择。');
    await page.getByTestId('input-street-topic-option-1').locator('input').fill('早 7 点至 9 点');
    await page.getByTestId('input-street-topic-option-2').locator('input').fill('晚 6 点至 8 点');
    await page.getByTestId('street-topic-days-3').click();
    await page.getByTestId('street-topic-open').click();
    const result = page.locator('[data-testid="page-street-topic"]:visible');
    await result.getByTestId('street-topic-pending').waitFor();
    await expect(result.getByTestId('street-topic-counted').textContent()).resolves.toContain('已公示 0 / 2');
    topicId = new URL(page.url().replace('/#/', '/')).searchParams.get('streetTopicId') ?? '';
    expect(topicId).not.toBe('');
  });

  const wang = await phone(browser);
  await snapshotOnFailure(wang.page, 'street-agora-wang', async () => {
    const page = wang.page;
    await app.signInAs(page, '王阿姨');
    await app.tab(page, '议事');
    const card = page.getByTestId(`topic-${topicId}`);
    await expect(card.getByTestId('topic-street').textContent()).resolves.toBe('街道议事 · 东街街道');
    await card.click();
    await page.getByTestId('page-agora-topic').waitFor();
    await page.getByTestId('ballot-option-o1').click();
    await page.getByTestId('ballot-submit').click();
    await page.getByTestId('receipt-code').waitFor();
  });

  // 西园居民1 votes in 西园's poll; then each committee closes its own community's poll.
  const xiyuan = await signIn({ openid: 'demo-openid-xiyuan_1' });
  const cast = await call(agoraRoutes.castBallot, {
    token: xiyuan,
    params: { communityId: OTHER_COMMUNITY_ID, topicId },
    body: { choices: ['o2'], requestId: `sag${Date.now().toString(36)}` },
  });
  expect(cast.status).toBe(201);
  for (const [who, communityId] of [
    ['sun', DEMO_COMMUNITY_ID],
    ['wu', OTHER_COMMUNITY_ID],
  ] as const) {
    const closed = await call(agoraRoutes.changeSchedule, {
      token: await signIn(who),
      params: { communityId, topicId },
      body: { action: 'closeNow', reason: '旅程：本社区提前结束' },
    });
    expect(closed.status).toBeLessThan(300);
  }
  const summed = await call(streetAgoraRoutes.getStreetTopic, {
    token: await signIn('zhou'),
    params: { streetId: DEMO_STREET_ID, streetTopicId: topicId },
  });
  expect(summed.body.total?.options.map((o) => o.heads)).toEqual([1, 1]);

  await snapshotOnFailure(office.page, 'street-agora-result', async () => {
    const page = office.page;
    await page.reload();
    const result = page.locator('[data-testid="page-street-topic"]:visible');
    await result.getByTestId('street-topic-total-chart').waitFor();
    await expect(result.getByTestId('street-topic-total').textContent()).resolves.toContain('投票');
    for (const name of ['幸福里社区', '西园社区']) {
      const community = result.getByTestId(`street-topic-community-${name}`);
      await community.getByTestId(`chart-${name}`).waitFor();
      await expect(community.textContent()).resolves.toMatch(/投票 1 \/ \d+ 户/);
    }
  });

  await snapshotOnFailure(wang.page, 'street-agora-wang-total', async () => {
    const page = wang.page;
    await page.reload();
    const total = page.getByTestId('street-total');
    await total.getByTestId('street-total-chart').waitFor();
    await expect(total.textContent()).resolves.toContain('2 个社区共投 2 票');
  });
});
