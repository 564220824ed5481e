import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { MEMBERS } from '../identity/roles';
import { cursor, id, pageLimit } from '../validation/fields';
import { zh } from '../validation/messages';
import { ACTIVITY_CATEGORIES, HOURS_STATES, REGISTRATION_STATUSES, type ActivityCategory } from './rules';

/*
 * The routes the 志愿 tab page calls (the activity list and my volunteering), apart from the rest of
 * volunteerRoutes (contracts.ts), which takes these same objects at the same places. A mini-program's tab pages
 * must be in its main package, and a module is all-or-nothing there: defined beside the others, these would
 * pull every 志愿 contract (organiser tools, attendance, teams, honours) into it. As agora/tabRoutes.ts.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const categorySchema = z
  .enum(Object.keys(ACTIVITY_CATEGORIES) as [ActivityCategory])
  .check(z.meta({ title: '活动类别' }));
export const wholeNumber = (title: string, min: number, max: number) =>
  z.number(zh(title)).check(z.int(), z.gte(min), z.lte(max), z.meta({ title }));

export const pointsRuleSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('perHour'), rate: wholeNumber('每小时积分', 1, 100) }),
      z.strictObject({ kind: z.literal('fixed'), amount: wholeNumber('固定积分', 1, 1000) }),
    ],
    zh('积分规则'),
  )
  .check(z.meta({ title: '积分规则' }));

export const registrationSummary = z.object({
  status: z.enum(REGISTRATION_STATUSES),
  /** 1 = next in line. */
  waitPosition: z.optional(z.number()),
  hoursState: z.optional(z.enum(HOURS_STATES)),
  checkedInAt: z.optional(z.string()),
  checkedOutAt: z.optional(z.string()),
  claimedMinutes: z.optional(z.number()),
  approvedMinutes: z.optional(z.number()),
  points: z.optional(z.number()),
  reviewReason: z.optional(z.string()),
  /** Why the organiser took this sign-up off the roster (status cancelled). */
  removedReason: z.optional(z.string()),
});

export const activityView = z.object({
  activityId: z.string(),
  title: z.string(),
  description: z.string(),
  category: categorySchema,
  place: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  signUpDeadline: z.string(),
  cancelDeadline: z.string(),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  pointsRule: pointsRuleSchema,
  organiser: z.object({ kind: z.enum(['committee', 'team']), teamId: z.optional(z.string()), name: z.string() }),
  /** open: sign-ups taken; closed: deadline passed; ended; cancelled by the organiser (已取消). */
  phase: z.enum(['open', 'closed', 'ended', 'cancelled']),
  cancelledAt: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  /**
   * Check-in and check-out are taken now, by the server's clock: a phone's own clock may be wrong (and on
   * a test stack the domain clock runs ahead), so the page shows the code entry by this, not by the phone.
   */
  attendanceOpen: z.boolean(),
  /** True when the caller may use the organiser tools for this activity. */
  canOrganise: z.boolean(),
  mine: z.optional(registrationSummary),
});
export type ActivityView = z.output<typeof activityView>;

export const myRegistrationView = z.extend(registrationSummary, {
  activityId: z.string(),
  title: z.string(),
  place: z.string(),
  startAt: z.string(),
  endAt: z.string(),
});

export const starView = z.object({
  stars: z.number(),
  label: z.string(),
  nextAtHours: z.optional(z.number()),
  hoursToNext: z.optional(z.number()),
});

export const volunteerTabRoutes = {
  listActivities: defineRoute({
    id: 'volunteer.listActivities',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/activities',
    summary: '志愿活动：即将开始/已结束/我组织的，可按类别筛选，带我的报名状态',
    access: roles(MEMBERS),
    params: communityParams,
    query: z.object({
      view: z._default(z.enum(['upcoming', 'past', 'organising']), 'upcoming').check(z.meta({ title: '范围' })),
      category: z.optional(categorySchema),
      cursor,
      limit: pageLimit,
    }),
    response: page(activityView),
  }),
  myVolunteering: defineRoute({
    id: 'volunteer.mine',
    method: 'GET',
    path: '/communities/{communityId}/volunteer/me',
    summary: '我的报名、服务时长、星级',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({
      totalMinutes: z.number(),
      activityCount: z.number(),
      pointsEarned: z.number(),
      /** Current points balance (the wallet has the statement). */
      balance: z.number(),
      star: starView,
      registrations: z.array(myRegistrationView),
    }),
  }),
};
