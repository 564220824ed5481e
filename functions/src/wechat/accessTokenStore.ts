import { config } from '../commons/config';
import { wechatAccessTokens } from '../db/entities/wechatAccessToken';
import { isConditionFailure } from '../db/errors';
import type { AccessTokenStore } from './client';

/**
 * The shared token cache in the table. A write is conditioned on the token the writer last saw,
 * so a slow container never overwrites a newer token with an older one.
 */
export const dynamoAccessTokenStore: AccessTokenStore = {
  async get() {
    const { Item } = await wechatAccessTokens.get({ appId: config.wechatAppId }, { consistent: true });
    return Item ? { token: Item.token, expiresAt: Item.expiresAt } : undefined;
  },
  async put(token, expiresAt, previousToken) {
    try {
      await wechatAccessTokens.put(
        { appId: config.wechatAppId, token, expiresAt },
        previousToken === undefined
          ? { condition: { attr: 'token', exists: false } }
          : {
              condition: {
                or: [
                  { attr: 'token', exists: false },
                  { attr: 'token', eq: previousToken },
                ],
              },
            },
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // another container stored a newer token: keep it
    }
  },
};
