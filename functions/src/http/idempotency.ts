import { createHash } from 'node:crypto';
import { conflict } from './errors';

/**
 * Idempotency keys with fingerprints (Stripe's rule). A route with an `idempotencyKey` in its contract
 * (`requestId`, `clientRequestId`) stores, on the item its key protects and in the same conditional
 * write, a fingerprint of the whole request: which route, who asks, the path's ids and the parsed body.
 * The same key with the same request answers the first result; the same key with anything else changed
 * is refused with 409 `IDEMPOTENCY_MISMATCH`, and writes nothing. The fingerprint is only read when the
 * key's conditional write finds the key taken (or where the service already read the key first), so a
 * first request costs no extra DynamoDB call.
 */
export interface KeyedRequest {
  /** The route's contract id (`timebank.redeem`); a service reached by two routes passes the one it serves. */
  route: string;
  /** The caller's userId. */
  caller: string;
  /** The path's ids, and what the service resolved from them that scopes the key (the seat of a ballot). */
  params: Record<string, unknown>;
  /** The body as the contract parsed it (defaults applied, text trimmed), the key included. */
  body: unknown;
}

/** Key order, absent fields and `undefined` do not change a request, so they do not change its fingerprint. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** SHA-256 of the canonical request, base64url (43 characters). */
export function requestFingerprint({ route, caller, params, body }: KeyedRequest): string {
  const text = JSON.stringify(canonical({ route, caller, params, body }));
  return createHash('sha256').update(text).digest('base64url');
}

export const IDEMPOTENCY_MISMATCH_MESSAGE = '该请求编号已用于另一项内容不同的操作，请刷新页面后重新提交';

/**
 * The check on a replay: the key is taken, so the request must be the one that took it. A key stored
 * before fingerprints were kept (no `stored`) answers the first result, as it did then.
 */
export function assertSameRequest(stored: string | undefined, fingerprint: string): void {
  if (stored !== undefined && stored !== fingerprint)
    throw conflict(IDEMPOTENCY_MISMATCH_MESSAGE, 'IDEMPOTENCY_MISMATCH');
}
