import Taro from '@tarojs/taro';

/**
 * 亲情代办 on the helper's phone: the open 代办 session, kept in storage so it survives a page change. Only
 * subpackage pages use this module (so it stays out of the weapp main package); the API client reads the
 * same key in acting.ts.
 */
export interface ActingSession {
  header: string;
  residentName: string;
  expiresAt: string;
  /** Route ids the session is sent with (PROXY_ACTION_IDS and PROXY_READS). */
  routes: string[];
  communityId: string;
  residentId: string;
  proxySessionId: string;
}

const KEY = 'linli.acting';

export function readActing(now = Date.now()): ActingSession | undefined {
  const s = Taro.getStorageSync(KEY) as ActingSession | '' | undefined;
  if (!s || typeof s !== 'object' || !s.header) return undefined;
  return Date.parse(s.expiresAt) > now ? s : undefined;
}

export const saveActing = (s: ActingSession) => Taro.setStorageSync(KEY, s);
export const clearActing = () => Taro.removeStorageSync(KEY);
