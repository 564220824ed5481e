import { runWithContext, type RequestContext } from '../src/commons/requestContext';
import { keepStaffAction, openStaffAction } from '../src/db/staffLog';

/** The committee member the tests act as. */
export const STAFF_ACTOR = { userId: 'u-sun', name: '孙主任', roles: ['committee'] };

/** Runs `fn` as a privileged request of `contract` would: inside a request context, its entry opened. */
export function asPrivilegedRequest<T>(
  contract: Parameters<typeof openStaffAction>[0]['contract'],
  req: { params: Record<string, unknown>; body?: unknown; now: Date },
  fn: () => Promise<T>,
) {
  const ctx: RequestContext = {
    correlationId: `cid-${Math.random()}`,
    dbOps: { reads: 0, writes: 0, commands: [], changed: [] },
  };
  return runWithContext(ctx, async () => {
    openStaffAction({
      contract,
      params: req.params,
      body: req.body,
      actor: STAFF_ACTOR,
      now: req.now,
      correlationId: ctx.correlationId,
    });
    const result = await fn().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const kept = 'error' in result ? undefined : await keepStaffAction();
    return { kept, ctx, ...result };
  });
}
