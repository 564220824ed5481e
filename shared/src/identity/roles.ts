import * as z from 'zod/mini';

/** Everyone who acts in Linli, each scoped to a community (and a grid or building where it applies). */
export const ROLES = ['resident', 'volunteer', 'buildingHead', 'gridWorker', 'committee', 'street', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  buildingHead: '楼长',
  gridWorker: '网格员',
  committee: '居委会',
  street: '街道',
  admin: '管理员',
};

/** Roles that handle cases and see staff-only information. */
export const STAFF: readonly Role[] = ['gridWorker', 'committee', 'street', 'admin'];
/** Roles that manage a community's roster, settings and catalogue (居委会 and system admins). */
export const COMMITTEE: readonly Role[] = ['committee', 'admin'];
/** Anyone who belongs to the community in some capacity. */
export const MEMBERS: readonly Role[] = ROLES;

export const roleSchema = z.enum(ROLES).check(z.meta({ title: '角色' }));

/** A role held in one community; grid workers are scoped to a grid and 楼长 to a building. */
export interface RoleGrant {
  role: Role;
  communityId: string;
  gridId?: string;
  buildingId?: string;
}

/** How a resident is tied to a unit (专有部分); a household is the set of residents bound to one unit. */
export const RELATIONS = ['owner', 'family', 'tenant'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = { owner: '业主', family: '家庭成员', tenant: '租户' };

export interface Membership {
  communityId: string;
  unitId: string;
  buildingId: string;
  gridId: string;
  relation: Relation;
  /** Set for owners: the registered owner this user speaks for in owners' decisions. */
  ownerId?: string;
}

/**
 * A role held above one community: the street office (街道) of a street — every community of that
 * street — or a platform administrator (管理员) of the whole deployment. The pipeline turns an office
 * into the matching community grant for a request about a community of that street (see
 * `functions/src/streets/authority.ts`), so a street office of street A holds nothing in street B.
 */
export type OfficeGrant = { role: 'street'; streetId: string } | { role: 'admin' };
export type OfficeRole = OfficeGrant['role'];

/** Who is asking: the signed-in user with the roles and households the database holds right now. */
export interface Principal {
  userId: string;
  grants: RoleGrant[];
  memberships: Membership[];
  /**
   * 亲情代办: set when a helper acts for this resident (userId, grants and memberships are then hers). The
   * services act as her; what they record as done by someone names `actor` and is marked 代办.
   */
  actingFor?: { proxySessionId: string; reason: string; residentName: string };
  /** Who is really at the keyboard while `actingFor` is set. */
  actor?: {
    userId: string;
    name: string;
    /** Server-side only: WeChat's text check judges the helper who typed it. */ openid?: string;
  };
  /** Offices above a community; absent for most people. */
  offices?: OfficeGrant[];
}

/** Key of an office in the user's `offices` map (`admin`, `street|<streetId>`). */
export const officeKey = (o: OfficeGrant): string => (o.role === 'admin' ? 'admin' : `street|${o.streetId}`);

export const isPlatformAdmin = (p: Pick<Principal, 'offices'>): boolean =>
  (p.offices ?? []).some((o) => o.role === 'admin');

/** Streets whose office this person holds (an administrator holds every street, `'all'`). */
export function officeStreets(p: Pick<Principal, 'offices'>): 'all' | string[] {
  if (isPlatformAdmin(p)) return 'all';
  return (p.offices ?? []).flatMap((o) => (o.role === 'street' ? [o.streetId] : []));
}

/**
 * Whether `roles` admits the person for street `streetId`: `street` for that street's office,
 * `admin` for a platform administrator. Community roles never reach a street.
 */
export function holdsStreetRole(p: Pick<Principal, 'offices'>, roles: readonly Role[], streetId: string): boolean {
  return (p.offices ?? []).some(
    (o) =>
      (o.role === 'admin' && roles.includes('admin')) ||
      (o.role === 'street' && o.streetId === streetId && roles.includes('street')),
  );
}

/** Key used to store a grant in a map so it can be added or removed with one update expression. */
export function grantKey(g: RoleGrant): string {
  return [g.role, g.communityId, g.gridId ?? '', g.buildingId ?? ''].join('|');
}

export function holdsRole(p: Principal, roles: readonly Role[], communityId: string): boolean {
  return p.grants.some((g) => g.communityId === communityId && roles.includes(g.role));
}

export function rolesIn(p: Principal, communityId: string): Role[] {
  return [...new Set(p.grants.filter((g) => g.communityId === communityId).map((g) => g.role))];
}

/**
 * Grids whose cases and bindings this person handles: every grid for committee, street and admin,
 * their own grids for a grid worker, none otherwise. `'all'` avoids listing grids the caller never loaded.
 */
export function managedGrids(p: Principal, communityId: string): 'all' | string[] {
  if (holdsRole(p, ['committee', 'street', 'admin'], communityId)) return 'all';
  return p.grants
    .filter((g) => g.communityId === communityId && g.role === 'gridWorker' && g.gridId)
    .map((g) => g.gridId as string);
}

export function managesGrid(p: Principal, communityId: string, gridId: string): boolean {
  const grids = managedGrids(p, communityId);
  return grids === 'all' || grids.includes(gridId);
}

export function isMemberOfUnit(p: Principal, communityId: string, unitId: string): boolean {
  return p.memberships.some((m) => m.communityId === communityId && m.unitId === unitId);
}
