import {
  agoraRoutes,
  API,
  buildingIdOf,
  chinaInstant,
  chinaParts,
  DAY_MS,
  HOUR_MS,
  homeRoutes,
  volunteerRoutes,
  type GrievanceDetail,
  type RouteContract,
  type WaitingKind,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../devstack/seed/personas';
import { newRequest } from '../functions/test/api/grievanceHelpers';
import { call } from '../functions/test/api/http';
import { freshToken, stackNow } from './stackControl';

/**
 * What a journey needs waiting for 王阿姨 (a poll, a request to rate, an activity tomorrow), made through
 * the API at the stack's time. The seed makes each of them too; journeys that ran before may have moved
 * the stack's clock past them, so a journey makes what is no longer there.
 */
const C = DEMO_COMMUNITY_ID;
const B3 = buildingIdOf(C, '3栋');
let seq = 0;
const rid = () => `e2e${Date.now().toString(36)}${++seq}`;

export async function waitingKindsOf(token: string): Promise<Set<WaitingKind>> {
  const feed = await call(homeRoutes.waiting, { token, params: { communityId: C } });
  if (feed.status !== 200) throw new Error(`feed: ${feed.status}`);
  return new Set(feed.body.items.map((i) => i.kind));
}

/** A household poll for 3栋, open now, closing `hours` from the stack's now; answers its id. */
export async function openPollFor3(title: string, hours = 6): Promise<string> {
  const now = await stackNow();
  const res = await call(agoraRoutes.createTopic, {
    token: await freshToken('sun'),
    params: { communityId: C },
    body: {
      title,
      description: '3栋全体住户，一户一票',
      requestId: rid(),
      vote: {
        scope: { kind: 'buildings', buildingIds: [B3] },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve' },
        opensAt: now.toISOString(),
        closesAt: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
      },
    },
  });
  if (res.status !== 201) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.topicId;
}

/** 王阿姨's request at 3栋, accepted, promised and resolved by 刘网格员: it waits for her rating. */
export async function resolvedRequestOfWang(): Promise<string> {
  const wang = await freshToken('wang');
  const liu = await freshToken('liu');
  const now = await stackNow();
  const submitted = await call(API.grievances.submit, {
    token: wang,
    params: { communityId: C },
    body: newRequest({ description: '3栋门口地砖松动，老人容易绊倒', location: { kind: 'building', buildingId: B3 } }),
  });
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status}`);
  let c: GrievanceDetail = submitted.body;
  const step = async (contract: RouteContract, body: object) => {
    const res = await call(contract, {
      token: liu,
      params: { communityId: C, grievanceId: c.grievanceId },
      body: { version: c.version, ...body },
    });
    if (res.status !== 200) throw new Error(`${contract.id}: ${res.status} ${JSON.stringify(res.body)}`);
    c = res.body as GrievanceDetail;
  };
  await step(API.grievanceSteps.accept, {});
  await step(API.grievanceSteps.commit, {
    text: '联系物业重铺地砖',
    dueBy: new Date(now.getTime() + DAY_MS).toISOString(),
  });
  await step(API.grievanceSteps.resolve, { note: '地砖已重铺', photos: [] });
  return c.grievanceId;
}

/** An activity tomorrow at 09:30 (China time, by the stack's clock) with 王阿姨 signed up. */
export async function activityTomorrowWithWang(): Promise<string> {
  const now = await stackNow();
  const t = chinaParts(new Date(now.getTime() + DAY_MS));
  const start = chinaInstant(t.year, t.month, t.day, 9, 30);
  const created = await call(volunteerRoutes.createActivity, {
    token: await freshToken('sun'),
    params: { communityId: C },
    body: {
      title: `楼道大扫除 ${rid().slice(-4)}`,
      description: '清理楼道杂物、擦拭扶手。',
      category: 'environment',
      place: '3栋楼下',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR_MS).toISOString(),
      signUpDeadline: new Date(start.getTime() - HOUR_MS).toISOString(),
      capacity: 10,
      cancelCutoffHours: 0,
      pointsRule: { kind: 'fixed', amount: 10 },
    },
  });
  if (created.status !== 201) throw new Error(`activity: ${created.status} ${JSON.stringify(created.body)}`);
  const signUp = await call(volunteerRoutes.signUp, {
    token: await freshToken('wang'),
    params: { communityId: C, activityId: created.body.activityId },
  });
  if (signUp.status >= 300) throw new Error(`sign-up: ${signUp.status}`);
  return created.body.activityId;
}
