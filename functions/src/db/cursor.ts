/**
 * Pagination cursors are the LastEvaluatedKey, base64url-encoded. Decoding is defensive: a forged
 * or stale cursor is an InvalidCursor (the pipeline's 400), never a 500, and it can only name keys
 * (strings), nothing else.
 */
import { InvalidCursor } from './errors';

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.entries(value).every(
        ([k, v]) => /^(PK|SK|GSI[1-3](PK|SK))$/.test(k) && typeof v === 'string' && v.length < 1024,
      )
    )
      return value as Record<string, string>;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}
