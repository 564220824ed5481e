import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { contentCheckRoutes } from '@linli/shared';
import { secrets } from '../commons/secrets';
import { httpApi, type Handlers } from '../http/api';
import { unauthenticated } from '../http/errors';
import { applyMediaVerdict } from './mediaVerdicts';

/**
 * WeChat's 消息推送 signs every push: sha1 of the configured Token, the timestamp and the nonce, sorted
 * and joined (https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html).
 */
export async function verifyPushSignature(
  q: { signature: string; timestamp: string; nonce: string },
  token: () => Promise<string> = secrets.wechatPushToken,
): Promise<void> {
  const expected = createHash('sha1')
    .update([await token(), q.timestamp, q.nonce].sort().join(''))
    .digest();
  const given = Buffer.from(q.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('签名无效');
}

export const contentCheckHandlers = (
  deps = { token: secrets.wechatPushToken },
): Handlers<typeof contentCheckRoutes> => ({
  verifyPushUrl: async ({ query }) => {
    await verifyPushSignature(query, deps.token);
    return query.echostr;
  },
  receivePush: async ({ query, body, now }) => {
    await verifyPushSignature(query, deps.token);
    if (body.Event === 'wxa_media_check' && body.trace_id && body.result)
      await applyMediaVerdict(body.trace_id, body.result.suggest, now);
    return 'success' as const;
  },
});

const api = httpApi(contentCheckRoutes, contentCheckHandlers());

/** WeChat reads the answer as plain text: `success`, or the echostr when it verifies the URL. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const answer = await api(event);
  if (answer.statusCode !== 200 || typeof answer.body !== 'string') return answer;
  return {
    ...answer,
    headers: { ...answer.headers, 'content-type': 'text/plain; charset=utf-8' },
    body: JSON.parse(answer.body) as string,
  };
}
