import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { id } from '../validation/fields';
import { zh } from '../validation/messages';
import { notificationApi } from './contracts';
import { REACH_SUBJECTS } from './reach';

/*
 * 触达 routes, apart from contracts.ts: the 消息 badge and 我的 (main package) import notificationApi, and
 * these are for the staff subpackage only (0.5 KB of the weapp main package's budget otherwise).
 */

const reachTotals = { households: z.number(), pushed: z.number(), opened: z.number(), neither: z.number() };

/** 触达 of a notice or a poll, as far as the viewer's area goes (a 楼长 their building, a grid worker their grid). */
export const reachView = z.object({
  subject: z.enum(REACH_SUBJECTS),
  title: z.string(),
  /** The part of the audience counted here: 全部, or the viewer's buildings or grids. */
  areaLabel: z.string(),
  ...reachTotals,
  buildings: z.array(
    z.object({
      buildingId: z.string(),
      name: z.string(),
      ...reachTotals,
      /** Households reached by neither: the doors to knock on. */
      doors: z.array(z.object({ unitId: z.string(), label: z.string() })),
    }),
  ),
});
export type ReachView = z.output<typeof reachView>;

/** 触达: who a committee notice or a poll reached, for the committee, the grid worker and the 楼长. */
export const reachRoutes = {
  getReach: defineRoute({
    id: 'notifications.getReach',
    method: 'GET',
    path: '/communities/{communityId}/notifications/reach/{subjectId}',
    summary: '通知或表决的触达：订阅消息送达、站内已读、均未触达的户（楼长只看本楼，网格员只看本网格）',
    access: roles(['buildingHead', 'gridWorker', ...COMMITTEE]),
    answers: { notFound: true },
    params: z.strictObject({ communityId: id('社区'), subjectId: id('通知或议题') }),
    /** A notice's id (社区通知) or a poll's topic id (its opening notice). */
    query: z.object({
      subject: z._default(z.enum(REACH_SUBJECTS, zh('类型')), 'notice').check(z.meta({ title: '类型' })),
    }),
    response: reachView,
  }),
};

/** Every route the notifications Lambda serves (API.notifications). */
export const notificationLambdaApi = { ...notificationApi, ...reachRoutes };
