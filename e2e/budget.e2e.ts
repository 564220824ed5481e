import { budgetRoutes, DAY_MS, HOUR_MS } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../devstack/seed/personas';
import {
  advanceBudgetRound,
  budgetRid as rid,
  openBudgetRound,
  proposeBudgetProject,
  screenBudgetProject,
  uploadBudgetPhoto,
} from '../functions/test/api/budgetHelpers';
import { call, raw } from '../functions/test/api/http';
import { expectStaffEntry } from '../functions/test/api/staffLogHelpers';
import { advanceClock, freshToken, runAgoraClock, stackNow } from './stackControl';

/**
 * 民生微实事 from 点单 to 验收 over HTTP, with two residents (王阿姨, 小李) and the committee (孙主任):
 * the part the API tier cannot run, because 公示 lasts seven days and only this tier may move the
 * clock. The scheduled 议事厅 clock (which also moves budget rounds) is invoked on demand. The residents'
 * pages are driven in the browser by budgetRound.e2e.ts; this journey keeps the committee's side and the
 * staff log over HTTP.
 */
it('runs a round from 点单 to 验收: 公示 for seven days, 实施 with progress and money spent, ratings, the 台账', async () => {
  let [sun, wang, li] = [await freshToken('sun'), await freshToken('wang'), await freshToken('li')];
  const roundId = await openBudgetRound(sun, `旅程民生微实事${rid()}`, 50_000, await stackNow());
  const params = { communityId, roundId };
  const ramp = await proposeBudgetProject(wang, roundId, '无障碍坡道', 30_000);
  const benches = await proposeBudgetProject(li, roundId, '花园长椅', 15_000);
  await advanceBudgetRound(sun, roundId, 'proposing');
  await screenBudgetProject(sun, roundId, ramp, 30_000);
  await screenBudgetProject(sun, roundId, benches, 15_000);
  await advanceBudgetRound(sun, roundId, 'screening');
  await advanceBudgetRound(sun, roundId, 'deliberation');
  for (const [token, projectIds] of [
    [wang, [ramp, benches]],
    [li, [benches]],
  ] as const) {
    const cast = await call(budgetRoutes.castBallot, {
      token,
      params,
      body: { projectIds: [...projectIds], requestId: rid() },
    });
    expect(cast.status).toBe(201);
  }
  await advanceBudgetRound(sun, roundId, 'voting');
  const published = await call(budgetRoutes.getRound, { token: wang, params });
  expect(published.body).toMatchObject({ phase: 'publicity', result: { allocated: 45_000, leftover: 5_000 } });

  // 公示: the committee cannot cut it short; the clock ends it after seven days.
  const early = await call(budgetRoutes.advanceRound, {
    token: sun,
    params,
    body: { from: 'publicity', reason: '提前' },
  });
  expect(early.status).toBe(409);
  const until = Date.parse(published.body.schedule.publicityUntil!);
  expect(until - Date.parse(published.body.result!.countedAt)).toBe(7 * DAY_MS);
  await advanceClock((until - (await stackNow()).getTime()) / HOUR_MS + 0.2);
  [sun, wang, li] = [await freshToken('sun'), await freshToken('wang'), await freshToken('li')];
  await runAgoraClock();
  const implementing = await call(budgetRoutes.getRound, { token: sun, params });
  expect(implementing.body.phase).toBe('implementation');

  // 实施: each selected project gets its responsible party and commitment (一诺), then monthly progress.
  for (const projectId of [ramp, benches]) {
    const committed = await call(budgetRoutes.setImplementation, {
      token: sun,
      params: { ...params, projectId },
      body: {
        responsibleParty: '社区物业服务中心',
        commitment: '一个月内完工，施工期间保留通行',
        dueDate: new Date((await stackNow()).getTime() + 30 * DAY_MS).toISOString(),
      },
    });
    // 操作记录 (issue 18 §4): each committee write of 实施 is logged against its project.
    await expectStaffEntry(budgetRoutes.setImplementation, committed, {
      caller: 'sun',
      communityId,
      objectId: projectId,
    });
  }
  const halfway = await call(budgetRoutes.reportProgress, {
    token: sun,
    params: { ...params, projectId: ramp },
    body: { percent: 50, spent: 12_000, note: '地基完成' },
  });
  expect(halfway.body.progress).toMatchObject({ percent: 50, spent: 12_000 });
  await expectStaffEntry(budgetRoutes.reportProgress, halfway, { caller: 'sun', communityId, objectId: ramp });
  const byResident = await call(budgetRoutes.reportProgress, {
    token: wang,
    params: { ...params, projectId: ramp },
    body: { percent: 100, spent: 1, note: '居民不能报进度' },
  });
  expect(byResident.status).toBe(403);
  // Photos with a report go through the round's upload, as 诉求 photos do; only the reporter's own uploads count.
  const wangsPhoto = await uploadBudgetPhoto(wang, roundId, 'not-yours.jpg');
  const borrowed = await call(budgetRoutes.reportProgress, {
    token: sun,
    params: { ...params, projectId: ramp },
    body: { percent: 60, spent: 14_000, note: '借用别人的照片', photoKeys: [wangsPhoto] },
  });
  expect(borrowed.status).toBe(400);
  const sitePhoto = await uploadBudgetPhoto(sun, roundId, 'ramp-done.jpg');
  for (const [projectId, spent] of [
    [ramp, 28_500],
    [benches, 15_000],
  ] as const) {
    const done = await call(budgetRoutes.reportProgress, {
      token: sun,
      params: { ...params, projectId },
      body: { percent: 100, spent, note: '已完工', photoKeys: projectId === ramp ? [sitePhoto] : [] },
    });
    expect(done.status).toBe(200);
    const finished = await call(budgetRoutes.finishProject, {
      token: sun,
      params: { ...params, projectId },
      body: { note: '完工，请居民验收' },
    });
    await expectStaffEntry(budgetRoutes.finishProject, finished, { caller: 'sun', communityId, objectId: projectId });
  }

  // 验收: the last project finished moves the round on; residents rate each project once (一评议).
  const accepting = await call(budgetRoutes.getRound, { token: wang, params });
  expect(accepting.body.phase).toBe('acceptance');
  const unhappy = await call(budgetRoutes.rateProject, {
    token: li,
    params: { ...params, projectId: ramp },
    body: { rating: 'unsatisfied' },
  });
  expect(unhappy.status).toBe(400);
  for (const [token, rating] of [
    [wang, 'satisfied'],
    [li, 'basic'],
  ] as const) {
    const rated = await call(budgetRoutes.rateProject, {
      token,
      params: { ...params, projectId: ramp },
      body: { rating },
    });
    expect(rated.status).toBe(200);
  }
  const twice = await call(budgetRoutes.rateProject, {
    token: wang,
    params: { ...params, projectId: ramp },
    body: { rating: 'basic' },
  });
  expect(twice.status).toBe(409);
  const rampView = await call(budgetRoutes.getProject, { token: li, params: { ...params, projectId: ramp } });
  expect(rampView.body.ratings).toMatchObject({
    satisfied: 1,
    basic: 1,
    unsatisfied: 0,
    total: 2,
    satisfactionRate: 100,
  });
  expect(rampView.body.myRating).toBe('basic');
  // The report's photo reaches residents as a link that opens (the project page shows it).
  const lastReport = rampView.body.reports[rampView.body.reports.length - 1]!;
  expect(lastReport).toMatchObject({ percent: 100, note: '已完工' });
  expect(lastReport.photos).toHaveLength(1);
  expect((await fetch(lastReport.photos[0]!.url)).status).toBe(200);

  // 台账: public; planned (the selected projects' costs) against spent (the latest reports).
  const ledger = await raw('GET', `/communities/${communityId}/budget/accountability`);
  const row = (
    ledger.body as {
      rounds: {
        roundId: string;
        phase: string;
        planned: number;
        spent: number;
        projects: {
          title: string;
          stage: string;
          spent: number;
          satisfactionRate?: number;
          latest?: { month: string; note: string; photos: { url: string }[] };
        }[];
      }[];
    }
  ).rounds.find((r) => r.roundId === roundId);
  expect(row).toMatchObject({ phase: 'acceptance', planned: 45_000, spent: 43_500 });
  const rampRow = row!.projects.find((p) => p.title === '无障碍坡道');
  expect(rampRow).toMatchObject({
    stage: 'finished',
    spent: 28_500,
    satisfactionRate: 100,
    latest: { note: '已完工' },
  });
  // The public 台账 shows the latest report's photo too, to anyone, signed in or not.
  expect(rampRow!.latest!.photos).toHaveLength(1);
  expect((await fetch(rampRow!.latest!.photos[0]!.url)).status).toBe(200);
  expect(row!.projects.find((p) => p.title !== '无障碍坡道' && p.stage === 'finished')!.latest!.photos).toEqual([]);
});
