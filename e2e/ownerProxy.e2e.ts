import type { Browser, Page } from 'playwright-core';
import { API, buildingIdOf, DAY_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../devstack/seed/personas';
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

/** 孙主任 opens an owners' vote (民法典278, ordinary matters) over 3栋, where 王阿姨 owns 201. */
async function ownersPoll(stamp: string) {
  const { now } = await control();
  const topic = await call(API.agora.createTopic, {
    token: await signIn('sun'),
    params: { communityId: cid },
    body: {
      title: `3栋续聘物业${stamp}`,
      description: '3栋全体业主共同决定',
      requestId: `e2e-oproxy-${stamp}`,
      vote: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(cid, '3栋')] },
        basis: 'owners',
        preset: 'ownersOrdinary',
        ballot: { kind: 'approve' },
        opensAt: now,
        closesAt: new Date(Date.parse(now) + 2 * DAY_MS).toISOString(),
      },
    },
  });
  if (topic.status !== 201) throw new Error(`could not open the owners' vote: ${topic.status}`);
  return { topicId: topic.body.topicId, title: topic.body.title };
}

/** A real 1×1 PNG: the H5 build decodes what was picked, and drops a file that is not an image. */
const DOCUMENT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A page of the H5 build: earlier pages stay in the DOM, hidden, so the one showing is the visible one. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

async function as(page: Page, name: string) {
  await app.signInAs(page, name);
  await app.acceptPrivacyIfAsked(page);
  await shown(page, 'page-home').waitFor();
}

test('王阿姨 names 小李 as her proxy with the signed 授权委托书, 孙主任 confirms it, 小李 casts for her; her own vote then shows it was cast by her proxy', async () => {
  const stamp = Date.now().toString(36);
  const { topicId, title } = await ownersPoll(stamp);
  const topicPath = `/packages/agora/pages/topic/index?communityId=${cid}&topicId=${topicId}`;
  const { page } = await phone(browser);
  await snapshotOnFailure(page, 'ownerProxy', async () => {
    // 王阿姨 (大字模式): the topic → 书面委托 → the proxy's name and phone, a photo of the signed document.
    await as(page, '王阿姨');
    await app.open(page, topicPath);
    await shown(page, 'page-agora-topic').getByText(title).first().waitFor();
    await shown(page, 'page-agora-topic').getByTestId('topic-owner-proxy-name').click();
    const owner = shown(page, 'page-agora-owner-proxy');
    await owner.getByTestId('owner-proxy-form').waitFor();
    await owner.getByTestId('field-proxy-name').locator('input').fill('小李');
    await owner.getByTestId('field-proxy-phone').locator('input').fill('13912345678');
    const chooser = page.waitForEvent('filechooser');
    await owner.getByTestId('owner-proxy-photo').click();
    await (await chooser).setFiles({ name: 'weituoshu.png', mimeType: 'image/png', buffer: DOCUMENT_PNG });
    await owner.getByTestId('owner-proxy-photo').getByText('重拍').waitFor();
    await owner.getByTestId('owner-proxy-submit').click();
    await owner.getByTestId('owner-proxy-state').getByText('待居委会核验').waitFor();
    const codeText = await owner.getByTestId('owner-proxy-code').innerText();
    const code = /委托码：(\w{4}) (\w{4})/.exec(codeText)!.slice(1).join('');
    await page.screenshot({ path: 'test-results/ownerProxy-named.png', fullPage: true });

    // 小李 opens the link 王阿姨 sent him (the 委托码 in it) and accepts.
    await as(page, '小李');
    await app.open(page, `/packages/agora/pages/proxy-votes/index?communityId=${cid}&code=${code}`);
    const proxy = shown(page, 'page-agora-proxy-votes');
    await proxy.getByTestId('proxy-claim-submit').click();
    await proxy.getByTestId('proxy-vote').getByText('待居委会核验').waitFor();

    // 孙主任: the topic → 书面委托核验 → the document, 委托书有效.
    await as(page, '孙主任');
    await app.open(page, topicPath);
    await shown(page, 'page-agora-topic').getByTestId('topic-proxies').click();
    const list = shown(page, 'page-agora-proxies');
    await list.getByTestId('proxies-item').getByText('王阿姨 委托 小李', { exact: false }).waitFor();
    await list.getByTestId('proxies-confirm').click();
    await list.getByTestId('proxies-state').getByText('委托有效').waitFor();
    await page.screenshot({ path: 'test-results/ownerProxy-confirmed.png', fullPage: true });

    // 小李 casts for her and sees his choice once, with the receipt.
    await as(page, '小李');
    await app.open(page, `/packages/agora/pages/proxy-votes/index?communityId=${cid}`);
    const votes = shown(page, 'page-agora-proxy-votes');
    await votes.getByTestId('ballot-option-agree').click();
    await votes.getByTestId('ballot-submit').click();
    await votes.getByTestId('proxy-cast-done').getByText('同意', { exact: false }).waitFor();

    // 王阿姨 comes to vote herself: her seat says the proxy cast it (书面委托); the committee's list says used.
    await as(page, '王阿姨');
    await app.open(page, topicPath);
    const seat = shown(page, 'page-agora-topic').getByTestId('seat-status');
    await seat.getByText('受托人小李', { exact: false }).waitFor();
    await seat.getByText('书面委托', { exact: false }).waitFor();
    expect(await shown(page, 'page-agora-topic').getByTestId('ballot-submit').count()).toBe(0);
    await shown(page, 'page-agora-topic').getByTestId('topic-owner-proxy-name').click();
    await page
      .getByTestId('page-agora-owner-proxy')
      .getByTestId('owner-proxy-voted')
      .getByText('受托人代为投票', { exact: false })
      .waitFor();
    expect(await shown(page, 'page-agora-owner-proxy').getByTestId('owner-proxy-revoke').count()).toBe(0);
  });
});
