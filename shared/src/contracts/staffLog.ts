import type { RouteContract, StaffLogDeclaration } from './http';

/**
 * A privileged write: it changes something, and only a role admits the caller (no admitted role is a
 * resident's: a route open to residents is checked by ownership in its service, e.g. 撤回我的诉求). The staff
 * action log is kept for exactly these routes; the set is read from the contracts, never listed by hand.
 */
export function isPrivilegedWrite(route: Pick<RouteContract, 'method' | 'access'>): boolean {
  return route.method !== 'GET' && route.access.kind === 'roles' && !route.access.roles.includes('resident');
}

/** Privileged writes whose contract says nothing about the staff log: each is a defect (see `staffLog`). */
export function undeclaredPrivilegedWrites(routes: readonly RouteContract[]): RouteContract[] {
  return routes.filter((r) => isPrivilegedWrite(r) && r.staffLog === undefined);
}

/** The routes that write a staff-log entry, with their declaration: what the api tier's staff-log test calls. */
export function staffLoggedRoutes(
  routes: readonly RouteContract[],
): (RouteContract & { staffLog: StaffLogDeclaration })[] {
  return routes.filter((r): r is RouteContract & { staffLog: StaffLogDeclaration } => !!r.staffLog);
}

/** The path parameter naming a route's object: the declared one, else the path's last parameter. */
export function staffObjectParam(route: Pick<RouteContract, 'path' | 'staffLog'>): string {
  const declared = route.staffLog ? route.staffLog.id : undefined;
  return declared ?? [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).pop() ?? 'communityId';
}
