import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { wechatClient } from '../wechat/container';
import { provideAudiences } from './audiences';
import type { DispatchDeps } from './dispatch';
import { FEATURE_AUDIENCES } from './featureAudiences';
import { sweepDueIntents, type SweepReport } from './sweep';

assertSafeForStage();
provideAudiences(FEATURE_AUDIENCES);

/** Scheduled every minute: retries, releases quiet-hour pushes, recovers what the stream dropped. */
export function sweeperHandler(deps: DispatchDeps = { sender: wechatClient }) {
  return async (): Promise<SweepReport> => {
    await refreshDevClock();
    const report = await sweepDueIntents({ now: clock.now() }, deps);
    if (report.due) logger.info('notification sweep', { ...report });
    return report;
  };
}

export const handler = sweeperHandler();
