import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { STAFF } from '../identity/roles';
import { id } from '../validation/fields';

/*
 * The roster route the home tab calls (the staff's community overview), apart from the rest of rosterRoutes
 * (contracts.ts), which takes it from here. A tab page is in the main package, and a module is all-or-nothing
 * there: defined beside the others, this route would pull every roster contract (units, imports, invitations,
 * staff) into it. As agora/tabRoutes.ts.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const gridView = z.object({
  gridId: z.string(),
  name: z.string(),
  unitCount: z.number(),
  /** Units with at least one bound resident. */
  boundHouseholds: z.number(),
  /** Binding requests waiting in this grid (0 for grids the caller does not handle). */
  pendingBindings: z.number(),
  workers: z.array(z.object({ userId: z.string(), nickname: z.string() })),
});
export const buildingView = z.object({
  buildingId: z.string(),
  name: z.string(),
  gridId: z.string(),
  unitCount: z.number(),
  heads: z.array(z.object({ userId: z.string(), nickname: z.string() })),
});
export const rosterOverviewView = z.object({
  community: z.object({ communityId: z.string(), name: z.string(), district: z.string(), street: z.string() }),
  totals: z.object({
    grids: z.number(),
    buildings: z.number(),
    units: z.number(),
    area: z.number(),
    owners: z.number(),
    boundHouseholds: z.number(),
    pendingBindings: z.number(),
  }),
  grids: z.array(gridView),
  buildings: z.array(buildingView),
});
export type RosterOverview = z.output<typeof rosterOverviewView>;

export const rosterTabRoutes = {
  overview: defineRoute({
    id: 'roster.overview',
    method: 'GET',
    path: '/communities/{communityId}/roster',
    summary: '社区花名册总览：网格、楼栋、户数、面积、待审核',
    access: roles(STAFF),
    answers: { notFound: true },
    params: communityParams,
    response: rosterOverviewView,
  }),
};
