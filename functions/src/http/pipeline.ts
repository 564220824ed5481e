import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod/mini';
import {
  answeredStatuses,
  fieldProblems,
  holdsRole,
  rolesIn,
  holdsStreetRole,
  isPlatformAdmin,
  installChineseMessages,
  parseProxyHeader,
  PROXY_HEADER,
  type Role,
  type ApiErrorBody,
  type BodyOf,
  type ParamsOf,
  type Principal,
  type QueryOf,
  type RouteContract,
} from '@linli/shared';
import { assertSafeForStage, config } from '../commons/config';
import { logger } from '../commons/logger';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { runWithContext, takeUnattributedDbCalls, type RequestContext } from '../commons/requestContext';
import { ulid } from '../commons/ids';
import { principalInCommunity, principalOf } from '../identity/principal';

import { isLive, loadCaller } from '../identity/sessions';
import type { actingPrincipal, recordProxyAction } from '../proxy/acting';
import type { ProxySessionItem } from '../db/entities/proxySession';
import type { UserItem } from '../db/entities/user';
import {
  ApiError,
  badRequest,
  forbidden,
  isTransientInfrastructureError,
  REFUSED_UNDER_PROXY,
  unauthenticated,
  unavailable,
} from './errors';
import { InvalidCursor, isConditionFailure, isTransactionConflict } from '../db/errors';
import { verifyAccessToken } from './tokens';
import type { keepStaffAction, openStaffAction } from '../db/staffLog';
import { enforceRateLimit } from './rateLimit';

installChineseMessages();
assertSafeForStage();

const MAX_BODY_BYTES = 256 * 1024;
const SLOW_REQUEST_MS = 1000;

/** What a route handler receives: inputs already parsed by the contract, and who is asking. */
export interface Call<C extends RouteContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  /** Anonymous (no grants) on public routes. */
  principal: Principal;
  /** The signed-in user as stored; undefined on public routes. */
  user: UserItem | undefined;
  /** The session the access token names (live: checked on every request); '' on public routes. */
  sessionId: string;
  /**
   * 亲情代办: the open 代办 session the request named (`x-linli-acting-for`). `principal` and `user` are
   * then the resident's, `principal.actor` the helper's.
   */
  proxySession?: ProxySessionItem;
  now: Date;
  correlationId: string;
  headers: Record<string, string | undefined>;
}

export type RouteHandler<C extends RouteContract> = (call: Call<C>) => Promise<z.input<C['response']>>;
export type Handlers<G extends Record<string, RouteContract>> = { [K in keyof G]: RouteHandler<G[K]> };

interface CompiledRoute {
  contract: RouteContract;
  pattern: RegExp;
  names: string[];
  handle: RouteHandler<RouteContract>;
}

function compile(contract: RouteContract, handle: RouteHandler<RouteContract>): CompiledRoute {
  const names: string[] = [];
  const source = contract.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
      names.push(a ?? b);
      return '([^/]+)';
    });
  return { contract, pattern: new RegExp(`^${source}/?$`), names, handle };
}

const ANONYMOUS: Principal = { userId: '', grants: [], memberships: [] };

/**
 * The parts of the pipeline a Lambda may leave out (http/api.ts passes both; a Lambda without them does not
 * bundle them). Without `acting`, a request that names a 代办 session is refused as on any route a helper may
 * not use; without `staffLog`, no route of the Lambda may declare a staff log (refused when it is built).
 */
export interface PipelineSeams {
  /** 亲情代办: the resident's principal for a request that names a 代办 session, and its record once done. */
  acting?: { principal: typeof actingPrincipal; record: typeof recordProxyAction };
  /** The staff log of a privileged write (db/staffLog.ts). */
  staffLog?: { open: typeof openStaffAction; keep: typeof keepStaffAction };
}

/**
 * The one HTTP pipeline every API Lambda runs: match the route, authenticate, parse inputs with the
 * shared contract, check the roles the contract admits in the path's community, call the handler,
 * strip the answer to the contract's response schema, and map every failure to a readable 4xx/5xx.
 */
export function pipeline<G extends Record<string, RouteContract>>(
  group: G,
  handlers: Handlers<G>,
  seams: PipelineSeams,
) {
  const routes = Object.entries(group).map(([name, contract]) =>
    compile(contract, handlers[name as keyof G] as unknown as RouteHandler<RouteContract>),
  );
  const logged = routes.find((r) => r.contract.staffLog);
  if (logged && !seams.staffLog) throw new Error(`${logged.contract.id} declares a staff log: build it with httpApi`);
  // What each route's contract says it can answer (docs/openapi.json lists the same), for the local check below.
  const documented = new Map(routes.map((r) => [r.contract.id, answeredStatuses(r.contract)]));

  return async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
    const headers = lowerCaseHeaders(event.headers);
    // A caller's own id (the mini-program sends one per user action) threads through every log line.
    const correlationId = validCorrelationId(headers['x-correlation-id']) ?? ulid();
    const ctx: RequestContext = { correlationId, dbOps: { reads: 0, writes: 0, commands: [], changed: [] } };
    const started = Date.now();
    let routeId = 'unmatched';
    let userId: string | undefined;
    // Headers every answer carries once the route is known (the caller's rate budget).
    const answerHeaders: Record<string, string> = {};

    const result = await (async () => {
      try {
        // The local stage's clock read (at most once a second) is no cost of the route on AWS: made
        // outside the request's context, the diagnostics header reports it as `outside`.
        await refreshDevClock();
      } catch (error) {
        return errorResponse(mapError(error, correlationId), correlationId);
      }
      return runWithContext(ctx, async () => {
        try {
          const method = event.requestContext.http.method.toUpperCase();
          const path = event.rawPath;
          const matches = routes.filter((r) => r.pattern.test(path));
          const route = matches.find((r) => r.contract.method === method);
          if (!route) {
            if (matches.length) throw new ApiError(405, 'METHOD_NOT_ALLOWED', '不支持该请求方式');
            throw new ApiError(404, 'NOT_FOUND', '接口不存在');
          }
          routeId = route.contract.id;
          const now = clock.now();
          const call = await prepareCall(route, event, headers, now, correlationId, answerHeaders, seams.acting);
          userId = call.principal.userId || undefined;
          if (route.contract.staffLog) seams.staffLog?.open(staffActor(route.contract, call));
          const output = await route.handle(call);
          // Something done in a resident's name: her audit entry and notice, once it has happened.
          if (call.proxySession)
            await seams.acting?.record({
              principal: call.principal,
              session: call.proxySession,
              routeId,
              body: call.body,
              output,
              now,
            });
          // A privileged write's entry: in its transaction already, or written now after a single write.
          const kept = await seams.staffLog?.keep();
          if (kept && config.dev.diagnostics) answerHeaders['x-linli-staff-log'] = kept;
          const parsed = route.contract.response.safeParse(output);
          if (!parsed.success) {
            logger.error('response does not match contract', { routeId, issues: parsed.error.issues.slice(0, 5) });
            throw new Error('response contract violation');
          }
          // A public read the same for every caller may be kept by the client and any cache in between.
          const cache: Record<string, string> = route.contract.cacheSeconds
            ? { 'cache-control': `public, max-age=${route.contract.cacheSeconds}` }
            : {};
          return json(route.contract.successStatus, parsed.data, correlationId, ctx, {
            ...answerHeaders,
            ...cache,
          });
        } catch (error) {
          return errorResponse(mapError(error, correlationId), correlationId, ctx, answerHeaders);
        }
      });
    })();

    // On the local stack, a status the contract does not document is flagged for the tests to fail on:
    // the document must say everything a route can answer.
    if (config.dev.diagnostics && documented.get(routeId) && !documented.get(routeId)!.has(result.statusCode!)) {
      logger.error('status not documented by the contract', { routeId, status: result.statusCode });
      result.headers = { ...result.headers, 'x-linli-undocumented-status': String(result.statusCode) };
    }
    // API Gateway's access log has every request; ours adds the refused, the failed and the slow ones
    // (a JSON line per request would be CPU on the hot path and log volume for nothing).
    const ms = Date.now() - started;
    const log = (result.statusCode ?? 500) >= 400 || ms >= SLOW_REQUEST_MS ? logger.info : logger.debug;
    log.call(logger, 'request', {
      correlationId,
      routeId,
      status: result.statusCode,
      ms,
      dbReads: ctx.dbOps.reads,
      dbWrites: ctx.dbOps.writes,
      userId,
    });
    return result;
  };
}

/**
 * Who did a privileged write: the caller, by name, with the roles of theirs the route admitted. Under 亲情代办
 * the principal is the resident's, so the entry names the helper at the keyboard (`principal.actor`) as the
 * actor and the resident as whom they acted for (FEATURES-proxy.md).
 */
function staffActor(contract: RouteContract, call: Call<RouteContract>) {
  const communityId = (call.params as { communityId?: string }).communityId ?? '';
  const admitted = contract.access.kind === 'roles' ? contract.access.roles : [];
  const { actor: helper, actingFor } = call.principal;
  const resident = {
    userId: call.principal.userId,
    name: call.user?.realName ?? call.user?.nickname ?? call.principal.userId,
  };
  return {
    contract,
    params: call.params as Record<string, unknown>,
    body: call.body,
    actor: {
      ...(helper && actingFor ? { userId: helper.userId, name: helper.name } : resident),
      roles: rolesIn(call.principal, communityId).filter((r) => admitted.includes(r)),
      ...(helper && actingFor ? { actingFor: { userId: resident.userId, name: actingFor.residentName } } : {}),
    },
    now: call.now,
    correlationId: call.correlationId,
  };
}

async function prepareCall(
  route: CompiledRoute,
  event: APIGatewayProxyEventV2,
  headers: Record<string, string | undefined>,
  now: Date,
  correlationId: string,
  answerHeaders: Record<string, string>,
  acting: PipelineSeams['acting'],
): Promise<Call<RouteContract>> {
  const { contract } = route;
  const match = route.pattern.exec(event.rawPath) as RegExpExecArray;
  const rawParams: Record<string, string> = {};
  try {
    route.names.forEach((name, i) => (rawParams[name] = decodeURIComponent(match[i + 1] as string)));
  } catch {
    throw badRequest('链接中的编号无效');
  }

  let user: UserItem | undefined;
  let sessionId = '';
  let principal = ANONYMOUS;
  let proxySession: ProxySessionItem | undefined;
  if (contract.access.kind !== 'public') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!bearer) throw unauthenticated('请先登录');
    const claims = await verifyAccessToken(bearer, now);
    const actingFor = headers[PROXY_HEADER] === undefined ? undefined : parseProxyHeader(headers[PROXY_HEADER]);
    if (headers[PROXY_HEADER] !== undefined && !actingFor) throw badRequest('代办编号无效');
    // The token names the caller and their session: both are read in one call (a BatchGet, as the user's
    // GetItem was before), alongside the rate budget. A session that ended (logout, 退出所有设备, a reused
    // refresh token, role revocation, erasure) or never existed stops its access tokens at once.
    const [loaded, limited] = await Promise.allSettled([
      loadCaller(claims.userId, claims.sessionId, actingFor),
      enforceRateLimit(contract, claims.userId, now),
    ]);
    if (loaded.status === 'rejected') throw loaded.reason;
    user = loaded.value.user;
    if (!user) throw unauthenticated('账号不存在或已注销');
    if (!isLive(loaded.value.session, now)) throw unauthenticated('登录已失效，请重新登录');
    sessionId = claims.sessionId;
    if (limited.status === 'rejected') throw limited.reason;
    Object.assign(answerHeaders, limited.value);
    principal = principalOf(user);
    if (actingFor) {
      if (!acting) throw forbidden(REFUSED_UNDER_PROXY);
      principal = acting.principal({
        caller: user,
        resident: loaded.value.resident,
        session: loaded.value.proxySession,
        routeId: contract.id,
        communityId: rawParams.communityId,
        now,
      });
      user = loaded.value.resident;
      proxySession = loaded.value.proxySession;
    }
  } else {
    Object.assign(answerHeaders, await enforceRateLimit(contract, sourceIp(event), now));
  }

  const params = contract.params.safeParse(rawParams);
  if (!params.success) throw badRequest('链接中的编号无效', fieldProblems(params.error, 'params'));
  const { communityId, streetId } = params.data as { communityId?: string; streetId?: string };
  // A street office or an administrator acts in a community through its office (identity/offices.ts).
  if (communityId) principal = await principalInCommunity(principal, communityId);
  // Roles before inputs: a caller who may not use the route learns nothing about what it accepts.
  if (contract.access.kind === 'roles') {
    // Acting for a resident, the helper's authority is the 代办 session (checked above): the resident
    // must live in the community, and the service checks the object (her case, her household).
    const admitted = principal.actingFor
      ? !!communityId && principal.memberships.some((m) => m.communityId === communityId)
      : admits(principal, contract.access.roles, { communityId, streetId });
    if (!admitted) throw forbidden();
  }
  // The representation first (size, media type, JSON syntax: 413/415/400), then its fields.
  const rawBody = readBody(contract, event, headers);
  const query = contract.query.safeParse(Object.fromEntries(new URLSearchParams(event.rawQueryString ?? '')));
  if (!query.success) throw badRequest(firstMessage(query.error), fieldProblems(query.error, 'query'));
  const body = contract.body.safeParse(rawBody);
  if (!body.success) throw badRequest(firstMessage(body.error), fieldProblems(body.error, 'body'));

  return {
    params: params.data,
    query: query.data,
    body: body.data,
    principal,
    user,
    sessionId,
    proxySession,
    now,
    correlationId,
    headers,
  } as Call<RouteContract>;
}

/** Whether `roles` admits the principal in the scope the path names: a community, else a street, else the platform. */
function admits(
  principal: Principal,
  admitted: readonly Role[],
  scope: { communityId?: string; streetId?: string },
): boolean {
  if (scope.communityId) return holdsRole(principal, admitted, scope.communityId);
  if (scope.streetId) return holdsStreetRole(principal, admitted, scope.streetId);
  return admitted.includes('admin') && isPlatformAdmin(principal);
}

function readBody(
  contract: RouteContract,
  event: APIGatewayProxyEventV2,
  headers: Record<string, string | undefined>,
): unknown {
  const expectsBody =
    !(contract.body as { def?: { type?: string } }).def ||
    (contract.body as { def: { type: string } }).def.type !== 'undefined';
  if (!expectsBody) return undefined;
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', '提交的内容太大');
  if (raw !== '' || headers['content-type'] !== undefined) assertDeclaredJson(headers['content-type']);
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('提交的内容不是有效的 JSON');
  }
}

/**
 * A body is read only as what it declares itself to be: `application/json` in UTF-8 (RFC 8259). No
 * Content-Type, an empty one, another media type or another charset (`gbk`) is 415: guessing would
 * store text the client encoded differently from what it meant.
 */
function assertDeclaredJson(contentType: string | undefined): void {
  const [mediaType, ...parameters] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (mediaType !== 'application/json')
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式提交（Content-Type: application/json）');
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8')
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 UTF-8 编码提交 JSON（charset=utf-8）');
}

function mapError(error: unknown, correlationId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InvalidCursor) return badRequest(error.message);
  if (isTransactionConflict(error)) return new ApiError(409, 'CONFLICT', '有人同时在操作，请稍后重试');
  if (isConditionFailure(error)) return new ApiError(409, 'CONFLICT', '数据已变化，请刷新后重试');
  if (isTransientInfrastructureError(error)) {
    logger.warn('infrastructure unavailable', { correlationId, error: (error as Error).name });
    return unavailable();
  }
  logger.error('unhandled error', { correlationId, error: error as Error });
  return new ApiError(500, 'INTERNAL', '系统出了点问题，请稍后再试');
}

function errorResponse(
  error: ApiError,
  correlationId: string,
  ctx?: RequestContext,
  answerHeaders: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields?.length ? { fields: error.fields } : {}),
      ...(error.existing ? { existing: error.existing } : {}),
      correlationId,
    },
  };
  return json(error.status, body, correlationId, ctx, { ...answerHeaders, ...error.headers });
}

function json(
  status: number,
  body: unknown,
  correlationId: string,
  ctx?: RequestContext,
  extraHeaders: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  if (ctx) ctx.dbOps.answered = true;
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-correlation-id': correlationId,
      ...(ctx && config.dev.diagnostics
        ? {
            'x-linli-db-ops': `reads=${ctx.dbOps.reads};writes=${ctx.dbOps.writes};commands=${ctx.dbOps.commands.join(',')};outside=${takeUnattributedDbCalls()}`,
            // The items this request wrote (URI-encoded `PK SK`, at most 50): what hostile-input tests check.
            'x-linli-db-changed': ctx.dbOps.changed.slice(0, 50).map(encodeURIComponent).join(','),
          }
        : {}),
      ...extraHeaders,
    },
    body: JSON.stringify(body),
  };
}

function lowerCaseHeaders(h: Record<string, string | undefined> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

const validCorrelationId = (v: string | undefined) => (v && /^[\w-]{8,64}$/.test(v) ? v : undefined);
const firstMessage = (e: z.core.$ZodError) => e.issues[0]?.message ?? '提交的内容有误';
const sourceIp = (event: APIGatewayProxyEventV2) => `ip:${event.requestContext?.http?.sourceIp ?? 'unknown'}`;
