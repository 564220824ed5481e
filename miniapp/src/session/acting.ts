import Taro from '@tarojs/taro';

/**
 * 亲情代办, the only part in the main package: the `x-linli-acting-for` value for a route while the helper
 * acts for a resident (the session the `proxy` subpackage stored, see actingSession.ts), else undefined.
 * The server checks everything again on every request (expiry, who, which route); this only decides which
 * requests name the session, so the helper's own requests (their own vote) never do.
 */
export function actingHeaderFor(routeId: string): string | undefined {
  const s = Taro.getStorageSync('linli.acting');
  return s && s.routes?.includes(routeId) && Date.parse(s.expiresAt) > Date.now() ? s.header : undefined;
}
