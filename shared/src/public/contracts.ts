import * as z from 'zod/mini';
import { defineRoute, PUBLIC } from '../contracts/http';
import { id } from '../validation/fields';

/*
 * 社区公开信息: what anyone may read before signing in or binding a home (WeChat's reviewers too). Nothing
 * here names a person or a flat: notices addressed to the whole community, the outcome of published polls
 * with their turnout, and the public requests by category and status (not their text, which residents
 * write for their neighbours, not for the internet).
 */

export const publicCommunityView = z.object({ communityId: z.string(), name: z.string() });
export type PublicCommunityView = z.output<typeof publicCommunityView>;

export const publicNoticeView = z.object({
  noticeId: z.string(),
  title: z.string(),
  body: z.string(),
  senderLabel: z.string(),
  createdAt: z.string(),
});
export type PublicNoticeView = z.output<typeof publicNoticeView>;

export const publicResultView = z.object({
  topicId: z.string(),
  title: z.string(),
  countedAt: z.string(),
  /** 表决通过 / 表决未通过 / 未形成决定 / 已产生结果 (who was elected is for the community's members). */
  outcomeLabel: z.string(),
  passed: z.boolean(),
  participation: z.object({ heads: z.number(), electorate: z.number() }),
});
export type PublicResultView = z.output<typeof publicResultView>;

export const publicRequestView = z.object({
  number: z.string(),
  categoryLabel: z.string(),
  statusLabel: z.string(),
  closed: z.boolean(),
  supportCount: z.number(),
  createdAt: z.string(),
});
export type PublicRequestView = z.output<typeof publicRequestView>;

export const publicOverviewView = z.object({
  community: publicCommunityView,
  notices: z.array(publicNoticeView),
  results: z.array(publicResultView),
  requests: z.array(publicRequestView),
});
export type PublicOverviewView = z.output<typeof publicOverviewView>;

/** Routes served by the public Lambda: no token, limited per source IP, cacheable. */
export const publicRoutes = {
  listCommunities: defineRoute({
    id: 'public.listCommunities',
    method: 'GET',
    path: '/public/communities',
    summary: '本平台上的社区（登录前选择要看的社区）',
    access: PUBLIC,
    response: z.object({ items: z.array(publicCommunityView) }),
    rateLimit: 'public',
    cacheSeconds: 300,
  }),
  getOverview: defineRoute({
    id: 'public.getOverview',
    method: 'GET',
    path: '/public/communities/{communityId}',
    summary: '社区公开信息：全社区通知、已公示的表决结果、公开的诉求（不含姓名与门牌）',
    access: PUBLIC,
    answers: { notFound: true },
    params: z.strictObject({ communityId: id('社区') }),
    response: publicOverviewView,
    rateLimit: 'public',
    cacheSeconds: 60,
  }),
};
