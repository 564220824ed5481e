import {
  identityApi,
  staffLogRoutes,
  streetConsoleRoutes,
  type RouteContract,
  type StaffLogEntryView,
  type StreetStaffLogEntryView,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, type PersonaKey } from '../../../devstack/seed/personas';
import { call, signIn, type Answer } from './http';

const userIds = new Map<PersonaKey, string>();
export async function userIdOf(who: PersonaKey): Promise<string> {
  if (!userIds.has(who)) userIds.set(who, (await call(identityApi.getMe, { token: await signIn(who) })).body.userId);
  return userIds.get(who)!;
}

/** Who reads a community's 操作记录 in these tests: the demo's administrator, or 西园's committee. */
const readerOf = (communityId: string): PersonaKey => (communityId === DEMO_COMMUNITY_ID ? 'admin' : 'wu');

/**
 * The staff-log entry a privileged write's answer owes, read back through 操作记录 (GET roster.staffLog,
 * filtered by the actor): fails unless the answer succeeded, says how its entry was kept (the local stack's
 * `x-linli-staff-log`), and an entry of this action by this caller names the object declared. `reader` reads
 * the log when the default cannot (a community the street office has just made has no committee yet).
 */
export async function expectStaffEntry(
  route: RouteContract,
  answer: Answer,
  req: { caller: PersonaKey; communityId: string; objectId: string; reader?: PersonaKey },
): Promise<StaffLogEntryView> {
  expect([route.id, answer.status]).toEqual([route.id, route.successStatus]);
  expect([route.id, answer.headers.get('x-linli-staff-log')]).toEqual([
    route.id,
    expect.stringMatching(/^(transaction|afterWrite)$/),
  ]);
  const actorId = await userIdOf(req.caller);
  const log = await call(staffLogRoutes.staffLog, {
    token: await signIn(req.reader ?? readerOf(req.communityId)),
    params: { communityId: req.communityId },
    query: { actorId, limit: 100 },
  });
  expect(log.status).toBe(200);
  const entry = log.body.items.find((e) => e.action === route.id && e.objectId === req.objectId);
  expect([route.id, entry]).toEqual([
    route.id,
    expect.objectContaining({
      actorId,
      communityId: req.communityId,
      objectType: route.staffLog ? route.staffLog.object : 'none',
      objectId: req.objectId,
      actionLabel: route.summary,
    }),
  ]);
  return entry!;
}

/**
 * The same action read back through the street's 操作记录 (GET streets.staffLog): an action under
 * `/streets/{streetId}` (or creating a street) is kept in the street's own log, and shown there once even when
 * a community's log keeps it too. `reader` is a street office of that street (or an administrator).
 */
export async function expectStreetStaffEntry(
  route: RouteContract,
  req: { caller: PersonaKey; streetId: string; objectId: string; reader: PersonaKey },
): Promise<StreetStaffLogEntryView> {
  const actorId = await userIdOf(req.caller);
  const log = await call(streetConsoleRoutes.streetStaffLog, {
    token: await signIn(req.reader),
    params: { streetId: req.streetId },
    query: { actorId, limit: 100 },
  });
  expect([route.id, log.status]).toEqual([route.id, 200]);
  const matching = log.body.items.filter((e) => e.action === route.id && e.objectId === req.objectId);
  expect([route.id, matching]).toEqual([
    route.id,
    [expect.objectContaining({ actorId, streetLevel: true, actionLabel: route.summary })],
  ]);
  return matching[0]!;
}
