import type { ErrorCode, ExistingThing, FieldProblem } from '@linli/shared';

/** An answer the caller can act on: a status, a stable code and a message a resident can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
    /** A 409 `DUPLICATE`'s record of what is already there. */
    readonly existing?: ExistingThing,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 409 naming what already exists (a community of that name in the street), so the caller can open it instead. */
export const duplicate = (message: string, existing: ExistingThing) =>
  new ApiError(409, 'DUPLICATE', message, undefined, undefined, existing);

export const badRequest = (message: string, fields?: FieldProblem[]) =>
  new ApiError(400, 'VALIDATION', message, fields);
export const unauthenticated = (message = '登录已失效，请重新登录') => new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '您没有权限进行此操作') => new ApiError(403, 'FORBIDDEN', message);
/** A route a helper may not use under 亲情代办 (proxy/acting.ts; the pipeline of a Lambda without 代办). */
export const REFUSED_UNDER_PROXY = '代办时不能进行此操作，请先结束代办';
export const notFound = (what = '内容') => new ApiError(404, 'NOT_FOUND', `找不到该${what}`);
export const conflict = (message: string, code: ErrorCode = 'CONFLICT') => new ApiError(409, code, message);
export const tooManyRequests = (retryAfterSeconds: number, headers: Record<string, string> = {}) =>
  new ApiError(429, 'RATE_LIMITED', '操作太频繁，请稍后再试', undefined, {
    ...headers,
    'Retry-After': String(retryAfterSeconds),
  });
export const unavailable = (retryAfterSeconds = 5) =>
  new ApiError(503, 'UNAVAILABLE', '服务暂时繁忙，请稍后再试', undefined, { 'Retry-After': String(retryAfterSeconds) });

/** Names of AWS SDK errors that mean "the database is unreachable or overloaded, try later". */
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientInfrastructureError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.name && TRANSIENT.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode >= 500) return true;
  return e.cause ? isTransientInfrastructureError(e.cause) : false;
}
