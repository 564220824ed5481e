import { config } from '../commons/config';
import { secrets } from '../commons/secrets';
import { dynamoAccessTokenStore } from './accessTokenStore';
import { createWeChatClient, type WeChatClient } from './client';

let client: WeChatClient | undefined;

/** The WeChat server API client for this container, created on first use. */
export function wechatClient(): WeChatClient {
  client ??= createWeChatClient({
    baseUrl: config.wechatApiBase,
    appId: config.wechatAppId,
    secret: secrets.wechat,
    tokenStore: dynamoAccessTokenStore,
  });
  return client;
}
