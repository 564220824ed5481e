import type { Browser, Page } from 'playwright-core';
import { API, MINUTE_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as cid } from '../devstack/seed/personas';
import { call, signIn } from '../functions/test/api/http';
import { app, snapshotOnFailure } from './app';
import { close, launch, phone } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(close);

const control = (path: string, body?: unknown) =>
  fetch(`${process.env.LINLI_TEST_CONTROL}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  }).then((r) => r.json() as Promise<{ now: string }>);

/** 孙主任 publishes an activity starting in half an hour (stack time), so check-in is already open. */
async function publishActivity(title: string) {
  const { now } = await control('/clock');
  const at = (minutes: number) => new Date(Date.parse(now) + minutes * MINUTE_MS).toISOString();
  const res = await call(API.volunteer.createActivity, {
    token: await signIn('sun'),
    params: { communityId: cid },
    body: {
      title,
      description: '浏览器旅程：签到签退、确认时长、兑换核销',
      category: 'service',
      place: '社区服务中心',
      startAt: at(30),
      endAt: at(150),
      signUpDeadline: at(20),
      capacity: 5,
      cancelCutoffHours: 0,
      pointsRule: { kind: 'perHour', rate: 10 },
    },
  });
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.activityId;
}

const number = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));

test('a volunteer signs up, checks in and out with the organiser’s code, is credited, redeems, and the provider fulfils by code', async () => {
  const title = `旅程活动${Date.now().toString(36)}`;
  const activityId = await publishActivity(title);
  const volunteer = await phone(browser);
  const organiser = await phone(browser);
  const li = volunteer.page;
  const sun = organiser.page;

  await snapshotOnFailure(li, 'timebank-volunteer', async () => {
    // 小李 finds the activity on the 志愿 tab, notes their balance, and signs up.
    await app.signInAs(li, '小李');
    await app.tab(li, '志愿');
    const before = await (async () => {
      await li.getByTestId('volunteer-balance').waitFor();
      return number(li, 'volunteer-balance');
    })();
    await li.getByTestId(`activity-${activityId}`).click();
    await li.getByTestId('activity-signup').click();
    await li.getByTestId('activity-status').getByText('已报名').waitFor();
    expect(await li.getByTestId('activity-subscribe').textContent()).toContain('活动开始提醒');

    // 孙主任 opens the rotating check-in code on their phone.
    await snapshotOnFailure(sun, 'timebank-organiser', async () => {
      await app.signInAs(sun, '孙主任');
      await sun.getByTestId('page-home').waitFor();
      await app.open(sun, `/packages/volunteer/pages/activity/index?id=${activityId}`);
      await sun.getByTestId('activity-qr').click();
      await sun.getByTestId('attendance-qr').waitFor();
    });
    const firstCode = (await sun.getByTestId('attendance-short-code').textContent())!.trim();

    // No camera in the browser: 小李 types the six digits.
    await li.getByTestId('input-attendanceCode').locator('input').fill(firstCode);
    await li.getByTestId('attendance-submit').click();
    await li.getByTestId('activity-my-state').getByText('已签到').waitFor();

    // Two hours of service later (the stack's clock moves), the organiser's code has changed: check out.
    await control('/clock', { advanceHours: 2 });
    await sun.getByTestId('attendance-short-code').filter({ hasNotText: firstCode }).waitFor({ timeout: 30_000 });
    const secondCode = (await sun.getByTestId('attendance-short-code').textContent())!.trim();
    await li.reload();
    await li.getByTestId('input-attendanceCode').locator('input').fill(secondCode);
    await li.getByTestId('attendance-submit').click();
    await li.getByTestId('activity-my-state').getByText('待确认时长').waitFor();

    // 孙主任 confirms the 2 hours: 20 points, in the same transaction.
    await snapshotOnFailure(sun, 'timebank-organiser', async () => {
      await sun.getByTestId('attendance-roster').click();
      const row = sun.getByTestId('roster-demo_li');
      await row.getByTestId('review-approve').click();
      await row.getByText('20 积分').waitFor();
    });

    // 小李's balance rises by 20, and the statement says why.
    await app.open(li, '/packages/volunteer/pages/wallet/index');
    await li
      .getByTestId('wallet-balance')
      .getByText(String(before + 20))
      .waitFor();
    await li.getByTestId('wallet-statement').getByText(title, { exact: false }).first().waitFor();

    // 小李 redeems a haircut (20 points, provided by 张楼长) and gets a pickup code.
    await app.open(li, '/packages/volunteer/pages/mall/index');
    const haircut = li.locator('[data-testid^="item-"]').filter({ hasText: '理发' });
    await haircut.getByTestId('item-redeem').click();
    await li.getByTestId('redeem-dialog-confirm').click();
    await li.getByTestId('page-orders').waitFor();
    const order = li
      .locator('[data-testid^="order-"]')
      .filter({ hasText: '理发' })
      .filter({ hasText: '待领取' })
      .first();
    const pickupCode = ((await order.getByTestId('order-code').textContent()) ?? '').replace(/[^A-Z2-9]/g, '');
    expect(pickupCode).toHaveLength(8);

    // 张楼长 types the code at the barber's chair and fulfils the order.
    const provider = await phone(browser);
    await snapshotOnFailure(provider.page, 'timebank-provider', async () => {
      const zhang = provider.page;
      await app.signInAs(zhang, '张楼长');
      await app.tab(zhang, '志愿');
      await zhang.getByTestId('volunteer-pickup').click();
      await zhang.getByTestId('input-pickupCode').locator('input').fill(pickupCode);
      await zhang.getByTestId('pickup-find').click();
      await zhang.getByTestId('pickup-order').getByText('小李').waitFor();
      await zhang.getByTestId('pickup-fulfil').click();
      await zhang.getByTestId('pickup-status').getByText('已完成').waitFor();
    });
    await provider.context.close();

    // 小李 sees the order completed.
    await li.reload();
    await li.getByTestId(`order-${pickupCode}`).getByTestId('order-status').getByText('已完成').waitFor();
  });
  await volunteer.context.close();
  await organiser.context.close();
});
