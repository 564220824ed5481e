import * as z from 'zod/mini';
import { defineRoute, page, roles, STAFF_OBJECT_TYPES } from '../contracts/http';
import { roleSchema } from '../identity/roles';
import { cursor, id, instant, pageLimit } from '../validation/fields';
import { rosterRoutes } from './contracts';

// A file of its own: the home tab (main package) imports rosterRoutes, and module-level schemas are kept by the
// bundler wherever their module is imported (zod/mini's constructors are calls), ~1 KB the main package lacks.

/** One changed field of a staff action: the value before and after, as text (absent: there was none / it went). */
export const staffChangeView = z.object({
  field: z.string(),
  before: z.optional(z.string()),
  after: z.optional(z.string()),
});

/** An entry of the staff action log (操作记录): who did what to which object, and what changed. */
export const staffLogEntryView = z.object({
  entryId: z.string(),
  at: z.string(),
  communityId: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  roles: z.array(roleSchema),
  action: z.string(),
  /** The route's summary, so the page names the action without shipping every contract. */
  actionLabel: z.string(),
  objectType: z.enum(STAFF_OBJECT_TYPES),
  objectId: z.string(),
  /** 亲情代办: the actor (the helper) acted for this resident. */
  actingFor: z.optional(z.object({ userId: z.string(), name: z.string() })),
  changes: z.array(staffChangeView),
});
export type StaffLogEntryView = z.infer<typeof staffLogEntryView>;

/** Who may read a community's 操作记录: its committee, the street office over it, administrators. */
export const STAFF_LOG_READERS = ['committee', 'street', 'admin'] as const;

const communityParams = z.strictObject({ communityId: id('社区') });

/**
 * 操作记录, served by the roster Lambda beside `rosterRoutes` but kept out of that object: the home tab (main
 * package) imports `rosterRoutes`, and the log's views would cost it ~1 KB it does not use.
 */
export const staffLogRoutes = {
  staffLog: defineRoute({
    id: 'roster.staffLog',
    method: 'GET',
    path: '/communities/{communityId}/roster/staff-log',
    summary: '操作记录：工作人员的特权操作（谁、何时、对象、改动前后），新的在前',
    access: roles([...STAFF_LOG_READERS]),
    params: communityParams,
    query: z.object({
      actorId: z.optional(id('操作人')),
      objectType: z.optional(z.enum(STAFF_OBJECT_TYPES).check(z.meta({ title: '对象类型' }))),
      from: z.optional(instant('开始时间')),
      to: z.optional(instant('结束时间')),
      cursor,
      limit: pageLimit,
    }),
    response: page(staffLogEntryView),
  }),
};

/** Every route the roster Lambda serves (the registry `API.roster`). */
export const rosterApi = { ...rosterRoutes, ...staffLogRoutes };
