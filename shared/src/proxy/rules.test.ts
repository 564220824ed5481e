import type { Membership, Principal } from '../identity/roles';
import {
  parseProxyHeader,
  PROXY_ACTION_IDS,
  PROXY_SESSION_MS,
  proxyBasis,
  proxyExpiry,
  proxyRouteRule,
  proxySessionRefusal,
} from './rules';

const C = 'xingfuli';
const home = (unitId: string, buildingId = 'b3', gridId = 'g1', communityId = C): Membership => ({
  communityId,
  unitId,
  buildingId,
  gridId,
  relation: 'owner',
});
const resident = { userId: 'gao', memberships: [home('u301')] };
const person = (p: Partial<Principal> & { userId: string }): Principal => ({ grants: [], memberships: [], ...p });

describe('who may act for a resident (proxyBasis)', () => {
  it('admits the 楼长 of her building, the 网格员 of her grid and her household', () => {
    expect(
      proxyBasis(
        person({ userId: 'zhang', grants: [{ role: 'buildingHead', communityId: C, buildingId: 'b3' }] }),
        resident,
        C,
      ),
    ).toBe('buildingHead');
    expect(
      proxyBasis(
        person({ userId: 'liu', grants: [{ role: 'gridWorker', communityId: C, gridId: 'g1' }] }),
        resident,
        C,
      ),
    ).toBe('gridWorker');
    expect(proxyBasis(person({ userId: 'son', memberships: [home('u301')] }), resident, C)).toBe('family');
  });

  it('names family first when a relative also heads the building', () => {
    const both = person({
      userId: 'daughter',
      memberships: [home('u301')],
      grants: [{ role: 'buildingHead', communityId: C, buildingId: 'b3' }],
    });
    expect(proxyBasis(both, resident, C)).toBe('family');
  });

  it('refuses everyone else', () => {
    const refused: Principal[] = [
      // another building's 楼长, another grid's 网格员, a neighbour in the same building, the committee
      person({ userId: 'x1', grants: [{ role: 'buildingHead', communityId: C, buildingId: 'b5' }] }),
      person({ userId: 'x2', grants: [{ role: 'gridWorker', communityId: C, gridId: 'g2' }] }),
      person({ userId: 'wang', memberships: [home('u201')] }),
      person({ userId: 'sun', grants: [{ role: 'committee', communityId: C }] }),
      // the right role and unit ids, but in another community
      person({ userId: 'wu', grants: [{ role: 'buildingHead', communityId: 'xiyuan', buildingId: 'b3' }] }),
      person({ userId: 'x3', memberships: [home('u301', 'b3', 'g1', 'xiyuan')] }),
    ];
    for (const p of refused) expect(proxyBasis(p, resident, C)).toBeUndefined();
  });

  it('never lets anyone act for themselves, nor for someone without a home in the community', () => {
    const self = person({
      userId: 'gao',
      memberships: [home('u301')],
      grants: [{ role: 'buildingHead', communityId: C, buildingId: 'b3' }],
    });
    expect(proxyBasis(self, resident, C)).toBeUndefined();
    const zhang = person({ userId: 'zhang', grants: [{ role: 'buildingHead', communityId: C, buildingId: 'b3' }] });
    expect(proxyBasis(zhang, { userId: 'gao', memberships: [] }, C)).toBeUndefined();
    expect(proxyBasis(zhang, resident, 'xiyuan')).toBeUndefined();
  });
});

describe('what a 代办 session may do (proxyRouteRule)', () => {
  it('allows the five actions, records them, and refuses the online ballot', () => {
    expect(PROXY_ACTION_IDS.sort()).toEqual(
      ['agora.recordPaperBallot', 'grievances.rate', 'grievances.submit', 'timebank.redeem', 'volunteer.signUp'].sort(),
    );
    for (const id of PROXY_ACTION_IDS) expect(proxyRouteRule(id)).toBe('action');
    expect(proxyRouteRule('agora.castBallot')).toBe('refused');
    expect(proxyRouteRule('timebank.donate')).toBe('refused');
    expect(proxyRouteRule('proxy.start')).toBe('refused');
    expect(proxyRouteRule('identity.me')).toBe('refused');
    expect(proxyRouteRule('grievances.get')).toBe('read');
  });
});

describe('is the session still good (proxySessionRefusal)', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const session = { actorId: 'zhang', communityId: C, expiresAt: proxyExpiry(now).toISOString() };
  const base = {
    session,
    callerId: 'zhang',
    communityId: C,
    residentSwitchedOff: false,
    basis: 'buildingHead' as const,
    now,
  };

  it('lets the helper act within 30 minutes', () => {
    expect(PROXY_SESSION_MS).toBe(30 * 60_000);
    expect(proxySessionRefusal(base)).toBeUndefined();
    expect(proxySessionRefusal({ ...base, now: new Date(now.getTime() + PROXY_SESSION_MS - 1) })).toBeUndefined();
  });

  it('ends by itself at 30 minutes, and when ended early', () => {
    expect(proxySessionRefusal({ ...base, now: new Date(now.getTime() + PROXY_SESSION_MS) })).toBe('expired');
    expect(proxySessionRefusal({ ...base, session: { ...session, endedAt: now.toISOString() } })).toBe('ended');
  });

  it('refuses a missing session, somebody else, another community, a switched-off resident, a helper who lost the right', () => {
    expect(proxySessionRefusal({ ...base, session: undefined })).toBe('missing');
    expect(proxySessionRefusal({ ...base, callerId: 'wang' })).toBe('notYours');
    expect(proxySessionRefusal({ ...base, communityId: 'xiyuan' })).toBe('notYours');
    expect(proxySessionRefusal({ ...base, residentSwitchedOff: true })).toBe('switchedOff');
    expect(proxySessionRefusal({ ...base, basis: undefined })).toBe('notAllowed');
  });
});

describe('the acting-for header', () => {
  it('reads `<resident>.<session>` and nothing else', () => {
    expect(parseProxyHeader('demo_gao.01JABC')).toEqual({ residentId: 'demo_gao', proxySessionId: '01JABC' });
    for (const bad of [undefined, '', 'demo_gao', 'a.b.c', 'a b.c', '.x', 'x.'])
      expect(parseProxyHeader(bad)).toBeUndefined();
  });
});
