import type { RouteContract } from '@linli/shared';
import { keepStaffAction, openStaffAction } from '../db/staffLog';
import { actingPrincipal, recordProxyAction } from '../proxy/acting';
import { pipeline, type Handlers } from './pipeline';

export type { Call, Handlers, RouteHandler } from './pipeline';

/**
 * The HTTP pipeline (pipeline.ts) as the API Lambdas run it: with 亲情代办 (a helper acting in a resident's name)
 * and the staff log of privileged writes. A Lambda none of whose routes use either may build `pipeline` without
 * them (personalData), and then does not bundle them.
 */
export function httpApi<G extends Record<string, RouteContract>>(group: G, handlers: Handlers<G>) {
  return pipeline(group, handlers, {
    acting: { principal: actingPrincipal, record: recordProxyAction },
    staffLog: { open: openStaffAction, keep: keepStaffAction },
  });
}
