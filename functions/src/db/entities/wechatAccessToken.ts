import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * The mini-program's access_token, cached centrally: every Lambda container shares it, so a
 * fleet does not spend WeChat's daily stable_token quota or invalidate each other's tokens.
 */
export const WeChatAccessTokenEntity = new Entity({
  name: 'WeChatAccessToken',
  table: LinliTable,
  schema: item({ appId: string().key(), token: string(), expiresAt: number() }),
  computeKey: ({ appId }) => ({ PK: `WECHAT#${appId}`, SK: 'ACCESS_TOKEN' }),
  timestamps: false,
});
export const wechatAccessTokens = WeChatAccessTokenEntity.build(Repository);
