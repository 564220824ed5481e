import { API, PRIVACY_GUIDELINE, buildingIdOf, identityApi, rosterRoutes } from '@linli/shared';
import { startStack, type RunningStack } from '../../../devstack/stack';
import { DEMO_COMMUNITY_ID as C } from '../../../devstack/seed/personas';
import { call, loginCode, raw, signIn, type Answer } from './http';

/**
 * The diagnostics header (`x-linli-db-ops`) is what every benchmark's "DynamoDB calls per request"
 * comes from, so it is checked against an independent witness: this file's own stack puts a counting
 * proxy between the API process and DynamoDB Local, and every call the proxy forwards must appear in
 * exactly one answer, as the route's reads and writes or as `outside` (the local stage's clock read,
 * or anything sent outside a request).
 */
let stack: RunningStack;
let DEV_CLOCK_TTL_MS: number;

beforeAll(async () => {
  stack = await startStack({ ports: 'free', h5: 'none', countDynamoCalls: ['api'] });
  // Imported once the stack has set the environment (modules that touch the table read it on import).
  ({ DEV_CLOCK_TTL_MS } = await import('../../src/db/devClock'));
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counted = (a: Answer) => (a.dbOps ? a.dbOps.reads + a.dbOps.writes + a.dbOps.outside : NaN);

it('counts every DynamoDB call the API sends, the clock read and sign-in included', async () => {
  const onTheWire = () => stack.wireCalls.api().total;
  const seen: { route: string; header: number; wire: number }[] = [];
  // Serial requests: between two answers, every call on the wire belongs to the second one.
  const measure = async (route: string, request: () => Promise<Answer>) => {
    const before = onTheWire();
    const answer = await request();
    if (answer.status >= 300) throw new Error(`${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    seen.push({ route, header: counted(answer), wire: onTheWire() - before });
    return answer;
  };

  const wang = await signIn('wang');
  const sun = await signIn('sun');
  stack.wireCalls.reset();
  const code = await loginCode('dbops-newcomer');
  await measure('sign-in of a newcomer', () => raw('POST', '/auth/wechat', { body: JSON.stringify({ code }) }));
  await measure('GET /me', () => call(identityApi.getMe, { token: wang }));
  await measure('GET /me again', () => call(identityApi.getMe, { token: wang }));
  // Past the clock's TTL: this request's Lambda rereads the dev clock, outside the route's own count.
  await sleep(DEV_CLOCK_TTL_MS + 200);
  const afterPause = await measure('GET /me after a pause', () => call(identityApi.getMe, { token: wang }));
  await measure('privacy consent (write)', () =>
    call(identityApi.acceptPrivacy, { token: wang, body: { version: PRIVACY_GUIDELINE.version } }),
  );
  await measure('roster overview', () => call(rosterRoutes.overview, { token: sun, params: { communityId: C } }));
  await sleep(DEV_CLOCK_TTL_MS + 200);
  await measure('诉求 submit', () =>
    call(API.grievances.submit, {
      token: wang,
      params: { communityId: C },
      body: {
        clientRequestId: `ops${Date.now().toString(36)}`,
        category: 'repair',
        description: '楼道灯不亮',
        location: { kind: 'building', buildingId: buildingIdOf(C, '3栋') },
        visibility: 'public',
      },
    }),
  );
  await measure('诉求 list', () => call(API.grievances.listCommunity, { token: wang, params: { communityId: C } }));

  for (const s of seen) expect({ route: s.route, calls: s.header }).toEqual({ route: s.route, calls: s.wire });
  // The clock read after the pause is there, and not as a cost of the route.
  expect(afterPause.dbOps).toMatchObject({ reads: 1, writes: 0, outside: 1 });
  expect(seen.reduce((n, s) => n + s.wire, 0)).toBe(stack.wireCalls.api().total);
});
