import type { AppEnv } from './envTypes';

// The weapp has no dev-server proxy, so it reads absolute bases (a request-domain in production).
export const env: AppEnv = {
  apiBase: process.env.TARO_APP_WEAPP_API_BASE || '',
  wechatDevBase: process.env.TARO_APP_WEAPP_WECHAT_DEV_BASE || '',
  demoLogin: process.env.TARO_APP_DEMO_LOGIN === '1',
};
