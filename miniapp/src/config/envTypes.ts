/** Build-time configuration, from `miniapp/.env.<mode>` (TARO_APP_* only). */
export interface AppEnv {
  /** Base URL of the HTTP API: `/api` behind the H5 server's proxy, an absolute URL in the weapp. */
  apiBase: string;
  /** Base URL of the local WeChat stand-in (demo personas); empty where there is none. */
  wechatDevBase: string;
  /** Offers the demo-persona picker on the sign-in page (development and browser tests only). */
  demoLogin: boolean;
}
