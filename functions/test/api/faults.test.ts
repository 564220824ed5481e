import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, identityApi } from '@linli/shared';
import { startStack, type RunningStack } from '../../../devstack/stack';
import { startDynamoLocal } from '../../../devstack/dynamodb';
import { DEMO_COMMUNITY_ID as cid, persona } from '../../../devstack/seed/personas';
import { call, signIn as signInAs } from './http';

/**
 * Faults, on a stack of this file's own with a disk-backed DynamoDB Local so the data survives them:
 * - the API process dying mid-burst: retried writes post exactly once;
 * - DynamoDB going away under load: the API answers 503 with Retry-After (never a 500, never a
 *   half-written record) and recovers by itself when the database returns.
 */
let stack: RunningStack;
let starting: Promise<RunningStack> | undefined;
let dataDir: string;

/**
 * Budgets for this file's own stack. Starting it seeds the whole demo community and bundles every
 * Lambda: about 50 s of CPU, which took 282 s on 2 cores at load 30 (seed 222 s; 240 s, the old budget,
 * failed the file there). A restart of the API process (crashApi) bundles again. The budgets still catch
 * a hang.
 */
const START_BUDGET_MS = 900_000;
const TEST_BUDGET_MS = 600_000;

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${stack.urls.api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

async function signIn(openid: string) {
  const { code } = (await (
    await fetch(`${stack.urls.wechat}/dev/login-code`, {
      method: 'POST',
      body: JSON.stringify({ openid }),
      headers: { 'content-type': 'application/json' },
    })
  ).json()) as { code: string };
  return post('/auth/wechat', { code });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-faults-'));
  starting = startStack({ ports: 'free', h5: 'none', dataDir });
  stack = await starting;
  // The shared HTTP helpers talk to this file's stack.
  process.env.LINLI_TEST_API = stack.urls.api;
  process.env.LINLI_TEST_WECHAT = stack.urls.wechat;
}, START_BUDGET_MS);

afterAll(async () => {
  // A start that outlived its budget still brings its processes up (detached): wait for it, then stop them.
  await (stack ?? (await starting?.catch(() => undefined)))?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, START_BUDGET_MS);

it(
  'a crash of the API mid-burst loses no ledger entry and duplicates none: each donation retried with its key posts once',
  async () => {
    const T = API.timebank;
    const li = await signInAs('li');
    const sun = await signInAs('sun');
    const params = { communityId: cid };
    const auditBefore = (await call(T.runAudit, { token: sun, params })).body;
    const balanceBefore = (await call(T.wallet, { token: li, params })).body.balance;
    const DONATIONS = 30;
    expect(balanceBefore).toBeGreaterThanOrEqual(DONATIONS);

    const keys = Array.from({ length: DONATIONS }, (_, i) => `crash-${Date.now().toString(36)}-${i}`);
    const donate = (requestId: string) =>
      call(T.donate, { token: li, params, body: { to: 'fund', amount: 1, note: '崩溃测试', requestId } }).then(
        (r) => ({ status: r.status, postingId: r.body.postingId }),
        () => ({ status: 0, postingId: undefined }), // no answer: the process died with the request in it
      );
    // Three clients, ten donations each in turn; the process is killed as the first answer arrives, so
    // some donations are done, some are in flight and the rest never reach it.
    let firstAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const burst = Promise.all(
      [0, 1, 2].map(async (client) => {
        const out: { status: number; postingId?: string }[] = [];
        for (const key of keys.filter((_, i) => i % 3 === client)) {
          out.push(await donate(key));
          firstAnswer();
        }
        return out;
      }),
    );
    await answered;
    await stack.crashApi();
    const during = (await burst).flat();
    expect(during.filter((a) => a.status === 201).length).toBeGreaterThan(0);
    expect(during.filter((a) => a.status === 0).length).toBeGreaterThan(0);
    expect(during.filter((a) => a.status >= 500)).toEqual([]);

    // The client retries every donation with its own key, as the mini-program does after a network error.
    const retried = await Promise.all(keys.map(donate));
    expect(retried.map((a) => a.status).every((s) => s === 200 || s === 201)).toBe(true);
    expect(new Set(retried.map((a) => a.postingId)).size).toBe(DONATIONS);
    for (const first of during)
      if (first.status === 201) expect(retried.some((a) => a.postingId === first.postingId)).toBe(true);

    // Exactly one posting per donation: the balance, the fund and the ledger's own recount agree.
    expect((await call(T.wallet, { token: li, params })).body.balance).toBe(balanceBefore - DONATIONS);
    const auditAfter = (await call(T.runAudit, { token: sun, params })).body;
    expect(auditAfter).toMatchObject({ passed: true, mismatches: [], unbalanced: [], belowZero: [] });
    expect(auditAfter.postings - auditBefore.postings).toBe(DONATIONS);
    expect(auditAfter.fund - auditBefore.fund).toBe(DONATIONS);
  },
  TEST_BUDGET_MS,
);

it(
  'answers 503 with Retry-After while DynamoDB is down, writes nothing half-way, and recovers',
  async () => {
    const session = (await signIn(persona('wang').openid)).body as { accessToken: string };
    const token = session.accessToken;
    const me = async () =>
      (await fetch(`${stack.urls.api}${identityApi.getMe.path}`, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    expect(await me()).toBe(200);

    // Take the database away mid-load: requests in flight and new ones must fail cleanly.
    const load = Promise.all(
      Array.from({ length: 20 }, () =>
        post('/me/privacy-consent', { version: 'x' }, token)
          .then((r) => r.status)
          .catch(() => 0),
      ),
    );
    const port = Number(new URL(stack.urls.dynamo).port);
    await stack.dynamo.stop();
    const during = await Promise.all([
      post('/auth/wechat', { code: 'whatever' }),
      signIn('fault-newcomer'),
      fetch(`${stack.urls.api}/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => ({
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
      })),
    ]);
    for (const answer of during) {
      expect([401, 503]).toContain(answer.status);
      if (answer.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect(during.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(2);
    for (const status of await load) expect(status).not.toBe(500);

    // The database comes back (same data folder): the API recovers without a restart.
    const revived = await startDynamoLocal({ port, dataDir: join(dataDir, 'dynamodb'), quiet: true });
    try {
      expect(await me()).toBe(200);
      // The newcomer whose sign-in failed during the outage has no half-made account: signing in now creates one cleanly.
      const retry = await signIn('fault-newcomer');
      expect(retry.status).toBe(200);
    } finally {
      await revived.stop();
    }
  },
  TEST_BUDGET_MS,
);
