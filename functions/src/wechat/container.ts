import { createWeChatClient, type WeChatClient } from '../wechat/client';
import { config } from './config';
import { secrets } from './secrets';
import { dynamoAccessTokenStore } from '../wechat/accessTokenStore';

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
