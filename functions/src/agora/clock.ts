import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { runAgoraClock } from './closing';

assertSafeForStage();

/** Scheduled every minute: closes and counts due polls, sends "closing in 24 h" to non-voters. */
export async function handler(): Promise<{ closed: number; reminded: number }> {
  await refreshDevClock();
  const done = await runAgoraClock(clock.now());
  if (done.closed || done.reminded) logger.info('agora clock', done);
  return done;
}
