import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { MEMBERS } from '../identity/roles';
import { id } from '../validation/fields';

/*
 * 待我处理: the home page's one call. Kept apart from every domain's contracts because the home page is
 * a tab page: a mini-program's tab pages live in its main package, and what they import comes with them.
 */

/**
 * What may wait for a person on the home page (待我处理), in the order of the button that settles it:
 * a staff member's case (工作人员待办), a poll to vote in, a finished request to rate, news on my request, an
 * activity I signed up for, an order to pick up, a committee notice, a neighbour's request to join, a
 * 民生微实事 round of my building open for 点单 or 投票.
 */
export const WAITING_KINDS = [
  'staffCase',
  'vote',
  'rating',
  'caseNews',
  'activity',
  'pickup',
  'notice',
  'support',
  'budget',
] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export const waitingItemView = z.object({
  kind: z.enum(WAITING_KINDS),
  /** Unique within the feed: `<kind>:<the object's id>`. */
  key: z.string(),
  title: z.string(),
  /** One line under the title: when it closes or starts, what changed, where. */
  detail: z.string(),
  /** The verb on the item's button (去投票, 去评价, 查看, 去领取 …). */
  action: z.string(),
  /** The mini-program page that does it, with its query. */
  link: z.string(),
  /** The moment that makes it urgent: a poll's closing, an activity's start, a case's deadline. */
  dueAt: z.optional(z.string()),
  overdue: z.boolean(),
  /** When it began waiting (a notice's time, a case's last change); breaks ties, newest first. */
  since: z.optional(z.string()),
  /** A notice's inbox entry: the page that opens it marks it read. */
  inboxItemId: z.optional(z.string()),
});
export type WaitingItem = z.output<typeof waitingItemView>;

export const waitingFeedView = z.object({
  items: z.array(waitingItemView),
  /** How many of each kind, before the list is cut to its first items. */
  counts: z.record(z.string(), z.number()),
  /** Staff only: their work in numbers, each one tap from its list on the home page's 工作台. */
  staff: z.optional(
    z.object({
      /** Cases in my queue past their deadline. */
      overdueCases: z.number(),
      /** Polls open for voting now in the community. */
      runningPolls: z.number(),
    }),
  ),
  generatedAt: z.string(),
});
export type WaitingFeed = z.output<typeof waitingFeedView>;

export const homeRoutes = {
  waiting: defineRoute({
    id: 'home.waiting',
    method: 'GET',
    path: '/communities/{communityId}/me/waiting',
    summary:
      '待我处理：待投票、待评价、诉求新进展、48 小时内的活动、待领取的兑换、未读通知、附近可附议的诉求；工作人员的待办（超时在前）',
    access: roles(MEMBERS),
    // The community's 诉求 settings are read for the requests' labels: a community gone since sign-in is a 404.
    answers: { notFound: true },
    params: z.strictObject({ communityId: id('社区') }),
    response: waitingFeedView,
  }),
};
