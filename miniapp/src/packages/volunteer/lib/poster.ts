/**
 * The link a printed poster's QR code carries. WeChat's "扫普通链接二维码打开小程序" rule (configured
 * for this prefix in the mini-program console) opens the activity page with the link in `q`.
 */
export const POSTER_LINK_PREFIX = 'https://linli.example.cn/v/activity/';

export const posterLink = (activityId: string) => `${POSTER_LINK_PREFIX}${activityId}`;

/** The activity id from a page query: `id`, or the scanned poster link WeChat passes as `q`. */
export function activityIdFrom(params: { id?: string; q?: string }): string | undefined {
  if (params.id) return params.id;
  if (!params.q) return undefined;
  const link = decodeURIComponent(params.q);
  return link.startsWith(POSTER_LINK_PREFIX)
    ? link.slice(POSTER_LINK_PREFIX.length).split(/[?#/]/)[0] || undefined
    : undefined;
}
