import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { RateLimitClass, RouteContract } from '@linli/shared';
import { rateCounters } from '../db/entities/rateCounter';
import { tooManyRequests } from './errors';
import { isConditionFailure } from '../db/errors';

const WINDOW_SECONDS = 60;

/** Requests per caller per minute; sign-in is per source IP, writes per user. Tunable for load tests. */
export function limitFor(kind: RateLimitClass): number | undefined {
  if (kind === 'signIn') return Number(process.env.RATE_LIMIT_SIGN_IN_PER_MINUTE ?? 20);
  if (kind === 'write') return Number(process.env.RATE_LIMIT_WRITES_PER_MINUTE ?? 120);
  return undefined;
}

/**
 * Counts this request in the caller's current window with one conditional update; the condition
 * (not a read) refuses the request past the limit, so concurrent requests cannot overshoot it.
 */
export async function enforceRateLimit(contract: RouteContract, caller: string, now: Date): Promise<void> {
  const limit = limitFor(contract.rateLimit);
  if (limit === undefined || limit <= 0) return;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const window = Math.floor(nowSeconds / WINDOW_SECONDS);
  try {
    await rateCounters.update(
      { bucket: `${contract.rateLimit}#${caller}#${window}`, count: $add(1), ttl: (window + 2) * WINDOW_SECONDS },
      {
        condition: {
          or: [
            { attr: 'count', exists: false },
            { attr: 'count', lt: limit },
          ],
        },
      },
    );
  } catch (error) {
    if (isConditionFailure(error)) throw tooManyRequests((window + 1) * WINDOW_SECONDS - nowSeconds);
    throw error;
  }
}
