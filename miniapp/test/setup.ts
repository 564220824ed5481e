import { cleanup } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { z } from 'zod/mini';
import { installChineseMessages } from '@linli/shared';

process.env.TARO_APP_API_BASE = '/api';
process.env.TARO_APP_WECHAT_DEV_BASE = '/wechat-dev';
process.env.TARO_APP_DEMO_LOGIN = '1';

z.config({ jitless: true });
installChineseMessages();

afterEach(() => {
  cleanup();
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
});
