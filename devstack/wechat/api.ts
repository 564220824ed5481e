import { randomBytes } from 'node:crypto';
import { failure, wechatRequestId, type WeChatFailure } from './errcodes';
import { judgeKeyword } from './keywordRules';
import type { RecordedMediaCheck, RecordedSend, StandInState, WeChatApiName } from './state';

/**
 * The WeChat server API as the stand-in answers it: WeChat's request checks and errcodes, and its response shapes
 * (success answers of jscode2session and stable_token carry no errcode at all). WeChat does not document the order
 * of its checks; ours is request format, credentials, quota, then the request's content.
 */

/** A test identity shown on the dev page; `unionid` is returned only when set, as for an app bound to an Open Platform account. */
export interface Persona {
  openid: string;
  label: string;
  /** The roles the demo account holds, shown in the H5 persona picker. */
  roles?: string;
  unionid?: string;
}

/** A subscribe-message template as configured in the MP console: its keywords by name (thing1…) with their labels. */
export interface SubscribeTemplate {
  id: string;
  title: string;
  keywords: Record<string, string>;
}

/** A word the stand-in's content check flags, with the msgSecCheck label it answers (20006 违法犯罪, 10001 广告, …). */
export interface RiskyWord {
  word: string;
  suggest: 'risky' | 'review';
  label: number;
}

export const DEFAULT_RISKY_WORDS: readonly RiskyWord[] = [
  { word: '赌博', suggest: 'risky', label: 20006 },
  { word: '代开发票', suggest: 'risky', label: 20006 },
  { word: '枪支', suggest: 'risky', label: 20006 },
  { word: '加微信', suggest: 'review', label: 10001 },
];

export interface WeChatApiContext {
  state: StandInState;
  appId: string;
  appSecret: string;
  personas: readonly Persona[];
  /** When empty, any template_id is accepted and keywords are judged by their type alone. */
  templates: ReadonlyMap<string, SubscribeTemplate>;
  riskyWords: readonly RiskyWord[];
  code2SessionPerMinute: number;
  onMediaCheck(check: RecordedMediaCheck): void;
}

export type WeChatAnswer = WeChatFailure | Record<string, unknown>;
type Body = Record<string, unknown>;

const OK = { errcode: 0, errmsg: 'ok' } as const;

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
function code2Session(ctx: WeChatApiContext, query: URLSearchParams): WeChatAnswer {
  const appid = query.get('appid');
  if (!appid) return failure(41002);
  if (appid !== ctx.appId) return failure(40013);
  const secret = query.get('secret');
  if (!secret) return failure(41004);
  if (secret !== ctx.appSecret) return failure(40125);
  if (query.get('grant_type') !== 'authorization_code') return failure(40002);
  const code = query.get('js_code');
  if (!code) return failure(41008);
  // 45011 is "频率限制，每个用户每分钟 100 次": the quota is the user's (whom the code names), not the app's,
  // and only a valid code counts toward it.
  const owner = ctx.state.peekLoginCode(code);
  if ('errcode' in owner) return failure(owner.errcode);
  if (ctx.state.countCallThisMinute('jscode2session', owner.openid) > ctx.code2SessionPerMinute) return failure(45011);
  const redeemed = ctx.state.redeemLoginCode(code);
  if ('errcode' in redeemed) return failure(redeemed.errcode);
  const unionid = ctx.personas.find((p) => p.openid === redeemed.openid)?.unionid;
  return { openid: redeemed.openid, session_key: randomBytes(16).toString('base64'), ...(unionid ? { unionid } : {}) };
}

// https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/access-token/auth.getStableAccessToken.html
function stableToken(ctx: WeChatApiContext, body: Body): WeChatAnswer {
  if (body.grant_type !== 'client_credential') return failure(40002);
  if (!body.appid) return failure(41002);
  if (body.appid !== ctx.appId) return failure(40013);
  if (!body.secret) return failure(41004);
  if (body.secret !== ctx.appSecret) return failure(40125);
  const { token, expiresInSeconds } = ctx.state.issueAccessToken(body.force_refresh === true);
  return { access_token: token, expires_in: expiresInSeconds };
}

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
function sendSubscribeMessage(ctx: WeChatApiContext, body: Body): WeChatAnswer {
  const { touser, template_id: templateId, data } = body;
  if (typeof touser !== 'string' || touser === '') return failure(40003);
  if (typeof templateId !== 'string' || templateId === '') return failure(40037);
  const template = ctx.templates.get(templateId);
  if (ctx.templates.size > 0 && template === undefined) return failure(40037);
  if (!isRecord(data)) return failure(47003, 'data');
  // A configured template fixes the keywords; otherwise judge whatever was sent by its type.
  const keywords = template ? Object.keys(template.keywords) : Object.keys(data);
  if (keywords.length === 0) return failure(47003, 'data');
  for (const keyword of keywords) {
    const entry = data[keyword];
    const verdict = judgeKeyword(keyword, isRecord(entry) ? entry.value : undefined);
    // WeChat names the first offending field: "argument invalid! data.thing1.value is empty" / "… invalid".
    if (verdict !== 'ok') {
      return failure(47003, `data.${keyword}.value ${verdict === 'empty' ? 'is empty' : 'invalid'}`);
    }
  }
  if (!ctx.state.consumeGrant(touser, templateId)) return failure(43101);
  return { ...OK };
}

/** What msgSecCheck and mediaCheckAsync v2 requests share: version 2, the user's openid, a scene. */
function securityCheckRequest(body: Body): { openid: string; scene: number } | WeChatFailure {
  if (body.version !== 2) return failure(47001, '(the stand-in speaks version 2 only)');
  const { openid, scene } = body;
  if (typeof openid !== 'string' || openid === '') return failure(40003);
  // 场景枚举值: 1 资料, 2 评论, 3 论坛, 4 社交日志
  if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene)) return failure(40129);
  return { openid, scene };
}

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
function msgSecCheck(ctx: WeChatApiContext, body: Body): WeChatAnswer {
  const request = securityCheckRequest(body);
  if ('errcode' in request) return request;
  if (typeof body.content !== 'string' || body.content === '') return failure(44002);
  const text = [body.content, body.title, body.nickname, body.signature]
    .filter((t) => typeof t === 'string')
    .join('\n');
  const hit = ctx.riskyWords.find((w) => text.includes(w.word));
  const verdict = hit ? { suggest: hit.suggest, label: hit.label } : { suggest: 'pass', label: 100 };
  return {
    ...OK,
    // The content model answers the verdict; the keyword strategy covers the developer's own word list, empty here.
    detail: [
      { strategy: 'content_model', errcode: 0, ...verdict, prob: 90 },
      { strategy: 'keyword', errcode: 0 },
    ],
    trace_id: wechatRequestId(),
    result: verdict,
  };
}

// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html
function mediaCheckAsync(ctx: WeChatApiContext, body: Body): WeChatAnswer {
  const request = securityCheckRequest(body);
  if ('errcode' in request) return request;
  const { media_url: mediaUrl, media_type: mediaType } = body;
  if (typeof mediaUrl !== 'string' || mediaUrl === '') return failure(44002);
  if (mediaType !== 1 && mediaType !== 2) return failure(47001); // 1 音频, 2 图片
  // `risky` in the file name is flagged; `needs-review` asks for a person's judgement (suggest=review).
  const risky = mediaUrl.includes('risky');
  const review = !risky && mediaUrl.includes('needs-review');
  const check: RecordedMediaCheck = {
    traceId: wechatRequestId(),
    ...request,
    mediaUrl,
    mediaType,
    suggest: risky ? 'risky' : review ? 'review' : 'pass',
    label: risky ? 20002 : review ? 21000 : 100, // 20002 色情, the usual reason an image is flagged
    callback: 'not configured',
  };
  ctx.state.mediaChecks.push(check);
  ctx.onMediaCheck(check);
  return { ...OK, trace_id: check.traceId };
}

export interface WeChatEndpoint {
  api: WeChatApiName;
  method: 'GET' | 'POST';
  answer(ctx: WeChatApiContext, query: URLSearchParams, body: Body): WeChatAnswer;
}

/** The WeChat endpoints by path. Every POST endpoint takes a JSON body and the access_token (except stable_token). */
export const ENDPOINTS: ReadonlyMap<string, WeChatEndpoint> = new Map<string, WeChatEndpoint>([
  ['/sns/jscode2session', { api: 'jscode2session', method: 'GET', answer: (ctx, query) => code2Session(ctx, query) }],
  ['/cgi-bin/stable_token', { api: 'stable_token', method: 'POST', answer: (ctx, _q, body) => stableToken(ctx, body) }],
  [
    '/cgi-bin/message/subscribe/send',
    { api: 'subscribe.send', method: 'POST', answer: withToken(sendSubscribeMessage) },
  ],
  ['/wxa/msg_sec_check', { api: 'msg_sec_check', method: 'POST', answer: withToken(msgSecCheck) }],
  ['/wxa/media_check_async', { api: 'media_check_async', method: 'POST', answer: withToken(mediaCheckAsync) }],
]);

function withToken(answer: (ctx: WeChatApiContext, body: Body) => WeChatAnswer): WeChatEndpoint['answer'] {
  return (ctx, query, body) => {
    const check = ctx.state.checkAccessToken(query.get('access_token'));
    return check === 0 ? answer(ctx, body) : failure(check);
  };
}

/** The send as recorded for the dev page and tests, whatever shape the caller sent. */
export function describeSend(body: unknown, answer: WeChatAnswer, at: Date): RecordedSend {
  const fields = isRecord(body) ? body : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const data: Record<string, string> = {};
  if (isRecord(fields.data)) {
    for (const [keyword, entry] of Object.entries(fields.data)) {
      const value = isRecord(entry) ? entry.value : entry;
      data[keyword] = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    }
  }
  const { errcode, errmsg } = outcome(answer);
  return {
    at: at.toISOString(),
    touser: text(fields.touser) ?? '',
    templateId: text(fields.template_id) ?? '',
    page: text(fields.page),
    miniprogramState: text(fields.miniprogram_state),
    lang: text(fields.lang),
    data,
    errcode,
    errmsg,
  };
}

export function outcome(answer: WeChatAnswer): { errcode: number; errmsg: string } {
  return typeof answer.errcode === 'number' && typeof answer.errmsg === 'string'
    ? { errcode: answer.errcode, errmsg: answer.errmsg }
    : { errcode: 0, errmsg: 'ok' };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
