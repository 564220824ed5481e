import {
  availableActions,
  COMMITTEE,
  holdsRole,
  isMemberOfUnit,
  levelRank,
  OPEN_STATUSES,
  rolesIn,
  type GrievanceAction,
  type Level,
  type Principal,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';

export type StaffRole = 'gridWorker' | 'committee' | 'street' | 'admin';
export type Viewer = 'reporter' | 'household' | 'handler' | 'member';

/** The highest level each staff role handles (三站式): grid workers their own grid only. */
const REACH: Record<StaffRole, number> = { gridWorker: 0, committee: 1, street: 2, admin: 2 };
const STRONGEST_FIRST: StaffRole[] = ['admin', 'street', 'committee', 'gridWorker'];

function isGridWorkerOf(p: Principal, communityId: string, gridId: string | undefined): boolean {
  return (
    !!gridId && p.grants.some((g) => g.communityId === communityId && g.role === 'gridWorker' && g.gridId === gridId)
  );
}

/**
 * The role with which `p` handles a case at `level`: handlers of the current level and above. A grid
 * worker handles only their own grid's cases while those are at the grid level.
 */
export function handlerRoleFor(
  p: Principal,
  communityId: string,
  c: { level: Level; gridId?: string },
): StaffRole | undefined {
  for (const role of STRONGEST_FIRST) {
    if (!holdsRole(p, [role], communityId)) continue;
    if (role === 'gridWorker') {
      if (c.level === 'grid' && isGridWorkerOf(p, communityId, c.gridId)) return role;
    } else if (REACH[role] >= levelRank(c.level)) return role;
  }
  return undefined;
}

export interface Access {
  as: Viewer;
  isReporter: boolean;
  handlerRole?: StaffRole;
  /** Rating on behalf of a resident met on a visit (回访): committee staff for cases a grid worker logged. */
  ratesOnBehalf: boolean;
}

/**
 * How `p` may see a case, or undefined when they may not see it at all (a private case of someone
 * else, not in their household and not at a level they handle). Anonymous cases have no household
 * view: their reporter is known to nobody but themselves.
 */
export function accessTo(
  p: Principal,
  c: Pick<
    GrievanceItem,
    | 'communityId'
    | 'reporterId'
    | 'source'
    | 'level'
    | 'gridId'
    | 'anonymous'
    | 'householdUnitId'
    | 'visibility'
    | 'moderation'
  >,
): Access | undefined {
  const isReporter = !!c.reporterId && c.reporterId === p.userId;
  const handlerRole = handlerRoleFor(p, c.communityId, c);
  const ratesOnBehalf = c.source !== 'resident' && holdsRole(p, COMMITTEE, c.communityId);
  const base = { isReporter, handlerRole, ratesOnBehalf };
  if (isReporter && c.source === 'resident') return { as: 'reporter', ...base };
  if (handlerRole) return { as: 'handler', ...base };
  if (isReporter) return { as: 'reporter', ...base };
  if (!c.anonymous && c.householdUnitId && isMemberOfUnit(p, c.communityId, c.householdUnitId))
    return { as: 'household', ...base };
  // The pipeline already refused strangers to the community; this holds even where it did not run.
  // A public request residents reported past the threshold (or staff removed) leaves the neighbours' view.
  if (c.visibility === 'public' && !c.moderation && rolesIn(p, c.communityId).length > 0)
    return { as: 'member', ...base };
  return undefined;
}

/** The transitions this viewer may ask for now (the buttons the mini-program shows). */
export function actionsFor(access: Access, c: GrievanceItem): GrievanceAction[] {
  const state = { status: c.status, level: c.level };
  const actions = new Set<GrievanceAction>(access.handlerRole ? availableActions(state, 'handler') : []);
  if (access.isReporter && c.source === 'resident') for (const a of availableActions(state, 'reporter')) actions.add(a);
  if (access.ratesOnBehalf)
    for (const a of availableActions(state, 'reporter')) if (a === 'rate' || a === 'reopen') actions.add(a);
  return [...actions];
}

/** Reporter and handlers talk to each other while the case is open. */
export function canMessage(access: Access, c: GrievanceItem): boolean {
  const open = c.status !== 'closed' && c.status !== 'withdrawn';
  return open && ((access.isReporter && c.source === 'resident') || !!access.handlerRole);
}

/** Neighbours (not the reporter, nor the staff handling it) may join an open public case. */
export function canSupport(access: Access, c: GrievanceItem): boolean {
  return c.visibility === 'public' && !access.isReporter && !access.handlerRole && OPEN_STATUSES.includes(c.status);
}
