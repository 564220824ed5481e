import { buildingIdOf, type GrievanceDetail, HOUR_MS, grievanceRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as C } from '../devstack/seed/personas';
import { call } from '../functions/test/api/http';
import { freshToken, passTime, runGrievanceSweep, stackNow } from './stackControl';

/**
 * 催办 and 督办 by the schedule, over HTTP against the whole stack: the sweep Lambda runs as its
 * schedule would, and the stack's clock is moved instead of waiting a day. Here rather than in the
 * API tier because moving the shared clock expires every session, which parallel API tests would feel.
 */
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
const B3 = buildingIdOf(C, '3栋');
const params = (c: GrievanceDetail) => ({ communityId: C, grievanceId: c.grievanceId });

async function read(c: GrievanceDetail): Promise<GrievanceDetail> {
  const res = await call(G.get, { token: await freshToken('wang'), params: params(c) });
  expect(res.status).toBe(200);
  return res.body;
}

const actions = (d: GrievanceDetail) => d.timeline.map((e) => e.action);

test('the schedule reminds the grid first, then escalates to the committee, once however often it runs', async () => {
  const submitted = await call(G.submit, {
    token: await freshToken('wang'),
    params: { communityId: C },
    body: {
      clientRequestId: `sched${Date.now().toString(36)}`,
      category: 'sanitation',
      description: '3栋电梯间垃圾两天没人清理',
      location: { kind: 'building', buildingId: B3 },
      visibility: 'public',
    },
  });
  expect(submitted.status).toBe(201);
  const c = submitted.body;
  const due = c.dueAt as string;
  expect(Date.parse(due) - (await stackNow()).getTime()).toBeGreaterThan(23 * HOUR_MS);

  await passTime(new Date(Date.parse(due) - 2 * HOUR_MS).toISOString());
  await runGrievanceSweep();
  const reminded = await read(c);
  expect(actions(reminded)).toEqual(['submit', 'remind']);
  expect(reminded).toMatchObject({ level: 'grid', overdue: false });

  await passTime(due);
  await runGrievanceSweep();
  await runGrievanceSweep();
  await runGrievanceSweep();
  const escalated = await read(c);
  expect(escalated).toMatchObject({ level: 'committee', status: 'pending', overdueCount: 1 });
  expect(actions(escalated)).toEqual(['submit', 'remind', 'escalate']);
  expect(escalated.timeline[2]?.actor.role).toBe('system');
  expect(escalated.timeline[2]?.note).toContain('自动上报');

  const queue = await call(G.listQueue, {
    token: await freshToken('sun'),
    params: { communityId: C },
    query: { level: 'committee', limit: 100 },
  });
  expect(queue.body.items.map((i) => i.grievanceId)).toContain(c.grievanceId);
});

test('a clock move with runSchedules escalates at once: 催办 worded as past, then 督办, without waiting for the schedule', async () => {
  const submitted = await call(G.submit, {
    token: await freshToken('wang'),
    params: { communityId: C },
    body: {
      clientRequestId: `jump${Date.now().toString(36)}`,
      category: 'sanitation',
      description: '3栋楼道堆满杂物没人清理',
      location: { kind: 'building', buildingId: B3 },
      visibility: 'public',
    },
  });
  expect(submitted.status).toBe(201);
  const c = submitted.body;
  await passTime(c.dueAt as string, 1, { runSchedules: true });
  const escalated = await read(c);
  expect(actions(escalated)).toEqual(['submit', 'remind', 'escalate']);
  expect(escalated).toMatchObject({ level: 'committee', status: 'pending' });
  // The 催办 went out after the deadline: it says so rather than naming a time already past.
  expect(escalated.timeline[1]?.note).toMatch(/^已超过受理时限（.+），请尽快受理$/);
});

test('a resolved request nobody rates closes as 未评价 when the rating window ends', async () => {
  const liu = await freshToken('liu');
  let c = (
    await call(G.submit, {
      token: await freshToken('wang'),
      params: { communityId: C },
      body: {
        clientRequestId: `rate${Date.now().toString(36)}`,
        category: 'repair',
        description: '3栋单元门闭门器坏了',
        location: { kind: 'building', buildingId: B3 },
        visibility: 'private',
      },
    })
  ).body;
  for (const [route, body] of [
    [G.accept, {}],
    [G.commit, { text: '更换闭门器', dueBy: new Date((await stackNow()).getTime() + 10 * HOUR_MS).toISOString() }],
    [G.resolve, { note: '已更换' }],
  ] as const) {
    const res = await call(route, { token: liu, params: params(c), body: { version: c.version, ...body } } as never);
    expect(res.status).toBe(200);
    c = res.body as GrievanceDetail;
  }
  expect(c.status).toBe('resolved');
  await passTime(c.dueAt as string);
  await runGrievanceSweep();
  expect(await read(c)).toMatchObject({ status: 'closed', rating: { rating: 'unrated' } });
});
