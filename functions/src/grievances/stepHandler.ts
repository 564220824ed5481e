import { grievanceStepRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { caseRequest, type CaseCall } from './calls';
import { wechatContentChecker } from './contentCheck';
import type { GrievanceDeps } from './requests';
import { takeStep, type StepRequest } from './transitions';

/**
 * The steps of a 诉求 (受理, 承诺, 办结, 转办, 上报, 评价, 撤回): their own Lambda, so the grievances Lambda
 * (submit, lists, detail, conversation) stays under 250 KB. API Gateway routes these paths ahead of the
 * grievances Lambda's `/grievances/{proxy+}`.
 */
export const grievanceStepHandlers = (
  deps: GrievanceDeps = { checker: wechatContentChecker },
): Handlers<typeof grievanceStepRoutes> => {
  const step = (call: CaseCall, seenVersion: number, request: StepRequest) =>
    takeStep({ ...caseRequest(call), seenVersion, step: request }, deps);
  return {
    accept: (call) => step(call, call.body.version, { action: 'accept' }),
    commit: (call) => step(call, call.body.version, { action: 'commit', text: call.body.text, dueBy: call.body.dueBy }),
    resolve: (call) =>
      step(call, call.body.version, { action: 'resolve', note: call.body.note, photos: call.body.photos }),
    refer: (call) =>
      step(call, call.body.version, { action: 'refer', referredTo: call.body.referredTo, note: call.body.note }),
    escalate: (call) => step(call, call.body.version, { action: 'escalate', reason: call.body.reason }),
    rate: (call) =>
      step(call, call.body.version, { action: 'rate', rating: call.body.rating, comment: call.body.comment }),
    withdraw: (call) => step(call, call.body.version, { action: 'withdraw', reason: call.body.reason }),
  };
};

export const handler = httpApi(grievanceStepRoutes, grievanceStepHandlers());
