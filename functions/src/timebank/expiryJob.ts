import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { expireAll } from './expiry';

assertSafeForStage();

/** Scheduled daily: 积分过期 in communities that turned it on. */
export async function handler() {
  await refreshDevClock();
  const results = await expireAll(clock.now());
  for (const r of results) if (r.expired) logger.info('points expired', r);
  return { communities: results.length, expired: results.reduce((s, r) => s + r.expired, 0) };
}
