import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { RateLimitClass, RouteContract } from '@linli/shared';
import { rateCounters } from '../db/entities/rateCounter';
import { tooManyRequests } from './errors';
import { isConditionFailure } from '../db/errors';

const WINDOW_SECONDS = 60;

/**
 * Requests per caller per minute; sign-in and public reads are per source IP, writes per user. Tunable
 * for load tests.
 */
export function limitFor(kind: RateLimitClass): number | undefined {
  if (kind === 'signIn') return Number(process.env.RATE_LIMIT_SIGN_IN_PER_MINUTE ?? 20);
  if (kind === 'public') return Number(process.env.RATE_LIMIT_PUBLIC_PER_MINUTE ?? 60);
  if (kind === 'write') return Number(process.env.RATE_LIMIT_WRITES_PER_MINUTE ?? 120);
  return undefined;
}

/**
 * What is left of the caller's budget, sent on every answer of a limited route as the IETF draft's
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window turns), so a
 * client can slow down before it is refused.
 */
export type RateBudgetHeaders = Record<'RateLimit-Limit' | 'RateLimit-Remaining' | 'RateLimit-Reset', string>;

const budgetHeaders = (limit: number, remaining: number, resetSeconds: number): RateBudgetHeaders => ({
  'RateLimit-Limit': String(limit),
  'RateLimit-Remaining': String(Math.max(0, remaining)),
  'RateLimit-Reset': String(resetSeconds),
});

/**
 * Counts this request in the caller's current window with one conditional update; the condition
 * (not a read) refuses the request past the limit, so concurrent requests cannot overshoot it. The
 * update returns the new count, so the budget headers cost no extra read.
 */
export async function enforceRateLimit(
  contract: RouteContract,
  caller: string,
  now: Date,
): Promise<RateBudgetHeaders | undefined> {
  const limit = limitFor(contract.rateLimit);
  if (limit === undefined || limit <= 0) return undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const window = Math.floor(nowSeconds / WINDOW_SECONDS);
  const resetSeconds = (window + 1) * WINDOW_SECONDS - nowSeconds;
  try {
    const { Attributes } = await rateCounters.update(
      { bucket: `${contract.rateLimit}#${caller}#${window}`, count: $add(1), ttl: (window + 2) * WINDOW_SECONDS },
      {
        condition: {
          or: [
            { attr: 'count', exists: false },
            { attr: 'count', lt: limit },
          ],
        },
        returnValues: 'UPDATED_NEW',
      },
    );
    return budgetHeaders(limit, limit - Number(Attributes?.count ?? limit), resetSeconds);
  } catch (error) {
    if (isConditionFailure(error)) throw tooManyRequests(resetSeconds, budgetHeaders(limit, 0, resetSeconds));
    throw error;
  }
}
