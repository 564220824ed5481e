import { randomBytes } from 'node:crypto';

/** The WeChat APIs the stand-in serves, named after their paths; faults and call records use these names. */
export const WECHAT_APIS = [
  'jscode2session',
  'stable_token',
  'subscribe.send',
  'msg_sec_check',
  'media_check_async',
] as const;
export type WeChatApiName = (typeof WECHAT_APIS)[number];

/** The openid every DevTools login maps to when the stand-in accepts codes it did not mint. */
export const DEVTOOLS_OPENID = 'devtools-user';

// wx.login codes are valid for five minutes and once only (code2Session doc; community answers quote "五分钟有效").
const LOGIN_CODE_TTL_MS = 5 * 60_000;
// "access_token … 有效期为 7200 秒", and in normal mode "平台会提前 5 分钟更新 access_token" (getStableAccessToken doc).
const ACCESS_TOKEN_TTL_MS = 7200_000;
const ACCESS_TOKEN_RENEWAL_WINDOW_MS = 5 * 60_000;
// "连续使用该模式时，请保证调用时间隔至少为 30s，否则不会刷新" (getStableAccessToken doc, force_refresh).
const FORCE_REFRESH_MIN_INTERVAL_MS = 30_000;
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// A DevTools wx.login code is an opaque token of letters and digits; anything else is certainly not one.
const WELL_FORMED_CODE = /^[0-9A-Za-z]{16,128}$/;

/** One call the stand-in answered, for tests that count calls or look at outcomes. */
export interface ApiCall {
  api: WeChatApiName;
  errcode: number;
  at: string;
}

/** A subscribe-message send attempt as the stand-in received it, accepted or not. */
export interface RecordedSend {
  at: string;
  touser: string;
  templateId: string;
  page?: string;
  miniprogramState?: string;
  lang?: string;
  /** keyword → value, as sent (values that are not text are shown as JSON). */
  data: Record<string, string>;
  errcode: number;
  errmsg: string;
}

export interface RecordedMediaCheck {
  traceId: string;
  openid: string;
  mediaUrl: string;
  mediaType: number;
  scene: number;
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  /** Whether the wxa_media_check event reached the configured callback URL. */
  callback: 'not configured' | 'pending' | 'delivered' | 'failed';
}

export interface Grant {
  openid: string;
  templateId: string;
  remaining: number;
}

interface LoginCode {
  openid: string;
  expiresAt: number;
  used: boolean;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

export type TokenCheck = 0 | 40001 | 41001 | 42001;
export type CodeRedemption = { openid: string } | { errcode: 40029 | 40163 };

/**
 * Everything the stand-in remembers: login codes, access tokens, one-time subscribe grants, injected faults and a
 * record of calls. Tests in the same process read and drive it directly; the /dev routes drive it over HTTP.
 */
export class StandInState {
  readonly calls: ApiCall[] = [];
  readonly sent: RecordedSend[] = [];
  readonly mediaChecks: RecordedMediaCheck[] = [];
  /** Remaining one-time grants, keyed by {@link grantKey}. */
  readonly grants = new Map<string, Grant>();

  private readonly loginCodes = new Map<string, LoginCode>();
  private readonly tokens = new Map<string, IssuedToken>();
  private currentToken: string | undefined;
  private lastForcedRefreshAt: number | undefined;
  private readonly faults = new Map<WeChatApiName, { errcode: number; remaining: number }>();
  private readonly callsPerMinute = new Map<string, number>();

  constructor(
    readonly now: () => number,
    private readonly acceptAnyCode: boolean,
  ) {}

  reset(): void {
    this.calls.length = 0;
    this.sent.length = 0;
    this.mediaChecks.length = 0;
    this.grants.clear();
    this.loginCodes.clear();
    this.tokens.clear();
    this.currentToken = undefined;
    this.lastForcedRefreshAt = undefined;
    this.faults.clear();
    this.callsPerMinute.clear();
  }

  recordCall(api: WeChatApiName, errcode: number): void {
    this.calls.push({ api, errcode, at: new Date(this.now()).toISOString() });
  }

  /**
   * Mints a one-time login code for an openid, as `wx.login` would on a phone: 32 letters and digits. Codes are never
   * forgotten (before a reset), so an expired code keeps answering 40029 even when unknown codes are accepted.
   */
  mintLoginCode(openid: string): string {
    const code = Array.from(randomBytes(32), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
    this.loginCodes.set(code, { openid, expiresAt: this.now() + LOGIN_CODE_TTL_MS, used: false });
    return code;
  }

  /** Who a login code belongs to, without using it up (a call refused for its quota leaves the code good). */
  peekLoginCode(code: string): CodeRedemption {
    let entry = this.loginCodes.get(code);
    if (entry === undefined && this.acceptAnyCode && WELL_FORMED_CODE.test(code)) {
      entry = { openid: DEVTOOLS_OPENID, expiresAt: this.now() + LOGIN_CODE_TTL_MS, used: false };
      this.loginCodes.set(code, entry);
    }
    if (entry === undefined || entry.expiresAt <= this.now()) return { errcode: 40029 };
    if (entry.used) return { errcode: 40163 };
    return { openid: entry.openid };
  }

  redeemLoginCode(code: string): CodeRedemption {
    const peeked = this.peekLoginCode(code);
    if (!('errcode' in peeked)) this.loginCodes.get(code)!.used = true;
    return peeked;
  }

  /** Counts a call toward a per-minute quota (of a user, or of an app) and returns the count in the current minute. */
  countCallThisMinute(api: WeChatApiName, caller: string): number {
    const key = `${api} ${caller} ${Math.floor(this.now() / 60_000)}`;
    const count = (this.callsPerMinute.get(key) ?? 0) + 1;
    this.callsPerMinute.set(key, count);
    return count;
  }

  /**
   * stable_token semantics: normal mode returns the current token while more than five minutes of it remain, and a new
   * one after that (the old one stays valid until it expires); force_refresh revokes the current token and mints a new
   * one, but no more often than every 30 seconds — within that interval it answers the current token.
   */
  issueAccessToken(forceRefresh: boolean): { token: string; expiresInSeconds: number } {
    const now = this.now();
    const current = this.currentToken === undefined ? undefined : this.tokens.get(this.currentToken);
    const usable = current !== undefined && !current.revoked && now < current.expiresAt;
    if (usable && this.currentToken !== undefined) {
      const keep = forceRefresh
        ? this.lastForcedRefreshAt !== undefined && now - this.lastForcedRefreshAt < FORCE_REFRESH_MIN_INTERVAL_MS
        : current.expiresAt - now > ACCESS_TOKEN_RENEWAL_WINDOW_MS;
      if (keep) return { token: this.currentToken, expiresInSeconds: Math.floor((current.expiresAt - now) / 1000) };
    }
    if (forceRefresh) {
      this.lastForcedRefreshAt = now;
      if (current) current.revoked = true;
    }
    const token = randomBytes(96).toString('base64url');
    this.tokens.set(token, { expiresAt: now + ACCESS_TOKEN_TTL_MS, revoked: false });
    this.currentToken = token;
    return { token, expiresInSeconds: ACCESS_TOKEN_TTL_MS / 1000 };
  }

  checkAccessToken(token: string | null): TokenCheck {
    if (!token) return 41001;
    const issued = this.tokens.get(token);
    if (issued === undefined || issued.revoked) return 40001;
    if (this.now() >= issued.expiresAt) return 42001;
    return 0;
  }

  /** Test control: every token issued so far answers 42001 access_token expired. */
  expireAccessTokens(): void {
    for (const issued of this.tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, this.now());
  }

  /** Test control: every token issued so far answers 40001, as after a force refresh from another environment. */
  invalidateAccessTokens(): void {
    for (const issued of this.tokens.values()) issued.revoked = true;
  }

  /** Mirrors the user tapping 允许 in wx.requestSubscribeMessage `count` times for one template. */
  addGrants(openid: string, templateId: string, count: number): Grant {
    const key = grantKey(openid, templateId);
    const grant = this.grants.get(key) ?? { openid, templateId, remaining: 0 };
    grant.remaining += count;
    this.grants.set(key, grant);
    return grant;
  }

  grantsLeft(openid: string, templateId: string): number {
    return this.grants.get(grantKey(openid, templateId))?.remaining ?? 0;
  }

  /** Uses up one grant; false when the user holds none (WeChat answers 43101). */
  consumeGrant(openid: string, templateId: string): boolean {
    const grant = this.grants.get(grantKey(openid, templateId));
    if (grant === undefined || grant.remaining === 0) return false;
    grant.remaining -= 1;
    return true;
  }

  /** Makes the next `times` calls to `api` answer `errcode`, whatever they ask. */
  injectFault(api: WeChatApiName, errcode: number, times: number): void {
    this.faults.set(api, { errcode, remaining: times });
  }

  takeFault(api: WeChatApiName): number | undefined {
    const fault = this.faults.get(api);
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.delete(api);
    return fault.errcode;
  }
}

const grantKey = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
