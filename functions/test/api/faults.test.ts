import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityApi } from '@linli/shared';
import { startStack, type RunningStack } from '../../../devstack/stack';
import { startDynamoLocal } from '../../../devstack/dynamodb';
import { persona } from '../../../devstack/seed/personas';

/**
 * DynamoDB going away under load: the API answers 503 with Retry-After (never a 500, never a
 * half-written record) and recovers by itself when the database returns. Runs its own stack with a
 * disk-backed DynamoDB Local so the data survives the outage.
 */
let stack: RunningStack;
let dataDir: string;

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${stack.urls.api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}

async function signIn(openid: string) {
  const { code } = (await (await fetch(`${stack.urls.wechat}/dev/login-code`, { method: 'POST', body: JSON.stringify({ openid }), headers: { 'content-type': 'application/json' } })).json()) as { code: string };
  return post('/auth/wechat', { code });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linli-faults-'));
  stack = await startStack({ ports: 'free', h5: 'none', dataDir });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('answers 503 with Retry-After while DynamoDB is down, writes nothing half-way, and recovers', async () => {
  const session = (await signIn(persona('wang').openid)).body as { accessToken: string };
  const token = session.accessToken;
  const me = async () => (await fetch(`${stack.urls.api}${identityApi.getMe.path}`, { headers: { authorization: `Bearer ${token}` } })).status;
  expect(await me()).toBe(200);

  // Take the database away mid-load: requests in flight and new ones must fail cleanly.
  const load = Promise.all(Array.from({ length: 20 }, (_, i) => post('/me/privacy-consent', { version: 'x' }, token).then((r) => r.status).catch(() => 0)));
  const port = Number(new URL(stack.urls.dynamo).port);
  await stack.dynamo.stop();
  const during = await Promise.all([post('/auth/wechat', { code: 'whatever' }), signIn('fault-newcomer'), fetch(`${stack.urls.api}/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }))]);
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
}, 240_000);
