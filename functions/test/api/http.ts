import { buildPath, type RequestOf, type ResponseOf, type RouteContract } from '@linli/shared';
import { persona, type PersonaKey } from '../../../devstack/seed/personas';

/** What a route answered: status, parsed body and the diagnostics header of the local stack. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /**
   * From the local stack's diagnostics headers: the DynamoDB calls of this request; `outside`, calls since
   * the previous answer that belong to no request; `changed`, the `PK SK` of every item this request wrote.
   */
  dbOps?: { reads: number; writes: number; commands: string[]; outside: number; changed: string[] };
}

export const apiUrl = () => process.env.LINLI_TEST_API as string;
export const wechatUrl = () => process.env.LINLI_TEST_WECHAT as string;

/** Raw HTTP against the API, for hostile-input tests that must send what no client would. */
export async function raw(
  method: string,
  path: string,
  init: { token?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      // API Gateway's HTTP APIs never compress; serverless-offline's hapi gzips what fetch accepts, a CPU
      // cost of the emulator alone (the benchmarks call through here too).
      'accept-encoding': 'identity',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  const text = await res.text();
  // The stack flags a status the route's contract does not list (api.ts): the OpenAPI document would lie.
  const undocumented = res.headers.get('x-linli-undocumented-status');
  if (undocumented)
    throw new Error(
      `${method} ${path} answered ${undocumented}, which its contract does not document ` +
        `(declare it in the route's answers; see docs/DEVELOPING.md): ${text.slice(0, 300)}`,
    );
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  const ops = res.headers.get('x-linli-db-ops');
  const changed = res.headers.get('x-linli-db-changed');
  const dbOps = ops
    ? (() => {
        const m = Object.fromEntries(ops.split(';').map((kv) => kv.split('=') as [string, string]));
        return {
          reads: Number(m.reads),
          writes: Number(m.writes),
          commands: m.commands ? m.commands.split(',') : [],
          outside: Number(m.outside ?? 0),
          changed: changed ? changed.split(',').map(decodeURIComponent) : [],
        };
      })()
    : undefined;
  return { status: res.status, body, headers: res.headers, dbOps };
}

/** Calls a route by its contract, as the mini-program does. */
export async function call<C extends RouteContract>(
  contract: C,
  req: Partial<RequestOf<C>> & { token?: string } = {},
): Promise<Answer<ResponseOf<C>>> {
  const query = req.query
    ? `?${new URLSearchParams(
        Object.entries(req.query as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)] as [string, string]),
      )}`
    : '';
  return raw(contract.method, buildPath(contract.path, (req.params ?? {}) as Record<string, unknown>) + query, {
    token: req.token,
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  }) as Promise<Answer<ResponseOf<C>>>;
}

/** A one-time login code from the WeChat stand-in, as wx.login would give the phone. */
export async function loginCode(openid: string): Promise<string> {
  const res = await fetch(`${wechatUrl()}/dev/login-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  return ((await res.json()) as { code: string }).code;
}

const tokens = new Map<string, { token: string; at: number }>();
/** Access tokens live 15 minutes: a cached one is reused for 10 (a long benchmark run outlives them). */
const REUSE_TOKEN_MS = 10 * 60_000;

/** Signs in through POST /auth/wechat as a demo persona (cached per test file) or any openid. */
export async function signIn(who: PersonaKey | { openid: string }): Promise<string> {
  const openid = typeof who === 'string' ? persona(who).openid : who.openid;
  const cached = tokens.get(openid);
  if (cached && Date.now() - cached.at < REUSE_TOKEN_MS) return cached.token;
  const res = await raw('POST', '/auth/wechat', { body: JSON.stringify({ code: await loginCode(openid) }) });
  if (res.status !== 200) throw new Error(`sign-in as ${openid} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = (res.body as { accessToken: string }).accessToken;
  tokens.set(openid, { token, at: Date.now() });
  return token;
}

/** Polls until the probe answers (streams and the dispatcher work after the request returns). */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export { step } from '../step';
