import { cleanup, configure } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { z } from 'zod/mini';
import { installChineseMessages } from '@linli/shared';

process.env.TARO_APP_API_BASE = '/api';
process.env.TARO_APP_WECHAT_DEV_BASE = '/wechat-dev';
process.env.TARO_APP_DEMO_LOGIN = '1';

z.config({ jitless: true });

// findBy*/waitFor give up after 1 s by default. A page that loads in steps (session → communities → buildings)
// took longer than that on a shared 2-core machine, and bind.test.tsx failed without anything being wrong.
configure({ asyncUtilTimeout: 5000 });
installChineseMessages();

afterEach(() => {
  cleanup();
  (Taro as unknown as { __reset(): void }).__reset();
  jest.clearAllMocks();
});
