import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  answeredStatuses,
  namedObjects,
  pathParamNames,
  takesBody,
  type Role,
  type RouteContract,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, type PersonaKey } from '../../../devstack/seed/personas';

/**
 * Portman (apideck) turns docs/openapi.json into a Postman collection with its own contract tests, and
 * newman runs it against the local stack. This file only tells Portman which request to make of each
 * operation (who calls, which ids, which body) and which documented answer to expect; the checks —
 * status, content type, JSON body, the response schema of that status, required headers — are Portman's.
 */
const ROOT = join(__dirname, '..', '..', '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** Who is sent to a route that admits them (the first admitted wins), so the request reaches validation. */
const ADMITTED: [PersonaKey, Role[]][] = [
  ['admin', ['admin']],
  ['sun', ['committee']],
  ['zhou', ['street']],
  ['liu', ['gridWorker']],
  ['zhang', ['buildingHead', 'resident']],
  ['li', ['resident', 'volunteer']],
];
/** 陈晨 for signed-in routes: a new user whose inbox and profile no other api test reads. */
export const PORTMAN_PERSONAS: PersonaKey[] = ['admin', 'sun', 'zhou', 'liu', 'zhang', 'li', 'chen', 'wu'];

export function callerFor(route: RouteContract): PersonaKey | undefined {
  if (route.access.kind === 'public') return undefined;
  if (route.access.kind === 'signedIn') return 'chen';
  const admitted = route.access.roles;
  return ADMITTED.find(([, roles]) => roles.some((r) => admitted.includes(r)))?.[0];
}

/**
 * Calls that would end sessions: deleting one's own account ends the caller, and 退出所有设备 ends the
 * persona's other sessions, which api test files running at the same time hold. identity.test.ts
 * exercises both with fresh accounts.
 */
export const NOT_SENT = new Set(['identity.deleteMe', 'identity.endAllSessions']);

type Expectation = { status: number; why: string };

/** What the main request of each operation is expected to get, given the request this file shapes. */
export function mainExpectation(route: RouteContract): Expectation {
  if (route.access.kind === 'public' && route.answers?.unauthenticated)
    return { status: 401, why: 'a well-formed but invalid credential' };
  if (takesBody(route)) return { status: 400, why: 'a body with a field no contract accepts' };
  if (namedObjects(route).length) return { status: 404, why: 'ids that name nothing' };
  return { status: route.successStatus, why: 'an admitted caller in the demo community' };
}

const tokenVar = (who: PersonaKey) => `token_${who}`;
const bearer = (who: PersonaKey) => ({ bearer: { token: `{{${tokenVar(who)}}}` } });

/** The demo community, and `id` for every other path parameter (or for all of them when `everywhere`). */
function pathVariables(route: RouteContract, id: string, everywhere = false) {
  return pathParamNames(route.path).map((key) => ({
    key,
    value: key === 'communityId' && !everywhere ? DEMO_COMMUNITY_ID : id,
  }));
}

/** Portman's generated checks for one documented answer: status, content type, JSON, schema, headers. */
const checks = (status: number) => [
  status < 300 ? { statusSuccess: { enabled: true } } : { statusCode: { enabled: true, code: status } },
  { contentType: { enabled: true } },
  { jsonBody: { enabled: true } },
  { schemaValidation: { enabled: true } },
  { headersPresent: { enabled: true } },
];

/** Public routes get credentials of the right shape that are not valid. */
const PUBLIC_INPUT: Record<string, object> = {
  'identity.signInWithWeChat': { overwriteRequestBody: [{ key: 'code', value: 'portman-not-a-login-code' }] },
  'identity.refreshSession': {
    overwriteRequestBody: [{ key: 'refreshToken', value: 'nobody.no-session.portman-not-a-secret' }],
  },
  'contentCheck.verifyPushUrl': {
    overwriteRequestQueryParams: [
      { key: 'signature', value: '0'.repeat(40) },
      { key: 'timestamp', value: '1700000000' },
      { key: 'nonce', value: 'portman' },
      { key: 'echostr', value: 'portman' },
    ],
  },
  'contentCheck.receivePush': {
    overwriteRequestQueryParams: [
      { key: 'signature', value: '0'.repeat(40) },
      { key: 'timestamp', value: '1700000000' },
      { key: 'nonce', value: 'portman' },
    ],
    overwriteRequestBody: [{ key: '.', value: { MsgType: 'event', Event: 'wxa_media_check' } }],
  },
};

export interface PortmanPlan {
  config: object;
  /** operationId → the statuses its requests are expected to get (main request and variations). */
  expected: Map<string, number[]>;
}

export function portmanPlan(routes: RouteContract[]): PortmanPlan {
  const contractTests: object[] = [];
  const overwrites: object[] = [];
  const variationTests: object[] = [];
  const expected = new Map<string, number[]>();
  // One oversized body per bounded context (the id's prefix) is enough: the limit is the pipeline's, not a route's.
  const oversized = new Set<string>();
  for (const route of routes) {
    const context = route.id.split('.')[0]!;
    if (takesBody(route) && !NOT_SENT.has(route.id) && ![...oversized].some((id) => id.startsWith(`${context}.`)))
      oversized.add(route.id);
  }
  const expect = (route: RouteContract, status: number) => {
    if (!answeredStatuses(route).has(status)) throw new Error(`${route.id} does not document ${status}`);
    expected.set(route.id, [...(expected.get(route.id) ?? []), status]);
  };

  for (const route of routes) {
    if (NOT_SENT.has(route.id)) continue;
    const op = { openApiOperationId: route.id };
    const caller = callerFor(route);
    const main = mainExpectation(route);
    expect(route, main.status);
    contractTests.push(...checks(main.status).map((c) => ({ ...op, openApiResponse: String(main.status), ...c })));
    overwrites.push({
      ...op,
      ...(caller ? { overwriteRequestSecurity: bearer(caller) } : {}),
      overwriteRequestPathVariables: pathVariables(route, 'does-not-exist'),
      ...(route.access.kind === 'public'
        ? PUBLIC_INPUT[route.id]
        : takesBody(route)
          ? { overwriteRequestBody: [{ key: '.', value: { portmanUnknownField: true } }] }
          : {}),
    });

    const variation = (name: string, status: number, over: object) => {
      expect(route, status);
      variationTests.push({
        ...op,
        openApiResponse: String(status),
        variations: [
          {
            name,
            overwrites: [
              {
                overwriteRequestPathVariables: pathVariables(route, 'does-not-exist'),
                ...(caller ? { overwriteRequestSecurity: bearer(caller) } : {}),
                ...(route.access.kind === 'public' ? PUBLIC_INPUT[route.id] : {}),
                ...over,
              },
            ],
            tests: { contractTests: checks(status) },
          },
        ],
      });
    };
    if (route.access.kind !== 'public')
      variation('without a token', 401, { overwriteRequestSecurity: { remove: true } });
    if (route.access.kind === 'roles')
      variation('by a stranger to the community', 403, { overwriteRequestSecurity: bearer('wu') });
    if (pathParamNames(route.path).length)
      variation('with a malformed id', 400, {
        overwriteRequestPathVariables: pathVariables(route, 'x'.repeat(65), true),
      });
    if (takesBody(route))
      variation('sent as text/plain', 415, {
        overwriteRequestHeaders: [{ key: 'Content-Type', value: 'text/plain' }],
      });
    if (oversized.has(route.id))
      variation('with a body over 256 KB', 413, {
        overwriteRequestBody: [{ key: '.', value: { portmanUnknownField: 'x'.repeat(300 * 1024) } }],
      });
  }

  const config = {
    version: 1.0,
    tests: { contractTests, variationTests, contentTests: [], extendTests: [] },
    overwrites,
    assignVariables: [],
    globals: {
      stripResponseExamples: true,
      // Beyond each operation's own checks: no answer is a 5xx, and none is a status its route does not
      // document (the local stack marks those, see functions/src/http/api.ts).
      collectionTestScripts: [
        [
          "pm.test('[linli] no 5xx', () => pm.expect(pm.response.code).to.be.below(500));",
          "pm.test('[linli] the status is documented', () => pm.expect(pm.response.headers.has('x-linli-undocumented-status')).to.equal(false));",
        ].join('\n'),
      ],
    },
  };
  return { config, expected };
}

export interface NewmanExecution {
  item: { name: string };
  request: { method: string; url: { path?: string[] } };
  response?: { code: number; header?: { key: string; value: string }[] };
  assertions?: { assertion: string; error?: { message: string } }[];
}
export interface NewmanReport {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    executions: NewmanExecution[];
    failures: { error: { message: string; test?: string }; source?: { name?: string } }[];
    timings: { started: number; completed: number };
  };
}

/** Writes the document, Portman's config and newman's options to a scratch folder and runs Portman there. */
export async function runPortman(opts: {
  document: object;
  baseUrl: string;
  tokens: Partial<Record<PersonaKey, string>>;
  plan: PortmanPlan;
}): Promise<{ report: NewmanReport; output: string; collection: { item: unknown[] } }> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-portman-'));
  const file = (name: string, value: object) => {
    writeFileSync(join(dir, name), JSON.stringify(value));
    return join(dir, name);
  };
  const config = opts.plan.config as { globals: Record<string, unknown> };
  config.globals.collectionVariables = Object.fromEntries(
    Object.entries(opts.tokens).map(([who, token]) => [tokenVar(who as PersonaKey), token]),
  );
  const reportPath = join(dir, 'newman.json');
  const args = [
    '--local',
    file('openapi.json', opts.document),
    '--baseUrl',
    opts.baseUrl,
    '--portmanConfigFile',
    file('portman-config.json', config),
    '--output',
    join(dir, 'collection.json'),
    '--runNewman',
    '--newmanOptionsFile',
    file('newman-options.json', {
      reporters: ['cli', 'json'],
      reporter: { json: { export: reportPath }, cli: { noSummary: false, silent: true } },
      timeoutRequest: 30_000,
      abortOnFailure: false, // Portman's default stops at the first failed check; we want them all
    }),
    '--syncPostman',
    'false',
    '--warn',
    'false',
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin('portman'), args, { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  let report: NewmanReport;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as NewmanReport;
  } catch {
    throw new Error(`Portman/newman wrote no report:\n${output.slice(-4000)}`);
  }
  const collection = JSON.parse(readFileSync(join(dir, 'collection.json'), 'utf8')) as { item: unknown[] };
  // The scratch folder holds a few MB (the oversized bodies); LINLI_KEEP_PORTMAN=1 keeps it to inspect.
  if (!process.env.LINLI_KEEP_PORTMAN) rmSync(dir, { recursive: true, force: true });
  return { report, output, collection };
}
