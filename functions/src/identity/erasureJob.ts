import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { retryPendingErasures } from './accountData';

assertSafeForStage();

/** Scheduled: finishes account erasures that a crash interrupted (see deleteAccount). */
export async function handler(): Promise<{ finished: number }> {
  await refreshDevClock();
  const finished = await retryPendingErasures(clock.now());
  if (finished) logger.info('finished pending erasures', { finished });
  return { finished };
}
