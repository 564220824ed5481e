import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { wechatClient } from '../wechat/container';
import { provideAudiences } from './audiences';
import type { DispatchDeps } from './dispatch';
import { FEATURE_AUDIENCES } from './featureAudiences';
import { dispatchStreamBatch } from './streamBatch';

assertSafeForStage();
provideAudiences(FEATURE_AUDIENCES);

/** Stream consumer (filtered to NotificationIntent inserts and audience progress): delivers notifications. */
export function dispatcherHandler(deps: DispatchDeps = { sender: wechatClient }) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    await refreshDevClock();
    return dispatchStreamBatch(event.Records, deps, clock.now());
  };
}

export const handler = dispatcherHandler();
