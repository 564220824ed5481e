import type { ApiErrorBody, ErrorCode, FieldProblem } from '@linli/shared';

export const NETWORK_MESSAGE = '网络不稳定，请重试';
const SERVER_BUSY_MESSAGE = '服务暂时繁忙，请稍后再试';

/**
 * Why a call did not succeed, carrying the server's own Chinese message (shown as is) and per-field
 * problems keyed like `body.realName`, so forms can put each message next to its field.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly fields: FieldProblem[];
  readonly correlationId?: string;

  constructor(
    status: number,
    code: ErrorCode | 'NETWORK',
    message: string,
    fields: FieldProblem[] = [],
    correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.correlationId = correlationId;
  }

  static network(): ApiFailure {
    return new ApiFailure(0, 'NETWORK', NETWORK_MESSAGE);
  }

  /** Maps a non-2xx answer; bodies that are not ours (a proxy's 502 page) get a readable fallback. */
  static fromResponse(status: number, data: unknown): ApiFailure {
    const error = (data as Partial<ApiErrorBody> | undefined)?.error;
    if (error && typeof error.message === 'string' && typeof error.code === 'string') {
      return new ApiFailure(
        status,
        error.code,
        error.message,
        Array.isArray(error.fields) ? error.fields : [],
        error.correlationId,
      );
    }
    if (status === 401) return new ApiFailure(status, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    if (status === 403) return new ApiFailure(status, 'FORBIDDEN', '您没有权限进行此操作');
    if (status === 404) return new ApiFailure(status, 'NOT_FOUND', '找不到该内容');
    if (status === 429) return new ApiFailure(status, 'RATE_LIMITED', '操作太频繁，请稍后再试');
    if (status >= 500 && status !== 500) return new ApiFailure(status, 'UNAVAILABLE', SERVER_BUSY_MESSAGE);
    if (status === 500) return new ApiFailure(status, 'INTERNAL', SERVER_BUSY_MESSAGE);
    return new ApiFailure(status, 'UNKNOWN', NETWORK_MESSAGE);
  }

  /** The message for one field (`body.realName`), if the server or the client check named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

/** Field messages of any error, keyed by field path; empty for errors that are not ApiFailures. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiFailure)) return {};
  const out: Record<string, string> = {};
  for (const f of error.fields) if (!(f.field in out)) out[f.field] = f.message;
  return out;
}

/** A message for a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  if (error instanceof Error && /fail|network|timeout/i.test(error.message)) return NETWORK_MESSAGE;
  return '出了点问题，请重试';
}
