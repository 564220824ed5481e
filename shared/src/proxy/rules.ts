import type { Membership, Principal } from '../identity/roles';

/**
 * 亲情代办: a 楼长, 网格员 or family member acts for a resident without a smartphone, one resident at a time,
 * for at most PROXY_SESSION_MINUTES, on a short list of actions. The rules here are pure: the pipeline
 * (functions/src/http/api.ts) applies them to every request that names a 代办 session.
 */
export const PROXY_SESSION_MINUTES = 30;
export const PROXY_SESSION_MS = PROXY_SESSION_MINUTES * 60_000;

/** The request header naming the open 代办 session: `<residentId>.<proxySessionId>`. */
export const PROXY_HEADER = 'x-linli-acting-for';

/** Why the helper may act for this resident. */
export const PROXY_BASES = ['buildingHead', 'gridWorker', 'family'] as const;
export type ProxyBasis = (typeof PROXY_BASES)[number];
export const PROXY_BASIS_LABELS: Record<ProxyBasis, string> = {
  buildingHead: '楼长',
  gridWorker: '网格员',
  family: '家属',
};

/**
 * Who may act for a resident: the 楼长 of a building she lives in, the 网格员 of her grid, or someone bound
 * to the same household. Nobody acts for themselves, and only within one community. The first basis that
 * holds is named (family before role: a daughter who is also a 楼长 acts as family).
 */
export function proxyBasis(
  actor: Pick<Principal, 'userId' | 'grants' | 'memberships'>,
  resident: { userId: string; memberships: readonly Membership[] },
  communityId: string,
): ProxyBasis | undefined {
  if (actor.userId === resident.userId) return undefined;
  const homes = resident.memberships.filter((m) => m.communityId === communityId);
  if (!homes.length) return undefined;
  if (actor.memberships.some((a) => homes.some((h) => a.communityId === communityId && a.unitId === h.unitId)))
    return 'family';
  const inCommunity = actor.grants.filter((g) => g.communityId === communityId);
  if (inCommunity.some((g) => g.role === 'buildingHead' && homes.some((h) => h.buildingId === g.buildingId)))
    return 'buildingHead';
  if (inCommunity.some((g) => g.role === 'gridWorker' && homes.some((h) => h.gridId === g.gridId))) return 'gridWorker';
  return undefined;
}

/**
 * What a 代办 session may do, by route id: each action is recorded (audit entry + notice to the resident);
 * reads are what the helper needs to choose (her 诉求, the catalogue, an activity, her wallet) and are not.
 * Anything else, above all `agora.castBallot` (a secret online ballot), is refused while acting for someone.
 */
export const PROXY_ACTIONS = {
  'grievances.submit': '代提诉求',
  'grievances.rate': '代为评价诉求',
  'volunteer.signUp': '代报名志愿活动',
  'timebank.redeem': '代兑换积分',
  'agora.recordPaperBallot': '代录纸质票',
} as const;
export type ProxyAction = keyof typeof PROXY_ACTIONS;
export const PROXY_ACTION_IDS = Object.keys(PROXY_ACTIONS) as ProxyAction[];

export const PROXY_READS = [
  'grievances.listMine',
  'grievances.get',
  'grievances.createPhotoUpload',
  'volunteer.listActivities',
  'volunteer.getActivity',
  'volunteer.mine',
  'timebank.wallet',
  'timebank.catalogue',
  'agora.createPaperUpload',
  'agora.listTopics',
  'agora.getTopic',
] as const;

export type ProxyRouteRule = 'action' | 'read' | 'refused';

export function proxyRouteRule(routeId: string): ProxyRouteRule {
  if (Object.prototype.hasOwnProperty.call(PROXY_ACTIONS, routeId)) return 'action';
  if ((PROXY_READS as readonly string[]).includes(routeId)) return 'read';
  return 'refused';
}

/** A 代办 session as stored. */
export interface ProxySessionState {
  actorId: string;
  communityId: string;
  expiresAt: string;
  endedAt?: string;
}

export type ProxySessionRefusal = 'missing' | 'notYours' | 'ended' | 'expired' | 'switchedOff' | 'notAllowed';

export const PROXY_REFUSAL_MESSAGES: Record<ProxySessionRefusal, string> = {
  missing: '代办已结束，请重新开始',
  notYours: '这不是您开始的代办',
  ended: '代办已结束，请重新开始',
  expired: '代办已超过 30 分钟，已自动结束',
  switchedOff: '该居民已关闭亲情代办',
  notAllowed: '您已不能为该居民代办',
};

/**
 * Whether a request may go on under this 代办 session, checked on every request by the server (not the
 * client's timer): the session is the caller's, in this community, not ended, not past its 30 minutes, the
 * resident has not switched 代办 off, and the caller may still act for her (a 楼长 who stepped down may not).
 */
export function proxySessionRefusal(input: {
  session: ProxySessionState | undefined;
  callerId: string;
  communityId: string | undefined;
  residentSwitchedOff: boolean;
  basis: ProxyBasis | undefined;
  now: Date;
}): ProxySessionRefusal | undefined {
  const { session, callerId, communityId, residentSwitchedOff, basis, now } = input;
  if (!session) return 'missing';
  if (session.actorId !== callerId) return 'notYours';
  if (communityId !== undefined && communityId !== session.communityId) return 'notYours';
  if (session.endedAt) return 'ended';
  if (session.expiresAt <= now.toISOString()) return 'expired';
  if (residentSwitchedOff) return 'switchedOff';
  if (!basis) return 'notAllowed';
  return undefined;
}

export const proxyExpiry = (now: Date) => new Date(now.getTime() + PROXY_SESSION_MS);

/** `<residentId>.<proxySessionId>` → its parts, or undefined for anything else. */
export function parseProxyHeader(
  value: string | undefined,
): { residentId: string; proxySessionId: string } | undefined {
  const m = /^([\w-]{1,64})\.([\w-]{1,64})$/.exec(value ?? '');
  return m ? { residentId: m[1] as string, proxySessionId: m[2] as string } : undefined;
}
