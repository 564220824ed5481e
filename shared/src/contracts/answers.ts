import type { $ZodType } from 'zod/v4/core';
import { pathParamNames, type RouteContract } from './http';

/**
 * Every status a route can answer, derived from its contract: the OpenAPI document lists exactly
 * these, and on the local stage the pipeline flags any other status a route gives (see api.ts).
 * Written against zod's core (`_zod.def`), so classic zod and zod/mini contracts read the same.
 */
export interface RouteAnswer {
  status: number;
  /** The `error.code` values this status carries (empty for the success answer). */
  codes: readonly string[];
}

const defOf = (schema: $ZodType) => schema._zod.def as { type: string; shape?: Record<string, unknown> };

/** True when the contract declares a body (`z.undefined()` says it takes none). */
export function takesBody(route: RouteContract): boolean {
  return defOf(route.body as unknown as $ZodType).type !== 'undefined';
}

/** True when an object schema has fields that a caller can get wrong. */
function hasFields(schema: $ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {}).length > 0;
  return true;
}

/** True when the route takes anything a caller can get wrong: path ids, query fields or a body. */
export function takesInput(route: RouteContract): boolean {
  return (
    hasFields(route.params as unknown as $ZodType) || hasFields(route.query as unknown as $ZodType) || takesBody(route)
  );
}

/** Path parameters that name an object (everything but the community, whose strangers get a 403). */
export const namedObjects = (route: RouteContract) => pathParamNames(route.path).filter((n) => n !== 'communityId');

export function answersOf(route: RouteContract): RouteAnswer[] {
  const answers: RouteAnswer[] = [{ status: route.successStatus, codes: [] }];
  const add = (status: number, ...codes: string[]) => answers.push({ status, codes });
  if (takesInput(route) || route.answers?.badRequest) add(400, 'VALIDATION');
  // Public routes take a credential of their own (a login code, a refresh token, WeChat's signature).
  if (route.access.kind !== 'public' || route.answers?.unauthenticated) add(401, 'UNAUTHENTICATED');
  if (route.access.kind === 'roles' || route.answers?.forbidden) add(403, 'FORBIDDEN');
  if (route.answers?.notFound ?? namedObjects(route).length > 0) add(404, 'NOT_FOUND');
  const conflicts = [
    ...(route.answers?.conflicts ?? []),
    ...(route.idempotencyKey && !route.answers?.conflicts?.includes('IDEMPOTENCY_MISMATCH')
      ? ['IDEMPOTENCY_MISMATCH']
      : []),
  ];
  if (conflicts.length) add(409, ...conflicts);
  if (takesBody(route)) {
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (route.rateLimit !== 'none') add(429, 'RATE_LIMITED');
  add(500, 'INTERNAL');
  add(503, 'UNAVAILABLE');
  return answers;
}

/** The statuses of {@link answersOf}, for a quick membership test. */
export const answeredStatuses = (route: RouteContract): Set<number> => new Set(answersOf(route).map((a) => a.status));
