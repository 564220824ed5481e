import type { Browser } from 'playwright-core';
import { API, buildingIdOf, DAY_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../devstack/seed/personas';
import { call, signIn } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';
import { extractCsv } from './ownersExtract';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

const control = () =>
  fetch(`${process.env.LINLI_TEST_CONTROL}/clock`).then((r) => r.json() as Promise<{ now: string }>);

/** 孙主任 schedules an owners' vote for 3栋 that opens tomorrow: its roster is frozen and in 公示. */
async function scheduledOwnersPoll(stamp: string) {
  const { now } = await control();
  const at = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
  const topic = await call(API.agoraPolls.createTopic, {
    token: await signIn('sun'),
    params: { communityId: cid },
    body: {
      title: `3栋外墙维修${stamp}`,
      description: '使用维修资金维修3栋外墙，业主共同决定',
      requestId: `e2e-owners-roster-${stamp}`,
      vote: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(cid, '3栋')] },
        basis: 'owners',
        preset: 'ownersMajor',
        ballot: { kind: 'approve' },
        opensAt: at(DAY_MS),
        closesAt: at(3 * DAY_MS),
      },
    },
  });
  if (topic.status !== 201) throw new Error(`could not schedule the poll: ${JSON.stringify(topic.body)}`);
  return topic.body.topicId;
}

test('孙主任 imports the 不动产登记 extract (preview, then apply); 王阿姨 checks her census entry before voting opens and asks for a correction', async () => {
  const stamp = Date.now().toString(36);
  const topicId = await scheduledOwnersPoll(stamp);

  const committee = await phone(browser);
  await snapshotOnFailure(committee.page, 'owners-roster-import', async () => {
    const { page } = committee;
    await app.signInAs(page, '孙主任');
    await app.acceptPrivacyIfAsked(page);
    await app.tab(page, '我的');
    await page.getByTestId('me-workbench').click();
    await page.getByTestId('workbench-ownerRegistry').click();
    await page.getByTestId('page-owner-registry-import').waitFor();
    await page.getByTestId('file-input').setInputFiles({
      name: '幸福里不动产登记摘录.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(extractCsv(), 'utf8'),
    });
    await page.getByTestId('registry-check').click();
    await page.getByTestId('registry-preview').waitFor();

    // Who counts: one head per owner (the two-unit owner of 2栋 once, the co-owners of 5栋1单元101 once), the
    // developer's four unsold units as one; the scheduled 3栋 vote keeps its frozen numbers.
    const heads = Number(await page.getByTestId('registry-heads').locator('.stat-tiles__value').textContent());
    expect(heads).toBeGreaterThanOrEqual(116);
    await expect(page.getByTestId('registry-developer').textContent()).resolves.toContain('4');
    await expect(page.getByTestId('registry-rule').textContent()).resolves.toContain('共有人合计为一名业主');
    expect(await page.getByTestId('registry-building').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('registry-problems').count()).toBe(0);
    await page.getByTestId('registry-polls').getByText(`3栋外墙维修${stamp}`).waitFor();
    await page
      .getByTestId('registry-owners')
      .getByText(/、林共有$/)
      .waitFor();

    await page.getByTestId('registry-apply').click();
    await page.getByTestId('registry-applied').waitFor();
    await expect(page.getByTestId('registry-changes').textContent()).resolves.toContain('房屋 0 套');
  });
  await committee.context.close();

  const owner = await phone(browser);
  await snapshotOnFailure(owner.page, 'owners-roster-census', async () => {
    const { page } = owner;
    await app.signInAs(page, '王阿姨');
    await app.acceptPrivacyIfAsked(page);
    await app.open(page, `/packages/agora/pages/topic/index?communityId=${cid}&topicId=${topicId}`);
    await page.getByTestId('topic-census').click();
    await page.getByTestId('page-owner-census').waitFor();
    await page.getByTestId('census-poll').getByText('公示中，尚未开始投票').waitFor();
    await expect(page.getByTestId('census-in-poll').textContent()).resolves.toBe('在名册中');
    await page.getByTestId('census-owner').first().getByText(/3栋/).first().waitFor();

    await page.getByTestId('census-correction-text').locator('textarea').fill('我家阳台面积没有算进去，请核对登记资料');
    await page.getByTestId('census-correction-send').click();
    await page.getByTestId('census-sent').waitFor();
  });
  await owner.context.close();

  // The committee sees it as a 诉求 like any other, naming the poll.
  const queue = await call(API.grievances.listQueue, {
    token: await signIn('sun'),
    params: { communityId: cid },
    query: { level: 'committee', limit: 50 },
  });
  expect(queue.body.items.some((g) => g.excerpt.includes(`业主名册更正】议题《3栋外墙维修${stamp}`))).toBe(true);
});
