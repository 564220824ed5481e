import { randomBytes } from 'node:crypto';

/**
 * The errcode/errmsg pairs the stand-in answers with, as WeChat spells them. Sources:
 * - code2Session: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 *   (40029, 40226, 45011, -1) and answers quoted on developers.weixin.qq.com/community (40163, 40125, 41002).
 * - subscribeMessage.send: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 *   (40001, 40003, 40014, 40037, 43101, 43107, 43108, 45168, 47003)
 * - msgSecCheck v2: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
 *   (40003, 40129, 43302, 44002, 47001, 61010)
 * - the global return codes (40002, 40013, 41001, 41004, 41008, 42001, 43002, 45009) at
 *   https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html
 * The English errmsg texts of 40129, 43107, 43108, 43302, 45168 and 61010 are not quoted anywhere we could find;
 * ours are plausible stand-ins.
 */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  40163: 'code been used',
  40226: 'code blocked',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  43107: 'subscribe message capability banned',
  43108: 'concurrent send to the same user',
  43302: 'http post method required',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  // Two spaces before and after "mustslower" are in WeChat's own text.
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45168: 'hit sensitive words',
  47001: 'data format error',
  47003: 'argument invalid!',
  61010: 'user access record expired',
};

/** WeChat's request id format, e.g. `652d44d0-1d0af18b-5b069232`; also the shape of its trace_id. */
export function wechatRequestId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export interface WeChatFailure {
  errcode: number;
  errmsg: string;
}

/**
 * A failure answer. WeChat appends a request id to every errmsg (`invalid code, rid: …`), so clients must
 * branch on errcode, never on the exact errmsg; the stand-in does the same to keep them honest.
 */
export function failure(errcode: number, detail?: string): WeChatFailure {
  const base = ERRMSG[errcode] ?? 'injected fault';
  return { errcode, errmsg: `${detail ? `${base} ${detail}` : base} rid: ${wechatRequestId()}` };
}
