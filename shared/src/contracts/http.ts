import * as z from 'zod/mini';
import type { FieldProblem } from '../validation/messages';
import type { Role } from '../identity/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `roles` are checked against the scope the path names: the community of
 * `{communityId}` (so a committee member of one community is a stranger in the next; a street office
 * holds `street` in every community of its street, an administrator `admin` in every community), else
 * the street of `{streetId}` (`street` for that street's office, `admin` for an administrator), else
 * the platform (`admin` only).
 */
export type Access = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'roles'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signedIn' };
export const roles = (...admitted: Role[] | [readonly Role[]]): Access => ({
  kind: 'roles',
  roles: (Array.isArray(admitted[0]) ? admitted[0] : admitted) as readonly Role[],
});

/**
 * Which budget a route spends: sign-in attempts and public reads per source IP (each its own budget),
 * writes per user; signed-in reads are not limited.
 */
export type RateLimitClass = 'signIn' | 'public' | 'write' | 'none';

/**
 * The `error.code` of a 409: the object's state forbids the request (`ILLEGAL_TRANSITION`, `POLL_NOT_OPEN`,
 * `NOT_IN_REVIEW`), what the caller saw has changed (`STALE`), a seat has a ballot already
 * (`ALREADY_VOTED`; `VOTE_CONFLICT` when online and paper ballots meet), a resident reports the same content twice (`ALREADY_REPORTED`), a request id already used for a
 * different request (`IDEMPOTENCY_MISMATCH`, every route with an `idempotencyKey`), or a concurrent or
 * repeated write lost (`CONFLICT`, which every condition failure the pipeline decodes becomes).
 */
export type ConflictCode =
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'POLL_NOT_OPEN'
  | 'NOT_IN_REVIEW'
  | 'STALE'
  | 'VOTE_CONFLICT'
  | 'ALREADY_VOTED'
  | 'ALREADY_REPORTED'
  | 'IDEMPOTENCY_MISMATCH'
  // 街道 onboarding: a name already taken (the body names what exists), a one-time code spent or expired.
  | 'DUPLICATE'
  | 'ALREADY_BOOTSTRAPPED'
  | 'CODE_EXPIRED'
  | 'INVITATION_USED'
  | 'INVITATION_EXPIRED'
  | 'ALREADY_STAFF'
  | 'HOUSEHOLD_INVITATION';

/**
 * The answers a route gives beyond those its access, inputs and rate limit imply (see answersOf in
 * answers.ts): the OpenAPI document lists them, and the local stack flags a status not listed.
 */
export interface RouteAnswers {
  /** 409 codes the route can answer. */
  conflicts?: readonly ConflictCode[];
  /** 404 for an object it names elsewhere than its path (a body field), or `false` when a path id never misses. */
  notFound?: boolean;
  /** 403 on a signed-in route whose handler checks ownership or scope. */
  forbidden?: boolean;
  /** 401 on a public route that checks a credential of its own. */
  unauthenticated?: boolean;
  /** 400 from the handler on a route that takes no input the pipeline checks. */
  badRequest?: boolean;
}

export interface RouteContract<
  P extends z.ZodMiniType = z.ZodMiniType,
  Q extends z.ZodMiniType = z.ZodMiniType,
  B extends z.ZodMiniType = z.ZodMiniType,
  R extends z.ZodMiniType = z.ZodMiniType,
> {
  /** `context.operation`, e.g. `roster.decideBinding`; names the handler and the test rows. */
  id: string;
  method: HttpMethod;
  /** API Gateway style path with `{placeholders}`. */
  path: string;
  summary: string;
  access: Access;
  params: P;
  query: Q;
  body: B;
  response: R;
  successStatus: 200 | 201 | 202;
  rateLimit: RateLimitClass;
  answers?: RouteAnswers;
  /**
   * The body field that makes a retry safe (`requestId`): the service stores a fingerprint of the whole
   * request with it, answers the first result to the same request again, and 409 `IDEMPOTENCY_MISMATCH`
   * to a different request under the same key (Stripe's rule; functions/src/http/idempotency.ts).
   */
  idempotencyKey?: string;
  /**
   * Seconds a successful answer may be cached by anyone (`Cache-Control: public, max-age=…`): public
   * reads the same for every caller only. Everything else answers `no-store`.
   */
  cacheSeconds?: number;
  /**
   * The staff action log (issue 18 §4). A privileged write — a non-GET route whose access is by role alone
   * (no admitted role is `resident`: see `isPrivilegedWrite`) — declares the object it changes, and the
   * pipeline records who, when, where, what and the changed fields in the same transaction as the change
   * (functions/src/db/staffLog.ts). `false` says the route changes no record (a preview, an upload URL, an
   * export file); a code comment beside it says why. A role-gated route that lacks the declaration fails
   * scripts/staffLog.test.ts (it reads `API`, which shared may not import), so a new privileged route cannot ship without its entry.
   */
  staffLog?: StaffLogDeclaration | false;
}

/**
 * What a privileged write changes: the object's type, and the path parameter naming it (default: the
 * path's last parameter, which is `communityId` for community-wide objects such as settings). A route
 * whose object is named only by its answer (a created topic) lets the service name it (`noteStaffChange`).
 * Kept to a few bytes: contracts ship in the mini-program's main package.
 */
export interface StaffLogDeclaration {
  object: StaffObjectType;
  id?: string;
}

/** The objects the staff action log names (the 操作记录 page filters by these). */
export const STAFF_OBJECT_TYPES = [
  'setting',
  'topic',
  'poll',
  'grievance',
  'evaluation',
  'broadcast',
  'notification',
  'binding',
  'invitation',
  'role',
  'roster',
  'catalogueItem',
  'posting',
  'audit',
  'team',
  'content',
  'budgetRound',
  'budgetProject',
  'objection',
  'community',
  'street',
] as const;
export type StaffObjectType = (typeof STAFF_OBJECT_TYPES)[number];

const NO_PARAMS = z.strictObject({});
const NO_QUERY = z.object({});
const NO_BODY = z.undefined();

/** Declares a route once, for the Lambda router, the typed client and the generated tests. */
export function defineRoute<
  P extends z.ZodMiniType = typeof NO_PARAMS,
  Q extends z.ZodMiniType = typeof NO_QUERY,
  B extends z.ZodMiniType = typeof NO_BODY,
  R extends z.ZodMiniType = z.ZodMiniType,
>(c: {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  successStatus?: 200 | 201 | 202;
  rateLimit?: RateLimitClass;
  answers?: RouteAnswers;
  idempotencyKey?: string;
  staffLog?: StaffLogDeclaration | false;
  cacheSeconds?: number;
}): RouteContract<P, Q, B, R> {
  return {
    ...c,
    params: (c.params ?? NO_PARAMS) as P,
    query: (c.query ?? NO_QUERY) as Q,
    body: (c.body ?? NO_BODY) as B,
    successStatus: c.successStatus ?? (c.method === 'POST' ? 201 : 200),
    rateLimit: c.rateLimit ?? (c.method === 'GET' ? 'none' : 'write'),
  };
}

export type ParamsOf<C extends RouteContract> = z.output<C['params']>;
export type QueryOf<C extends RouteContract> = z.output<C['query']>;
export type BodyOf<C extends RouteContract> = z.output<C['body']>;
export type ResponseOf<C extends RouteContract> = z.output<C['response']>;

/** What a client sends: inputs before the schema's transforms (trim, coercion). */
export type RequestOf<C extends RouteContract> = {
  params: z.input<C['params']>;
  query?: z.input<C['query']>;
  body?: z.input<C['body']>;
};

/** Fills `{placeholders}` in a contract path; ids are URL-encoded. */
export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** A page of a list with an opaque cursor for the next one. */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.optional(z.string()) });
}

export const ok = z.object({ ok: z.literal(true) });

/** Error codes every route may answer with, beside the HTTP status. */
export const ERROR_CODES = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  IDEMPOTENCY_MISMATCH: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES | (string & {});

/** What a 409 `DUPLICATE` found already there (a community of that name in the street), so a form can offer it. */
export interface ExistingThing {
  kind: string;
  id: string;
  name: string;
}

/** The body of every non-2xx answer. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldProblem[];
    existing?: ExistingThing;
    correlationId?: string;
  };
}
