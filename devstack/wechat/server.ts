import { createHash, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  DEFAULT_RISKY_WORDS,
  ENDPOINTS,
  describeSend,
  isRecord,
  outcome,
  type Persona,
  type RiskyWord,
  type SubscribeTemplate,
  type WeChatAnswer,
  type WeChatApiContext,
  type WeChatEndpoint,
} from './api';
import { failure } from './errcodes';
import { renderDevPage } from './page';
import { StandInState, WECHAT_APIS, type RecordedMediaCheck, type WeChatApiName } from './state';

/**
 * A local stand-in for WeChat's servers (api.weixin.qq.com): jscode2session, stable_token, subscribeMessage.send,
 * msgSecCheck and mediaCheckAsync with WeChat's request checks, response shapes and errcodes, plus /dev routes that do
 * what a phone would (mint login codes, grant subscriptions), inject faults, and show what would have been sent.
 */
export interface WeChatStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  appId: string;
  appSecret: string;
  personas?: Persona[];
  /** Templates to enforce (unknown template_id → 40037, missing keyword → 47003); without them any template is accepted. */
  templates?: SubscribeTemplate[];
  /** Map any unknown well-formed login code to the openid `devtools-user`, for WeChat DevTools pointed at the local stack. */
  acceptAnyCode?: boolean;
  /** jscode2session calls per user (openid) per minute before 45011 (WeChat documents 100). */
  code2SessionPerMinute?: number;
  riskyWords?: RiskyWord[];
  /** Where to push wxa_media_check events (WeChat's 消息推送 URL), signed with `callbackToken` as WeChat signs pushes. */
  callbackUrl?: string;
  callbackToken?: string;
  callbackDelayMs?: number;
  /** The stand-in's clock in epoch milliseconds; tests move it to expire codes and tokens. */
  now?: () => number;
}

export interface WeChatStandIn {
  url: string;
  port: number;
  state: StandInState;
  close(): Promise<void>;
}

export const DEFAULT_CALLBACK_TOKEN = 'linli-local-push-token';
const MAX_BODY_BYTES = 1 << 20;

type Reply = { status: number; json?: unknown; html?: string };

/** A request the stand-in refuses; /dev routes answer it 400 with the reason. */
class BadRequestError extends Error {}

export async function startWeChatStandIn(options: WeChatStandInOptions): Promise<WeChatStandIn> {
  const now = options.now ?? Date.now;
  const state = new StandInState(now, options.acceptAnyCode ?? false);
  const pushes = new MediaCheckPushes(options, now);
  const ctx: WeChatApiContext = {
    state,
    appId: options.appId,
    appSecret: options.appSecret,
    personas: options.personas ?? [],
    templates: new Map((options.templates ?? []).map((t) => [t.id, t])),
    riskyWords: options.riskyWords ?? DEFAULT_RISKY_WORDS,
    code2SessionPerMinute: options.code2SessionPerMinute ?? 100,
    onMediaCheck: (check) => pushes.schedule(check),
  };

  async function answerWeChat(endpoint: WeChatEndpoint, req: IncomingMessage, query: URLSearchParams) {
    let body: Record<string, unknown> = {};
    let answer: WeChatAnswer | undefined;
    if (endpoint.method === 'POST') {
      const read = await readWeChatJson(req);
      if ('refusal' in read) answer = read.refusal;
      else body = read.body;
    }
    if (answer === undefined) {
      const fault = state.takeFault(endpoint.api);
      answer = fault === undefined ? endpoint.answer(ctx, query, body) : failure(fault);
    }
    state.recordCall(endpoint.api, outcome(answer).errcode);
    // Every send attempt is kept, refused ones too: that is what the dev page and the tests look at.
    if (endpoint.api === 'subscribe.send') state.sent.push(describeSend(body, answer, new Date(now())));
    return answer;
  }

  const devRoutes: Record<string, (body: Record<string, unknown>) => unknown> = {
    'POST /dev/login-code': (body) => ({ code: state.mintLoginCode(requireText(body, 'openid')) }),
    'POST /dev/grants': (body) =>
      state.addGrants(requireText(body, 'openid'), requireText(body, 'templateId'), requireCount(body, 'count')),
    'GET /dev/grants': () => [...state.grants.values()],
    // The H5 demo's persona picker lists these, then asks for a login code for the chosen one.
    'GET /dev/personas': () => ctx.personas.map(({ openid, label, roles }) => ({ openid, label, roles: roles ?? '' })),
    'GET /dev/sent': () => state.sent,
    'POST /dev/faults': (body) => {
      const api = requireText(body, 'api');
      if (!isApiName(api)) throw new BadRequestError(`api must be one of ${WECHAT_APIS.join(', ')}`);
      if (typeof body.errcode !== 'number' || !Number.isInteger(body.errcode) || body.errcode === 0) {
        throw new BadRequestError('errcode must be a non-zero integer');
      }
      const times = body.times === undefined ? 1 : requireCount(body, 'times');
      state.injectFault(api, body.errcode, times);
      return { api, errcode: body.errcode, times };
    },
    'POST /dev/reset': () => {
      state.reset();
      return { reset: true };
    },
    'POST /dev/tokens/expire': () => {
      state.expireAccessTokens();
      return { expired: true };
    },
    'POST /dev/tokens/invalidate': () => {
      state.invalidateAccessTokens();
      return { invalidated: true };
    },
  };

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    const endpoint = ENDPOINTS.get(url.pathname);
    if (endpoint !== undefined) return { status: 200, json: await answerWeChat(endpoint, req, url.searchParams) };
    if (method === 'GET' && url.pathname === '/') {
      const page = renderDevPage({
        appId: ctx.appId,
        personas: ctx.personas,
        templates: ctx.templates,
        grants: [...state.grants.values()],
        sends: state.sent,
      });
      return { status: 200, html: page };
    }
    // The H5 build calls /dev routes from the browser (another origin): answer its CORS preflight.
    if (method === 'OPTIONS' && url.pathname.startsWith('/dev/')) return { status: 204 };
    const devRoute = devRoutes[`${method} ${url.pathname}`];
    if (devRoute === undefined) return { status: 404, json: { error: `no route ${method} ${url.pathname}` } };
    try {
      const text = await readBody(req);
      const body = text.trim() === '' ? {} : parseJson(text);
      if (!isRecord(body)) throw new BadRequestError('the body must be a JSON object');
      return { status: 200, json: devRoute(body) };
    } catch (error) {
      if (error instanceof BadRequestError) return { status: 400, json: { error: error.message } };
      throw error;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    route(req, url).then(
      (reply) => respond(res, url, reply),
      (error: unknown) => respond(res, url, { status: 500, json: { error: String(error) } }),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stand-in is not listening on TCP');
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    state,
    async close() {
      await pushes.close();
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Delivers wxa_media_check events to the configured push URL shortly after each mediaCheckAsync, the way WeChat's
 * 消息推送 does in plaintext JSON mode: POST with `signature`, `timestamp` and `nonce` in the query, where signature is
 * sha1 of the token, timestamp and nonce sorted and joined
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html).
 * The event's fields follow the v2 push in the mediaCheckAsync doc
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html).
 */
class MediaCheckPushes {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: WeChatStandInOptions,
    private readonly now: () => number,
  ) {}

  schedule(check: RecordedMediaCheck): void {
    const url = this.options.callbackUrl;
    if (url === undefined) return;
    check.callback = 'pending';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const delivery = this.deliver(url, check).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }, this.options.callbackDelayMs ?? 200);
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  private async deliver(callbackUrl: string, check: RecordedMediaCheck): Promise<void> {
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = String(randomInt(1_000_000_000));
    const token = this.options.callbackToken ?? DEFAULT_CALLBACK_TOKEN;
    const url = new URL(callbackUrl);
    url.searchParams.set('signature', sha1([token, timestamp, nonce].sort().join('')));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    // The doc types label as a number; pushes quoted on the developer forum carry it as a string. Send what WeChat sends.
    const verdict = { suggest: check.suggest, label: String(check.label) };
    const event = {
      ToUserName: `gh_${sha1(this.options.appId).slice(0, 12)}`,
      FromUserName: check.openid,
      CreateTime: Number(timestamp),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.options.appId,
      trace_id: check.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, ...verdict, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: verdict,
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(5000), // WeChat gives up on a push after five seconds too
      });
      check.callback = response.ok ? 'delivered' : 'failed';
    } catch {
      check.callback = 'failed';
    }
  }
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function respond(res: ServerResponse, url: URL, reply: Reply): void {
  if (url.pathname.startsWith('/dev/')) {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'content-type');
  }
  if (reply.html !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
  } else if (reply.json !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status).end();
  }
}

/** WeChat's POST APIs take a JSON object: GET answers 43002, an empty body 44002, anything else that is not JSON 47001. */
async function readWeChatJson(
  req: IncomingMessage,
): Promise<{ body: Record<string, unknown> } | { refusal: WeChatAnswer }> {
  if (req.method !== 'POST') return { refusal: failure(43002) };
  const text = await readBody(req);
  if (text.trim() === '') return { refusal: failure(44002) };
  const parsed = parseJson(text);
  return isRecord(parsed) ? { body: parsed } : { refusal: failure(47001) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequestError('the body is larger than 1 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON.parse that answers undefined for text that is not JSON, so each caller picks its own error. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requireText(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw new BadRequestError(`${field} must be a non-empty string`);
  return value;
}

function requireCount(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new BadRequestError(`${field} must be a positive integer`);
  }
  return value;
}

const isApiName = (name: string): name is WeChatApiName => (WECHAT_APIS as readonly string[]).includes(name);
