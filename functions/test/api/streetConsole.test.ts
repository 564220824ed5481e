import readXlsxFile from 'read-excel-file/node';
import { API, chinaMonth, type GrievanceDetail, type StreetQueueItemView, grievanceRoutes } from '@linli/shared';
import {
  DEMO_COMMUNITY_ID,
  DEMO_STREET_ID,
  OTHER_COMMUNITY_ID,
  SECOND_COMMUNITY_ID,
  SECOND_STREET_ID,
} from '../../../devstack/seed/personas';
import { call, signIn, step } from './http';

/**
 * 街道工作台 over HTTP: the queue of 诉求 escalated to the street (overdue first, paged, the community
 * on each), 三率 on a small known set of cases in a street of its own, the street's 台账 workbook, and
 * two streets that never see each other's cases.
 */

const S = API.streetConsole;
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
const suffix = Date.now().toString(36).slice(-5);

/** A fresh street and community (the administrator), so the figures count only this file's cases. */
const known = step(async () => {
  const token = await signIn('admin');
  const street = await call(API.streets.createStreet, {
    token,
    body: { name: `三率街道${suffix}`, district: '福州市鼓楼区', regionCode: '350102' },
  });
  expect(street.status).toBe(201);
  const streetId = street.body.streetId;
  const community = await call(API.streets.createCommunity, {
    token,
    params: { streetId },
    body: { name: '评价社区', address: '三率路 1 号', regionCode: '350102' },
  });
  expect(community.status).toBe(201);
  const communityId = community.body.communityId;

  // 走访代录 at a described place: the committee's level, rated on the resident's behalf (回访).
  let serial = 0;
  const submit = async (category: string) => {
    const res = await call(G.submit, {
      token,
      params: { communityId },
      body: {
        clientRequestId: `sc${suffix}${serial++}`,
        category,
        description: '走访时居民反映的问题，请尽快处理',
        photos: [],
        location: { kind: 'place', place: '社区广场' },
        visibility: 'private',
        source: 'visit',
        resident: { name: '李大爷' },
        urgency: 'normal',
        anonymous: false,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const act = async <K extends 'accept' | 'commit' | 'resolve' | 'rate'>(
    action: K,
    c: GrievanceDetail,
    body: Record<string, unknown> = {},
  ) => {
    // One helper for four steps: the route is chosen at run time, so its request type is widened here.
    const route = G[action] as unknown as typeof G.accept;
    const res = await call(route, {
      token,
      params: { communityId, grievanceId: c.grievanceId },
      body: { version: c.version, ...body } as never,
    });
    expect(res.status).toBe(200);
    return res.body as GrievanceDetail;
  };
  const handled = async (c: GrievanceDetail) => {
    let x = await act('accept', c);
    x = await act('commit', x, { text: '联系物业处理', dueBy: new Date(Date.now() + 3600_000).toISOString() });
    return act('resolve', x, { note: '已处理', photos: [] });
  };

  // A: 办结, rated 满意 — resolved. B: 办结 by the handler, rated 不满意 — reopened at the street, not
  // resolved. C: accepted in time, still being handled. D: not yet accepted.
  const a = await act('rate', await handled(await submit('repair')), { rating: 'satisfied' });
  const b = await act('rate', await handled(await submit('repair')), { rating: 'unsatisfied', comment: '没有修好' });
  const c = await act('accept', await submit('sanitation'));
  const d = await submit('noise');
  return { token, streetId, communityId, month: chinaMonth(a.createdAt), cases: { a, b, c, d } };
});

describe('街道待办: the cross-community queue', () => {
  it('lists the street level of every community of the street, overdue first, with the community and grid', async () => {
    const zhou = await signIn('zhou');
    const res = await call(S.streetQueue, { token: zhou, params: { streetId: DEMO_STREET_ID } });
    expect(res.status).toBe(200);
    const items = res.body.items;
    // The seed's 西园 cases: the wall (past the street's acceptance deadline) before the water pipe.
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.level === 'street')).toBe(true);
    expect(items[0]).toMatchObject({ communityId: OTHER_COMMUNITY_ID, communityName: '西园社区', overdue: true });
    expect(items[0]!.excerpt).toContain('围墙');
    expect(items[0]!.gridName).toBe('西园网格');
    const order = items.map((i) => `${i.overdue ? 0 : 1}#${i.dueAt}`);
    expect(order).toEqual([...order].sort());
    // Nothing of the other street.
    expect(items.some((i) => i.communityId === SECOND_COMMUNITY_ID)).toBe(false);
  });

  it('pages without repeating or skipping a case', async () => {
    const zhou = await signIn('zhou');
    const params = { streetId: DEMO_STREET_ID };
    const all = (await call(S.streetQueue, { token: zhou, params, query: { limit: 100 } })).body.items;
    const seen: StreetQueueItemView[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(S.streetQueue, { token: zhou, params, query: { limit: 1, cursor } });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.grievanceId)).toEqual(all.map((i) => i.grievanceId));
    const forged = await call(S.streetQueue, { token: zhou, params, query: { cursor: 'bm90LWEtcGxhY2U' } });
    expect(forged.status).toBe(400);
  });

  it('opens a case from the queue for the street office of its street only', async () => {
    const zhou = await signIn('zhou');
    const [first] = (await call(S.streetQueue, { token: zhou, params: { streetId: DEMO_STREET_ID } })).body.items;
    const detail = await call(G.get, {
      token: zhou,
      params: { communityId: first!.communityId, grievanceId: first!.grievanceId },
    });
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toContain('accept');
    const qian = await signIn('qian');
    const stranger = await call(G.get, {
      token: qian,
      params: { communityId: first!.communityId, grievanceId: first!.grievanceId },
    });
    expect([403, 404]).toContain(stranger.status);
  });

  it('puts a case the resident rated 不满意 at the street (reopened one level up)', async () => {
    const { token, streetId, cases } = await known();
    const res = await call(S.streetQueue, { token, params: { streetId } });
    expect(res.body.items.map((i) => i.grievanceId)).toEqual([cases.b.grievanceId]);
    expect(res.body.items[0]).toMatchObject({
      communityName: '评价社区',
      gridName: '公共区域（居委会）',
      status: 'pending',
    });
  });
});

describe('三率 on a known set of cases', () => {
  it('counts 响应, 解决 as residents rated it (not the handler’s 办结) and 满意', async () => {
    const { token, streetId, communityId, month } = await known();
    const res = await call(S.streetFigures, { token, params: { streetId }, query: { month, months: 3 } });
    expect(res.status).toBe(200);
    const { street, communities, trend, months, definitions } = res.body;
    expect(months).toHaveLength(3);
    expect(months[2]).toBe(month);
    expect(street).toMatchObject({
      raised: 4,
      acceptedInTime: 3,
      closed: 1,
      rated: 2,
      resolved: 1,
      ratings: 2,
      satisfiedRatings: 1,
      overdue: { grid: 0, committee: 0, street: 0 },
      rates: { response: 0.75, resolution: 0.5, satisfaction: 0.5 },
    });
    // The month before had nothing to compare with.
    expect(street.change).toEqual({});
    expect(street.topCategories[0]).toEqual({ category: 'repair', label: '物业维修', count: 2 });
    expect(communities).toHaveLength(1);
    expect(communities[0]).toMatchObject({ communityId, name: '评价社区' });
    expect(communities[0]!.grids).toEqual([expect.objectContaining({ gridId: '-', gridName: '公共区域（居委会）' })]);
    expect(trend.map((t) => t.raised)).toEqual([0, 0, 4]);
    expect(definitions.resolution).toContain('不看办理人自己的');
  });

  it("drills into a community's grids, month by month", async () => {
    const { token, streetId, communityId, month } = await known();
    const res = await call(S.communityGrids, { token, params: { streetId, communityId }, query: { month, months: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '评价社区', month, figures: { raised: 4, rated: 2, resolved: 1 } });
    // No roster yet: every case sits at the committee's own 公共区域, in this month only.
    expect(res.body.grids.map((g) => [g.gridName, g.figures.raised, g.trend.map((t) => t.raised)])).toEqual([
      ['公共区域（居委会）', 4, [0, 0, 4]],
    ]);
    expect(res.body.grids[0]!.figures.rates).toEqual({ response: 0.75, resolution: 0.5, satisfaction: 0.5 });

    // The seeded 幸福里: every grid of its roster, and per month the grids add up to the community.
    const zhou = await signIn('zhou');
    const seeded = await call(S.communityGrids, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID, communityId: DEMO_COMMUNITY_ID },
    });
    expect(seeded.status).toBe(200);
    const names = seeded.body.grids.map((g) => g.gridName);
    expect(names).toEqual(expect.arrayContaining(['第一网格', '第二网格']));
    expect(seeded.body.trend).toHaveLength(6);
    seeded.body.trend.forEach((t, i) =>
      expect(seeded.body.grids.reduce((n, g) => n + g.trend[i]!.raised, 0)).toBe(t.raised),
    );
    // Another street's office: 403; a community named under a street it is not in: 404.
    const qian = await signIn('qian');
    const foreign = await call(S.communityGrids, {
      token: qian,
      params: { streetId: DEMO_STREET_ID, communityId: DEMO_COMMUNITY_ID },
    });
    expect(foreign.status).toBe(403);
    const misplaced = await call(S.communityGrids, {
      token: await signIn('admin'),
      params: { streetId: SECOND_STREET_ID, communityId: DEMO_COMMUNITY_ID },
    });
    expect(misplaced.status).toBe(404);
  });

  it('gives the seeded street figures for the month and its communities', async () => {
    const zhou = await signIn('zhou');
    const res = await call(S.streetFigures, { token: zhou, params: { streetId: DEMO_STREET_ID } });
    expect(res.status).toBe(200);
    expect(res.body.communities.map((c) => c.name).sort()).toEqual(['西园社区', '幸福里社区'].sort());
    expect(res.body.trend).toHaveLength(6);
    // Rated cases of the seed (last month's, 满意 and one 不满意) are somewhere in the trend.
    expect(res.body.trend.some((t) => t.rates.satisfaction !== undefined)).toBe(true);
  });

  it('refuses a month that is not one', async () => {
    const zhou = await signIn('zhou');
    const res = await call(S.streetFigures, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID },
      query: { month: '2026-13' },
    });
    expect(res.status).toBe(400);
  });
});

describe('街道诉求台账', () => {
  it('is one workbook: the summary and a sheet per community', async () => {
    const { token, streetId, month } = await known();
    const res = await call(S.exportStreetLedger, { token, params: { streetId }, body: { month } });
    expect(res.status).toBe(201);
    expect(res.body.sheets).toEqual(['汇总', '评价社区']);
    expect(res.body.rows).toBe(4);
    const sheets = await readXlsxFile(Buffer.from(await (await fetch(res.body.url)).arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '评价社区']);
    const [summaryHead, community, total] = sheets[0]!.data;
    expect(summaryHead).toContain('解决率(%)');
    const col = (name: string) => (summaryHead as string[]).indexOf(name);
    expect(community![0]).toBe('评价社区');
    expect(community![col('提交诉求')]).toBe(4);
    expect(community![col('解决率(%)')]).toBe(50);
    expect(total![0]).toContain('合计');
    const cases = sheets[1]!.data;
    expect(cases[0]).toContain('编号');
    expect(cases).toHaveLength(5);
  });

  it('covers every community of the seeded street', async () => {
    const zhou = await signIn('zhou');
    const res = await call(S.exportStreetLedger, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID },
      body: { month: chinaMonth(new Date()) },
    });
    expect(res.status).toBe(201);
    expect([...res.body.sheets].sort()).toEqual(['汇总', '西园社区', '幸福里社区'].sort());
  });
});

describe('two streets', () => {
  it('keeps each street office to its own street: no read leaks across', async () => {
    const [zhou, qian] = await Promise.all([signIn('zhou'), signIn('qian')]);
    const month = chinaMonth(new Date());
    for (const [token, streetId] of [
      [zhou, SECOND_STREET_ID],
      [qian, DEMO_STREET_ID],
    ] as const) {
      const params = { streetId };
      expect((await call(S.streetQueue, { token, params })).status).toBe(403);
      expect((await call(S.streetFigures, { token, params })).status).toBe(403);
      expect((await call(S.exportStreetLedger, { token, params, body: { month } })).status).toBe(403);
    }
    const theirs = await call(S.streetQueue, { token: qian, params: { streetId: SECOND_STREET_ID } });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((i) => i.communityId)).toEqual([SECOND_COMMUNITY_ID]);
    const figures = await call(S.streetFigures, { token: qian, params: { streetId: SECOND_STREET_ID } });
    expect(figures.body.communities.map((c) => c.communityId)).toEqual([SECOND_COMMUNITY_ID]);
    // 周科长 cannot open 南湖's case, nor list its queue, even knowing the id.
    const [market] = theirs.body.items;
    const peek = await call(G.get, {
      token: zhou,
      params: { communityId: SECOND_COMMUNITY_ID, grievanceId: market!.grievanceId },
    });
    expect([403, 404]).toContain(peek.status);
    expect((await call(G.listQueue, { token: zhou, params: { communityId: SECOND_COMMUNITY_ID } })).status).toBe(403);
  });

  it('answers 404 for a street that does not exist (administrator)', async () => {
    const admin = await signIn('admin');
    expect((await call(S.streetQueue, { token: admin, params: { streetId: 'nowhere' } })).status).toBe(404);
  });
});
