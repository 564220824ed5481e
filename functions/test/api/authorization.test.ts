import { ALL_ROUTES, pathParamNames, type Role, type RouteContract } from '@linli/shared';
import {
  DEMO_COMMUNITY_ID,
  DEMO_STREET_ID,
  SECOND_COMMUNITY_ID,
  SECOND_STREET_ID,
  type PersonaKey,
} from '../../../devstack/seed/personas';
import { raw, signIn } from './http';

/**
 * The authorisation matrix, generated from the contracts: every route × every demo role, plus the
 * committee of another community. A route added to the contracts is covered without editing this.
 */
// 林晓 (lin) is a second newcomer like 陈晨, kept for the notifications journey: one is enough here.
const ROLES_IN_DEMO: Record<Exclude<PersonaKey, 'lin'>, Role[]> = {
  wang: ['resident', 'volunteer'], // signed up for tomorrow's 茶话会 in the seed
  li: ['resident', 'volunteer'],
  chen: [],
  zhang: ['resident', 'buildingHead', 'volunteer'],
  liu: ['gridWorker'],
  zhao: ['gridWorker'],
  sun: ['committee'],
  zhou: ['street'], // the street office of 东街街道 (the demo street), and so 街道 in its communities
  admin: ['admin'], // the platform administrator: every street and community
  wu: [], // committee of 西园社区: a stranger here
  qian: [], // the street office of 茶亭街道 (the second street): nothing of 东街 or its communities
};
const PERSONAS = Object.keys(ROLES_IN_DEMO) as (keyof typeof ROLES_IN_DEMO)[];

function pathFor(route: RouteContract): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'communityId' ? DEMO_COMMUNITY_ID : name === 'streetId' ? DEMO_STREET_ID : 'does-not-exist',
  );
}

/** Deleting one's own account is the only input-free destructive call; it is exercised elsewhere. */
const DESTRUCTIVE_FOR_CALLER = new Set(['identity.deleteMe']);

const guarded = ALL_ROUTES.filter((r) => r.access.kind !== 'public');
const tokens: Partial<Record<PersonaKey, string>> = {};

beforeAll(async () => {
  for (const p of PERSONAS) tokens[p] = await signIn(p);
});

it('covers every route of the API', () => {
  expect(ALL_ROUTES.length).toBeGreaterThan(20);
  // A role is held in a scope the path names (a community, a street); only the platform's administrator
  // routes (POST /streets) name none.
  for (const r of ALL_ROUTES)
    if (r.access.kind === 'roles' && r.access.roles.some((role) => role !== 'admin'))
      expect(pathParamNames(r.path).length).toBeGreaterThanOrEqual(1);
});

// The public class: reads anyone may make without a token (社区公开信息); routes that check a credential of
// their own (WeChat's push) say so with `answers.unauthenticated` and are exercised in their own suites.
const openReads = ALL_ROUTES.filter(
  (r) => r.access.kind === 'public' && r.method === 'GET' && !r.answers?.unauthenticated,
);

it('has a public class of reads', () => expect(openReads.map((r) => r.id)).toContain('public.getOverview'));

describe.each(openReads.map((r) => [`${r.method} ${r.path} (${r.id})`, r] as const))('%s', (_, route) => {
  it('answers without a token, and to every persona alike', async () => {
    expect((await raw(route.method, pathFor(route))).status).toBe(200);
    for (const who of PERSONAS)
      expect((await raw(route.method, pathFor(route), { token: tokens[who] })).status).toBe(200);
  });
});

describe.each(guarded.map((r) => [`${r.method} ${r.path} (${r.id})`, r] as const))('%s', (_, route) => {
  it('answers 401 without a token and with a forged one', async () => {
    expect((await raw(route.method, pathFor(route), { body: route.method === 'GET' ? undefined : '{}' })).status).toBe(
      401,
    );
    const forged = `${tokens.sun!.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJlLWZyb20tYW4tYXR0YWNrZXI`;
    expect(
      (await raw(route.method, pathFor(route), { token: forged, body: route.method === 'GET' ? undefined : '{}' }))
        .status,
    ).toBe(401);
  });

  it.each(PERSONAS)('admits or refuses %s as the contract says', async (who) => {
    const admitted =
      route.access.kind === 'signedIn' ||
      (route.access.kind === 'roles' && route.access.roles.some((r) => ROLES_IN_DEMO[who].includes(r)));
    if (admitted && DESTRUCTIVE_FOR_CALLER.has(route.id)) return;
    const answer = await raw(route.method, pathFor(route), {
      token: tokens[who],
      body: route.method === 'GET' ? undefined : '{}',
    });
    if (admitted) expect([401, 403]).not.toContain(answer.status);
    else expect(answer.status).toBe(403);
    expect(answer.status).toBeLessThan(500);
  });
});

/**
 * Two streets: every route that names a street or a community, pointed at the second street (茶亭街道,
 * its 南湖社区). 东街's office (周科长) is refused everything there, as 茶亭's office (钱科长) is refused
 * everything of 东街 above; 钱科长 is admitted where the contract admits the street office.
 */
const SECOND_STREET_PATHS = guarded.filter(
  (r) => r.access.kind === 'roles' && /\{(streetId|communityId)\}/.test(r.path),
);
const inSecondStreet = (route: RouteContract) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'communityId' ? SECOND_COMMUNITY_ID : name === 'streetId' ? SECOND_STREET_ID : 'does-not-exist',
  );

describe.each(SECOND_STREET_PATHS.map((r) => [`${r.method} ${r.path} (${r.id})`, r] as const))(
  'in the second street: %s',
  (_, route) => {
    it('refuses the first street’s office and admits the second’s as the contract says', async () => {
      const body = route.method === 'GET' ? undefined : '{}';
      const zhou = await raw(route.method, inSecondStreet(route), { token: tokens.zhou, body });
      expect([403, 404]).toContain(zhou.status);
      const streetOffice = route.access.kind === 'roles' && route.access.roles.includes('street');
      const qian = await raw(route.method, inSecondStreet(route), { token: tokens.qian, body });
      if (streetOffice) expect([401, 403]).not.toContain(qian.status);
      else expect(qian.status).toBe(403);
      expect(qian.status).toBeLessThan(500);
    });
  },
);
