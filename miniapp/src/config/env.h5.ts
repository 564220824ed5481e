import type { AppEnv } from './envTypes';

// Each `process.env.TARO_APP_*` must be spelled out: the build substitutes literal references only.
export const env: AppEnv = {
  apiBase: process.env.TARO_APP_API_BASE || '/api',
  wechatDevBase: process.env.TARO_APP_WECHAT_DEV_BASE || '',
  demoLogin: process.env.TARO_APP_DEMO_LOGIN === '1',
};
