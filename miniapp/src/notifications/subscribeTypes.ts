/** What the subscribe sheet answered, by template id. */
export type SubscribeAnswers = Record<string, 'accept' | 'reject' | 'ban' | 'filter' | string>;

/** Storage key where the demo sign-in keeps the WeChat identity (openid) this browser plays. */
export const DEMO_OPENID_KEY = 'linli.demoOpenid';
