import { ROUTES, withQuery } from '@/routes';

/** The topic page, as a share card, a notification and a QR poster open it. */
export const topicPath = (communityId: string, topicId: string) =>
  withQuery(ROUTES.agoraPages.topic, { communityId, topicId });

/**
 * What the poster's QR code holds: a link under the prefix configured in the mini-program admin
 * (开发管理 → 扫普通链接二维码打开小程序), which WeChat opens as the topic page with the same query.
 */
export const SHARE_LINK_BASE = 'https://linli.example.cn/q/agora/topic';
export const posterLink = (communityId: string, topicId: string) =>
  `${SHARE_LINK_BASE}?communityId=${encodeURIComponent(communityId)}&topicId=${encodeURIComponent(topicId)}`;
