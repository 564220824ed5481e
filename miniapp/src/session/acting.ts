import Taro from '@tarojs/taro';

/**
 * 亲情代办 on the phone of the helper: the open 代办 session (kept in storage so it survives a page
 * change), and the routes it applies to. Only this much lives in the main package: the pages that start,
 * show and end it are in the `proxy` subpackage, which writes `routes` from the shared rules. The server
 * checks everything again on every request (expiry, who, which route); the client only decides which
 * requests name the session, so the helper's own requests (her own vote) never do.
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

export function actingHeaderFor(routeId: string): string | undefined {
  const s = readActing();
  return s && s.routes.includes(routeId) ? s.header : undefined;
}
