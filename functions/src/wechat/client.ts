import { MINUTE_MS } from '@linli/shared';
/**
 * The WeChat server API (api.weixin.qq.com) as the Lambdas use it: login (code2Session), the access_token
 * (getStableAccessToken, cached centrally), subscribe messages and content security checks. Dependency-free:
 * global fetch, a timeout on every call, and every non-zero errcode thrown as a {@link WeChatApiError}.
 */

/** Where the access_token lives between Lambda containers (the real one is a DynamoDB item). */
export interface AccessTokenStore {
  get(): Promise<{ token: string; expiresAt: number } | undefined>;
  /**
   * Saves a token expiring at `expiresAt` (epoch ms). `previousToken` is the token the caller saw stored when it
   * decided to fetch a new one (undefined when none): a store may write only if that is still the stored token, so a
   * slow writer never replaces a newer token. Losing that race is harmless, since both tokens are valid.
   */
  put(token: string, expiresAt: number, previousToken?: string): Promise<void>;
}

/** An {@link AccessTokenStore} in memory, for tests and single-process tools. */
export class InMemoryAccessTokenStore implements AccessTokenStore {
  private saved: { token: string; expiresAt: number } | undefined;

  async get() {
    return this.saved;
  }

  async put(token: string, expiresAt: number, previousToken?: string) {
    if (previousToken !== undefined && this.saved !== undefined && this.saved.token !== previousToken) return;
    this.saved = { token, expiresAt };
  }
}

// Error codes by what a caller does about them. Sources: code2Session
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html (40029, 40226, 45011, -1),
// sendMessage https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
// (40001, 40014, 43101), and the global return codes
// https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html
// (40163 code been used, 42001 access_token expired, 45009 daily quota, 45047 per-user downlink limit).
const RATE_LIMITED = new Set([45009, 45011, 45047]);
const INVALID_CODE = new Set([40029, 40163]);
const TOKEN_INVALID = new Set([40001, 40014, 42001]);
const SYSTEM_BUSY = -1;

/** A WeChat API answer with a non-zero errcode, or a failure to get any answer (errcode -1, like WeChat's "system busy"). */
export class WeChatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
    options?: { cause?: unknown },
  ) {
    super(`${api} failed: ${errcode} ${errmsg}`, options);
    this.name = 'WeChatApiError';
  }

  /** Too many calls this minute or today; try again later, not now. */
  get isRateLimited(): boolean {
    return RATE_LIMITED.has(this.errcode);
  }

  /** The wx.login code is unknown, expired or already used: the mini-program must log in again. */
  get isInvalidCode(): boolean {
    return INVALID_CODE.has(this.errcode);
  }

  /** WeChat refuses to log in a user it rates high-risk (40226 code blocked). */
  get isLoginBlocked(): boolean {
    return this.errcode === 40226;
  }

  /** The user holds no subscribe grant for this template (never allowed it, or used it up). */
  get isUserRefused(): boolean {
    return this.errcode === 43101;
  }

  /** The access_token is unknown, revoked by a forced refresh, or expired; the client replaces it once by itself. */
  get isTokenInvalid(): boolean {
    return TOKEN_INVALID.has(this.errcode);
  }

  /** WeChat was busy or unreachable. The call may or may not have taken effect (a send may have been delivered). */
  get isTransient(): boolean {
    return this.errcode === SYSTEM_BUSY;
  }
}

export type SubscribeMessage = {
  touser: string;
  templateId: string;
  /** The page the message card opens, with query, e.g. `pages/grievance/detail?id=…`. */
  page?: string;
  /** Keyword → value, e.g. `{ thing1: '楼道灯不亮', phrase2: '处理中' }`; values must meet WeChat's per-type rules. */
  data: Record<string, string>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
};

/** msgSecCheck / mediaCheckAsync 场景: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export const ContentScene = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const;
export type ContentScene = (typeof ContentScene)[keyof typeof ContentScene];

export type ContentVerdict = {
  suggest: 'pass' | 'review' | 'risky';
  /** 100 正常, 10001 广告, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 其他. */
  label: number;
  traceId: string;
};

/**
 * The event WeChat pushes to the 消息推送 URL when a mediaCheckAsync finishes (plaintext JSON mode, version 2), per
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html
 * Pushes quoted on the developer forum carry numbers as strings ("label": "20002"), hence `number | string`.
 */
export interface WxaMediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number | string;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: number | string;
  result: { suggest: 'pass' | 'review' | 'risky'; label: number | string };
  detail: {
    strategy: string;
    errcode: number | string;
    suggest?: string;
    label?: number | string;
    prob?: number | string;
  }[];
}

export interface WeChatClientOptions {
  baseUrl: string;
  appId: string;
  secret: () => Promise<string>;
  tokenStore: AccessTokenStore;
  fetch?: typeof fetch;
  /** Per call, including reading the answer. */
  timeoutMs?: number;
  now?: () => number;
}

export type WeChatClient = ReturnType<typeof createWeChatClient>;

// Refresh ahead of expiry: in normal mode stable_token hands out a new token during the last five minutes anyway
// ("平台会提前5分钟更新access_token", getStableAccessToken doc).
const REFRESH_MARGIN_MS = 5 * MINUTE_MS;

export function createWeChatClient(options: WeChatClientOptions) {
  const { appId, tokenStore } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;

  /** Calls one API and answers its JSON object, throwing WeChatApiError for errcode ≠ 0 and for failures to get one. */
  async function call(api: string, path: string, init: { query?: Record<string, string>; json?: unknown }) {
    const url = `${baseUrl}${path}${init.query ? `?${new URLSearchParams(init.query)}` : ''}`;
    // Messages never include the URL: it carries the app secret or the access_token.
    const failed = (cause: unknown, reason: string) =>
      new WeChatApiError(api, SYSTEM_BUSY, timedOut(cause) ? `no answer within ${timeoutMs} ms` : reason, { cause });
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: init.json === undefined ? 'GET' : 'POST',
        headers: init.json === undefined ? undefined : { 'content-type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw failed(cause, `unreachable (${networkErrorCode(cause) ?? 'network error'})`);
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch (cause) {
      throw failed(cause, `HTTP ${response.status} answer is not JSON`);
    }
    if (!isRecord(answer)) throw new WeChatApiError(api, SYSTEM_BUSY, 'answer is not a JSON object');
    // Success answers of jscode2session and stable_token carry no errcode at all.
    const errcode = typeof answer.errcode === 'number' ? answer.errcode : 0;
    if (errcode !== 0) throw new WeChatApiError(api, errcode, typeof answer.errmsg === 'string' ? answer.errmsg : '');
    return answer;
  }

  function text(api: string, fields: Record<string, unknown>, name: string): string {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') throw new WeChatApiError(api, SYSTEM_BUSY, `answer lacks ${name}`);
    return value;
  }

  const isFresh = (cached: { expiresAt: number }) => cached.expiresAt - now() > REFRESH_MARGIN_MS;

  // The last token this container read or fetched, so a warm Lambda does not read the store on every call.
  let known: { token: string; expiresAt: number } | undefined;
  // Concurrent callers share one load, and one replacement per rejected token.
  let loading: Promise<string> | undefined;
  let replacing: { rejected: string; token: Promise<string> } | undefined;

  async function fetchStableToken(forceRefresh: boolean, previousToken: string | undefined): Promise<string> {
    const api = 'auth.getStableAccessToken';
    const answer = await call(api, '/cgi-bin/stable_token', {
      json: {
        grant_type: 'client_credential',
        appid: appId,
        secret: await options.secret(),
        force_refresh: forceRefresh,
      },
    });
    const token = text(api, answer, 'access_token');
    if (typeof answer.expires_in !== 'number') throw new WeChatApiError(api, SYSTEM_BUSY, 'answer lacks expires_in');
    const expiresAt = now() + answer.expires_in * 1000;
    await tokenStore.put(token, expiresAt, previousToken);
    known = { token, expiresAt };
    return token;
  }

  /** The current access_token: this container's, else the stored one, else a new one from stable_token. */
  function getAccessToken(): Promise<string> {
    if (known && isFresh(known)) return Promise.resolve(known.token);
    loading ??= (async () => {
      const stored = await tokenStore.get();
      if (stored && isFresh(stored)) {
        known = stored;
        return stored.token;
      }
      return fetchStableToken(false, stored?.token);
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  /**
   * A token to use instead of `rejected`, which WeChat just refused (40001/42001/40014). Another container may have
   * stored a newer one already; only otherwise force a refresh, which WeChat allows 20 times a day.
   */
  function replaceRejectedToken(rejected: string): Promise<string> {
    if (known?.token === rejected) known = undefined;
    if (known && isFresh(known)) return Promise.resolve(known.token);
    if (replacing?.rejected === rejected) return replacing.token;
    const token = (async () => {
      const stored = await tokenStore.get();
      if (stored && stored.token !== rejected && isFresh(stored)) {
        known = stored;
        return stored.token;
      }
      return fetchStableToken(true, rejected);
    })().finally(() => {
      if (replacing?.token === token) replacing = undefined;
    });
    replacing = { rejected, token };
    return token;
  }

  /** Calls an API that takes the access_token; if WeChat rejects the token, replaces it once and calls once more. */
  async function withAccessToken(api: string, path: string, json: unknown) {
    const token = await getAccessToken();
    try {
      return await call(api, path, { query: { access_token: token }, json });
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !error.isTokenInvalid) throw error;
      return call(api, path, { query: { access_token: await replaceRejectedToken(token) }, json });
    }
  }

  return {
    /**
     * Exchanges a wx.login code for the user's openid (and unionid when the app is bound to an Open Platform account).
     * The session_key in WeChat's answer is dropped here: it must never leave the server, and nothing here needs it.
     */
    async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
      const api = 'auth.code2Session';
      const answer = await call(api, '/sns/jscode2session', {
        query: { appid: appId, secret: await options.secret(), js_code: code, grant_type: 'authorization_code' },
      });
      const openid = text(api, answer, 'openid');
      return typeof answer.unionid === 'string' ? { openid, unionid: answer.unionid } : { openid };
    },

    getAccessToken,

    /** Sends one subscribe message, using up one of the user's grants for the template. */
    async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
      await withAccessToken('subscribeMessage.send', '/cgi-bin/message/subscribe/send', {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([keyword, value]) => [keyword, { value }])),
        miniprogram_state: message.miniprogramState,
        lang: message.lang,
      });
    },

    /** Checks text a user wrote (msgSecCheck v2) before others see it. */
    async msgSecCheck(input: {
      openid: string;
      content: string;
      scene: ContentScene;
      title?: string;
      nickname?: string;
    }): Promise<ContentVerdict> {
      const api = 'security.msgSecCheck';
      const answer = await withAccessToken(api, '/wxa/msg_sec_check', { ...input, version: 2 });
      const { result } = answer;
      const suggest = isRecord(result) ? result.suggest : undefined;
      const label = isRecord(result) ? Number(result.label) : Number.NaN;
      if ((suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') || !Number.isInteger(label)) {
        throw new WeChatApiError(api, SYSTEM_BUSY, 'answer lacks result.suggest or result.label');
      }
      return { suggest, label, traceId: text(api, answer, 'trace_id') };
    },

    /**
     * Starts the check of an image or a recording at a URL WeChat can download (mediaCheckAsync v2). The verdict
     * arrives later as a {@link WxaMediaCheckEvent} with the same trace_id.
     */
    async mediaCheckAsync(input: {
      openid: string;
      mediaUrl: string;
      mediaType: 'audio' | 'image';
      scene: ContentScene;
    }): Promise<{ traceId: string }> {
      const api = 'security.mediaCheckAsync';
      const answer = await withAccessToken(api, '/wxa/media_check_async', {
        media_url: input.mediaUrl,
        media_type: input.mediaType === 'audio' ? 1 : 2,
        version: 2,
        openid: input.openid,
        scene: input.scene,
      });
      return { traceId: text(api, answer, 'trace_id') };
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// AbortSignal.timeout aborts with a DOMException named TimeoutError (matched by name: it may come from another realm).
const timedOut = (cause: unknown) => isRecord(cause) && cause.name === 'TimeoutError';

/** The system error code (ECONNREFUSED, ENOTFOUND, …) under undici's generic "fetch failed". */
function networkErrorCode(cause: unknown): string | undefined {
  const inner = isRecord(cause) ? cause.cause : undefined;
  return isRecord(inner) && typeof inner.code === 'string' ? inner.code : undefined;
}
