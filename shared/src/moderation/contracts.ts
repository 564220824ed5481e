import * as z from 'zod/mini';
import { defineRoute, PUBLIC } from '../contracts/http';
import { zh } from '../validation/messages';

/**
 * WeChat's 消息推送 (message push) for the verdicts of asynchronous content checks
 * (wxa_media_check). Public, but every call must carry WeChat's signature.
 */
const pushSignature = z.object({
  signature: z.string(zh('签名')).check(z.regex(/^[0-9a-f]{40}$/), z.meta({ title: '签名' })),
  timestamp: z.string(zh('时间戳')).check(z.regex(/^\d{1,12}$/), z.meta({ title: '时间戳' })),
  nonce: z.string(zh('随机数')).check(z.regex(/^\w{1,64}$/), z.meta({ title: '随机数' })),
});
const numeric = z.union([z.number(), z.string().check(z.maxLength(20), z.regex(/^-?\d+$/))]);

export const contentCheckRoutes = {
  verifyPushUrl: defineRoute({
    id: 'contentCheck.verifyPushUrl',
    method: 'GET',
    path: '/wechat/push',
    summary: '微信消息推送的服务器地址校验（原样返回 echostr）',
    access: PUBLIC,
    answers: { unauthenticated: true },
    query: z.extend(pushSignature, {
      echostr: z.string().check(z.minLength(1), z.maxLength(128), z.meta({ title: 'echostr' })),
    }),
    response: z.string(),
    rateLimit: 'none',
  }),
  receivePush: defineRoute({
    id: 'contentCheck.receivePush',
    method: 'POST',
    path: '/wechat/push',
    summary: '接收微信推送的内容安全异步检测结果（wxa_media_check）',
    access: PUBLIC,
    answers: { conflicts: ['CONFLICT'], unauthenticated: true },
    query: pushSignature,
    // WeChat's own message, not our client's: unknown fields are kept out of the way, not refused.
    body: z.object({
      MsgType: z.string().check(z.maxLength(32)),
      Event: z.optional(z.string().check(z.maxLength(64))),
      trace_id: z.optional(z.string().check(z.maxLength(128))),
      result: z.optional(z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: numeric })),
    }),
    response: z.literal('success'),
    successStatus: 200,
    rateLimit: 'none',
  }),
};
