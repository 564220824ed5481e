import type { Call } from '../http/api';
import type { UserItem } from '../db/entities/user';
import type { CaseRequest, Caller } from './requests';

/** Routes admitted by role always have a signed-in user. */
export const callerOf = (call: Pick<Call<never>, 'principal' | 'user'>): Caller => ({
  principal: call.principal,
  user: call.user as UserItem,
});

/** A call on one case, whichever of the three 诉求 Lambdas serves it. */
export type CaseCall = Pick<Call<never>, 'principal' | 'user' | 'now'> & {
  params: { communityId: string; grievanceId: string };
};

/** The request every route on one case makes: the caller, the case, the time. */
export const caseRequest = (call: CaseCall): CaseRequest => ({ ...call.params, caller: callerOf(call), now: call.now });
