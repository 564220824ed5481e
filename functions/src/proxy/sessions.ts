import { proxyBasis, proxyExpiry, type Principal, type ProxySessionView, type MyProxyView } from '@linli/shared';
import type { Draft } from '../db/draft';
import type { CommunityRequest } from '../commons/serviceRequest';
import { ulid } from '../commons/ids';
import { proxySessions, type ProxySessionItem } from '../db/entities/proxySession';
import { buildings } from '../db/entities/building';
import { users, type UserItem } from '../db/entities/user';
import { households } from '../db/registries/households';
import { proxy } from '../db/registries/proxy';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedWrites, transact } from '../db/transactions';
import { principalOf, loadUser } from '../identity/principal';
import { loadUsers } from '../identity/users';
import { forbidden, notFound } from '../http/errors';
import { displayName, proxyRecordWrites } from './acting';
import { recordView, sessionView } from './views';

/** The most residents the picker lists (a building or a grid; a grid of ~1,000 people is paged by building). */
const CANDIDATE_LIMIT = 300;
const MY_RECORDS = 50;
/** Expired sessions stay readable a day (the TTL then removes them; the records stay). */
const SESSION_TTL_GRACE_S = 24 * 3600;

/** #P4 Whom the caller may act for: residents of the buildings they head, the grids they serve, their household. */
export async function proxyCandidates({ principal, communityId }: Omit<CommunityRequest, 'now'>) {
  const slices: { gridId: string; buildingId?: string; unitId?: string }[] = [];
  for (const m of principal.memberships.filter((x) => x.communityId === communityId))
    slices.push({ gridId: m.gridId, buildingId: m.buildingId, unitId: m.unitId });
  for (const g of principal.grants.filter((x) => x.communityId === communityId)) {
    if (g.role === 'gridWorker' && g.gridId) slices.push({ gridId: g.gridId });
    if (g.role === 'buildingHead' && g.buildingId) {
      const { Item: building } = await buildings.get({ communityId, buildingId: g.buildingId });
      if (building) slices.push({ gridId: building.gridId, buildingId: g.buildingId });
    }
  }
  const ids = new Set<string>();
  for (const slice of slices) {
    const { Items = [] } = await households.query
      .members({ communityId, ...slice, page: { limit: CANDIDATE_LIMIT } })
      .send();
    for (const m of Items) if (m.userId !== principal.userId && ids.size < CANDIDATE_LIMIT) ids.add(m.userId);
  }
  const people = await loadUsers(ids);
  const items = [...people.values()]
    .filter((u) => u.status === 'active')
    .flatMap((u) => {
      const basis = proxyBasis(principal, principalOf(u), communityId);
      const home = Object.values(u.memberships ?? {}).find((m) => m.communityId === communityId);
      return basis && home
        ? [{ userId: u.userId, name: displayName(u), unitLabel: home.unitLabel, basis, switchedOff: !!u.proxyOff }]
        : [];
    })
    .sort((a, b) => a.unitLabel.localeCompare(b.unitLabel, 'zh') || a.name.localeCompare(b.name, 'zh'));
  return { items };
}

async function residentFor(principal: Principal, communityId: string, residentId: string) {
  const resident = await loadUser(residentId);
  if (!resident) throw notFound('居民');
  const basis = proxyBasis(principal, principalOf(resident), communityId);
  if (!basis) throw forbidden('只有本楼楼长、本网格网格员或同户家人可以代办');
  return { resident, basis };
}

/** 开始代办 (#P1): one resident, a stated reason, 30 minutes; she is told and it is recorded. */
export async function startProxy({
  principal,
  user,
  communityId,
  input,
  now,
}: CommunityRequest & { user: UserItem; input: { residentId: string; reason: string } }): Promise<ProxySessionView> {
  const { resident, basis } = await residentFor(principal, communityId, input.residentId);
  if (resident.proxyOff) throw forbidden('该居民已关闭亲情代办');
  const expiresAt = proxyExpiry(now);
  const session: Draft<ProxySessionItem> = {
    residentId: resident.userId,
    proxySessionId: ulid(now.getTime()),
    communityId,
    residentName: displayName(resident),
    actorId: user.userId,
    actorName: displayName(user),
    basis,
    reason: input.reason,
    startedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ttl: Math.floor(expiresAt.getTime() / 1000) + SESSION_TTL_GRACE_S,
  };
  await transact({
    session: proxySessions.transactPut(session, { condition: { attr: 'proxySessionId', exists: false } }),
    ...proxyRecordWrites({
      session,
      actor: { userId: user.userId, name: session.actorName },
      action: 'started',
      object: `为${session.residentName}开始代办（30 分钟）`,
      now,
    }),
  });
  return sessionView(session);
}

/** Ends an open session (its helper ends it, or the resident switching 代办 off); false when it had ended. */
async function endSession(session: Draft<ProxySessionItem>, object: string, now: Date): Promise<boolean> {
  if (session.endedAt || session.expiresAt <= now.toISOString()) return false;
  const writes = {
    session: proxySessions.transactUpdate(
      { residentId: session.residentId, proxySessionId: session.proxySessionId, endedAt: now.toISOString() },
      { condition: { attr: 'endedAt', exists: false } },
    ),
    ...proxyRecordWrites({
      session,
      actor: { userId: session.actorId, name: session.actorName },
      action: 'ended',
      object,
      now,
    }),
  };
  try {
    await transact(writes);
    return true;
  } catch (error) {
    if (failedWrites(error, writes)?.has('session')) return false;
    throw error;
  }
}

/** 结束代办: by the helper who started it (or the resident). */
export async function endProxy({
  principal,
  communityId,
  residentId,
  proxySessionId,
  now,
}: CommunityRequest & { residentId: string; proxySessionId: string }) {
  const { Item: session } = await proxySessions.get({ residentId, proxySessionId }, { consistent: true });
  if (!session || session.communityId !== communityId) throw notFound('代办');
  if (session.actorId !== principal.userId && session.residentId !== principal.userId)
    throw forbidden('这不是您开始的代办');
  return { ended: await endSession(session, '提前结束代办', now) };
}

/** 我的 → 代办记录: what was done in my name, and whether 代办 is on. */
export async function myProxy({ user }: { user: UserItem }): Promise<MyProxyView> {
  const { Items = [] } = await proxy.query
    .recordsOfResident({ residentId: user.userId, page: { limit: MY_RECORDS } })
    .send();
  return { enabled: !user.proxyOff, records: Items.map(recordView) };
}

/** Switches 代办 on or off for my account; off ends every open session at once (and every request checks it). */
export async function setProxyEnabled({
  user,
  input,
  now,
}: {
  user: UserItem;
  input: { enabled: boolean };
  now: Date;
}): Promise<{ enabled: boolean }> {
  await users.update({ userId: user.userId, proxyOff: !input.enabled });
  if (!input.enabled) {
    const { Items = [] } = await proxy.query.sessionsOfResident({ residentId: user.userId }).send();
    for (const s of Items) await endSession(s, '居民关闭了亲情代办', now);
  }
  return { enabled: input.enabled };
}

/** The committee's 代办记录 (#P3), newest first. */
export async function communityProxyRecords({
  communityId,
  query,
}: Omit<CommunityRequest, 'now' | 'principal'> & { query: { cursor?: string; limit?: number } }) {
  const { Items = [], LastEvaluatedKey } = await proxy.query
    .recordsOfCommunity({ communityId, page: { limit: query.limit ?? 20, start: decodeCursor(query.cursor) } })
    .send();
  return { items: Items.map(recordView), nextCursor: encodeCursor(LastEvaluatedKey) };
}
