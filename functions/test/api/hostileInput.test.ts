import fc from 'fast-check';
import * as z from 'zod/mini';
import { ALL_ROUTES, pathParamNames, type Role, type RouteContract } from '@linli/shared';
import { DEMO_COMMUNITY_ID, type PersonaKey } from '../../../devstack/seed/personas';
import { loginCode, raw, signIn, type Answer } from './http';

/**
 * Hostile input against every route, generated from the shared contracts (a new route is covered
 * without editing this file): wrong types, missing and unknown fields, huge strings, emoji and
 * control characters, deep JSON, wrong content types, invalid ids, boundary numbers. Every answer is
 * a 4xx with a readable message, never a 5xx, and no rejected request changes the database.
 *
 * "Changes the database" is judged per request, from the items the request itself wrote (the local
 * stack's `x-linli-db-changed` diagnostics header), not by comparing the table before and after: other
 * test files and the schedules (dispatcher, sweepers, the 议事厅 clock) write to the same stack meanwhile.
 */

// Who to send: someone the route admits, so the request reaches validation rather than a 403.
const ADMITTED: [PersonaKey, Role[]][] = [
  ['admin', ['admin']],
  ['sun', ['committee']],
  ['zhou', ['street']],
  ['liu', ['gridWorker']],
  ['zhang', ['buildingHead', 'resident']],
  ['li', ['resident', 'volunteer']],
];
function callerFor(route: RouteContract): PersonaKey | undefined {
  if (route.access.kind === 'public') return undefined;
  if (route.access.kind === 'signedIn') return 'wang';
  const admitted = route.access.roles;
  return ADMITTED.find(([, roles]) => roles.some((r) => admitted.includes(r)))?.[0] ?? 'admin';
}

const hasBody = (route: RouteContract) => (route.body as { def?: { type?: string } }).def?.type !== 'undefined';
const propertyNames = (route: RouteContract): string[] => {
  try {
    const schema = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
    };
    return Object.keys(schema.properties ?? {});
  } catch {
    return [];
  }
};
const pathFor = (route: RouteContract, id = 'does-not-exist') =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'communityId' ? DEMO_COMMUNITY_ID : encodeURIComponent(id),
  );

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    'x'.repeat(70_000),
    '😀👨‍👩‍👧‍👦🏳️‍🌈',
    '\u0000\u0007\u001b[31m',
    'a\u202eb',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    // eslint-disable-next-line no-template-curly-in-string -- a template-injection probe, sent as typed
    '${7*7}',
    '../../etc/passwd',
    ' ',
    '',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 2 ** 53 + 1),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A body that no strict contract can accept: whatever else it holds, it carries an unknown field. */
const bodyWithUnknownField = (names: string[]) =>
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...(names.length ? names : ['x'])), hostileValue, { maxKeys: names.length || 1 }),
      hostileValue,
    )
    .map(([known, extra]) => ({ ...known, __mass_assignment_probe: extra }));
/** Any body at all, shaped like the contract or not. */
const anyBody = (names: string[]) =>
  fc.oneof(fc.dictionary(fc.constantFrom(...(names.length ? names : ['x'])), hostileValue), hostileValue);

/**
 * A rejected request may count itself against the caller's rate limit (RateCounter, `RATE#…`) and nothing
 * else. An answer without a correlation id never reached a Lambda (the gateway refused a malformed URL).
 */
function expectNothingWritten(answer: Answer, context: string) {
  if (!answer.headers.has('x-correlation-id')) return;
  expect([context, answer.dbOps === undefined]).toEqual([context, false]);
  const written = answer.dbOps!.changed.filter((key) => !key.startsWith('RATE#'));
  expect([context, written]).toEqual([context, []]);
}

function expectReadableRejection(answer: Answer, route: RouteContract) {
  const context = `${route.id} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
  expect([context, answer.status >= 400 && answer.status < 500]).toEqual([context, true]);
  const message = (answer.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  expect([context, /[\u4e00-\u9fa5]/.test(message)]).toEqual([context, true]);
  expectNothingWritten(answer, context);
}

const tokens = new Map<PersonaKey, string>();
const tokenFor = async (who: PersonaKey | undefined) => {
  if (!who) return undefined;
  if (!tokens.has(who)) tokens.set(who, await signIn(who));
  return tokens.get(who);
};

beforeAll(async () => {
  for (const who of ['admin', 'sun', 'zhou', 'liu', 'zhang', 'li', 'wang'] as PersonaKey[]) await tokenFor(who);
});

it('the write accounting sees writes: a first sign-in lists the user it created, a rejected write its rate counter', async () => {
  const code = await loginCode(`hostile-control-${Date.now()}`);
  const answer = await raw('POST', '/auth/wechat', { body: JSON.stringify({ code }) });
  expect(answer.status).toBe(200);
  expect(answer.dbOps?.changed.some((key) => key.startsWith('USER#'))).toBe(true);

  const token = await tokenFor('wang');
  const rejected = await raw('PUT', '/notifications/settings', { token, body: '{"__mass_assignment_probe":1}' });
  expect(rejected.status).toBe(400);
  expect(rejected.dbOps?.changed).toEqual([expect.stringMatching(/^RATE#write#/)]);
});

const routesWithBody = ALL_ROUTES.filter(hasBody);

describe.each(routesWithBody.map((r) => [r.id, r] as const))('%s rejects hostile bodies', (_, route) => {
  it('answers 400 to any body with an unknown field, and to wrong JSON types', async () => {
    const token = await tokenFor(callerFor(route));
    const names = propertyNames(route);
    await fc.assert(
      fc.asyncProperty(bodyWithUnknownField(names), async (body) => {
        const answer = await raw(route.method, pathFor(route), { token, body: JSON.stringify(body) });
        expectReadableRejection(answer, route);
      }),
      { numRuns: 8 },
    );
    for (const body of ['[]', '"text"', '42', 'null', 'true'])
      expectReadableRejection(await raw(route.method, pathFor(route), { token, body }), route);
  });

  it('refuses malformed JSON, deep nesting, oversized bodies and other content types', async () => {
    const token = await tokenFor(callerFor(route));
    const path = pathFor(route);
    expectReadableRejection(await raw(route.method, path, { token, body: '{"a":' }), route);
    expectReadableRejection(
      await raw(route.method, path, { token, body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` }),
      route,
    );
    const huge = await raw(route.method, path, { token, body: JSON.stringify({ blob: 'x'.repeat(300 * 1024) }) });
    expectReadableRejection(huge, route);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await raw(route.method, path, { token, body: 'a=1', headers: { 'content-type': type } });
      expect([route.id, type, answer.status]).toEqual([route.id, type, 415]);
      expectNothingWritten(answer, `${route.id} ${type}`);
    }
  });

  // An absent or empty Content-Type never reaches the Lambda here: serverless-offline fills in application/json
  // (API Gateway does not), so those two are checked in-process (functions/src/http/mediaType.test.ts).
  it('refuses a body declared in a charset other than UTF-8, and reads one declared as UTF-8', async () => {
    const token = await tokenFor(callerFor(route));
    const path = pathFor(route);
    const body = '{"__declared_probe":1}';
    const undeclared: [string, Parameters<typeof raw>[2]][] = [
      ['gbk', { headers: { 'content-type': 'application/json; charset=gbk' } }],
      ['latin-1', { headers: { 'content-type': 'application/json;charset=ISO-8859-1' } }],
      ['utf-16', { headers: { 'content-type': 'application/json; charset="utf-16"' } }],
    ];
    for (const [what, init] of undeclared) {
      const answer = await raw(route.method, path, { token, body, ...init });
      expect([route.id, what, answer.status]).toEqual([route.id, what, 415]);
      expectReadableRejection(answer, route);
    }
    // Declared as UTF-8 in any spelling HTTP allows: read, and refused for its unknown field instead.
    for (const type of ['application/json; charset=UTF-8', 'Application/JSON;charset="utf-8"']) {
      const answer = await raw(route.method, path, { token, body, headers: { 'content-type': type } });
      expect([route.id, type, answer.status === 415]).toEqual([route.id, type, false]);
      expectReadableRejection(answer, route);
    }
  });
});

describe.each(
  ALL_ROUTES.filter((r) => pathParamNames(r.path).some((p) => p !== 'communityId')).map((r) => [r.id, r] as const),
)('%s rejects invalid ids', (_, route) => {
  it.each(['..%2F..%2Fetc', '%00', 'x'.repeat(300), '中文编号', "' OR '1'='1", '%E0%A4%A'])('%s → 4xx', async (id) => {
    const token = await tokenFor(callerFor(route));
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'communityId' ? DEMO_COMMUNITY_ID : id,
    );
    const answer = await raw(route.method, path, { token, body: hasBody(route) ? '{}' : undefined });
    expect([route.id, id, answer.status >= 400 && answer.status < 500]).toEqual([route.id, id, true]);
    expectNothingWritten(answer, `${route.id} ${id}`);
  });
});

describe.each(
  ALL_ROUTES.filter((r) => r.method === 'GET' && Object.keys((r.query as z.ZodMiniObject).shape ?? {}).length).map(
    (r) => [r.id, r] as const,
  ),
)('%s rejects boundary query values', (_, route) => {
  it('answers 4xx to out-of-range numbers and junk', async () => {
    const token = await tokenFor(callerFor(route));
    for (const q of [
      'limit=0',
      'limit=-1',
      'limit=1e309',
      'limit=NaN',
      'limit=101',
      'cursor=%%%',
      `cursor=${'A'.repeat(3000)}`,
      'cursor=eyJQSyI6eyJTIjoieCJ9fQ',
    ]) {
      const answer = await raw('GET', `${pathFor(route)}?${q}`, { token });
      expect([route.id, q, answer.status >= 400 && answer.status < 500]).toEqual([route.id, q, true]);
      expectNothingWritten(answer, `${route.id} ${q}`);
    }
  });
});

// Bodies shaped like the contract may legitimately be accepted (and write), so only 5xx is refused here.
describe.each(routesWithBody.map((r) => [r.id, r] as const))('%s with arbitrary bodies', (_, route) => {
  it('never answers 5xx to any body, shaped like the contract or not', async () => {
    const token = await tokenFor(callerFor(route));
    const names = propertyNames(route);
    await fc.assert(
      fc.asyncProperty(anyBody(names), async (body) => {
        const answer = await raw(route.method, pathFor(route), { token, body: JSON.stringify(body) });
        expect([route.id, answer.status]).toEqual([route.id, expect.any(Number)]);
        expect([route.id, answer.status < 500]).toEqual([route.id, true]);
      }),
      { numRuns: 8 },
    );
  });
});
