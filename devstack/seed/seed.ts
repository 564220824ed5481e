import { parseRosterSheet, planRoster, PRIVACY_GUIDELINE, type Relation } from '@linli/shared';
import { logger } from '../../functions/src/commons/logger';
import { bindingIdOf, bindings } from '../../functions/src/db/entities/binding';
import { communities } from '../../functions/src/db/entities/community';
import { openIdClaims } from '../../functions/src/db/entities/openIdClaim';
import { units } from '../../functions/src/db/entities/unit';
import { ensureOfficesMap, users } from '../../functions/src/db/entities/user';
import { bindUserToUnit } from '../../functions/src/households/bindUnit';
import { requestBinding } from '../../functions/src/households/bindings';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { writeRosterPlan } from '../../functions/src/roster/transfer/importRoster';
import { grantRole } from '../../functions/src/roster/staff';
import { seedGrievances } from './grievances';
import { transact } from '../../functions/src/db/transactions';
import { adminOfficeWrites } from '../../functions/src/streets/bootstrap';
import { inviteStaff, redeemStaffInvitation } from '../../functions/src/streets/staffInvitations';
import { createCommunity, createStreet } from '../../functions/src/streets/streets';
import {
  DEMO_COMMUNITY_ID,
  DEMO_REGION_CODE,
  DEMO_STREET_ID,
  OTHER_COMMUNITY_ID,
  persona,
  personas,
  type PersonaKey,
} from './personas';
import { demoRosterCells, otherRosterCells, prng } from './rosterSheet';
import { seedNotifications } from './notifications';
import { seedTimebank } from './timebank';
import { seedAgora } from './agora';
import { seedBudget } from './budget';
import { PROXY_RESIDENT, seedProxy } from './proxy';
import { seedSecondStreet, seedStreetDesk } from './streetConsole';

/**
 * Seeds the demo community when the table has none: the same code paths the API uses (roster
 * plan writer, household binding, staff appointment), so seeded data obeys every invariant.
 */
export async function seedIfEmpty(now = new Date()): Promise<'seeded' | 'present'> {
  const { Item } = await communities.get({ communityId: DEMO_COMMUNITY_ID }, { consistent: true });
  if (Item) return 'present';
  // The seed runs the services in this process: their INFO lines ("poll published" …) would land in the
  // middle of `npm start`'s progress. LINLI_STACK_VERBOSE=1 keeps them.
  const level = logger.getLevelName();
  if (!process.env.LINLI_STACK_VERBOSE) logger.setLogLevel('WARN');
  try {
    await seedDemo(now);
  } finally {
    logger.setLogLevel(level);
  }
  return 'seeded';
}

async function importSheet(communityId: string, cells: (string | number)[][]) {
  const parsed = parseRosterSheet(cells);
  if (parsed.problems.length)
    throw new Error(`demo roster has problems: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const plan = planRoster(communityId, parsed.rows);
  await writeRosterPlan({ communityId, plan });
  return plan;
}

async function createUser(
  userId: string,
  /** Undefined for a resident without WeChat (亲情代办): nobody signs in as her. */
  openid: string | undefined,
  nickname: string,
  realName: string,
  now: Date,
  opts: { largeText?: boolean; acceptedPrivacy?: boolean } = {},
) {
  await users.put({
    userId,
    openid,
    nickname,
    realName,
    largeText: opts.largeText ?? false,
    grants: {},
    memberships: {},
    status: 'active',
    createdAt: now.toISOString(),
    ...(opts.acceptedPrivacy === false
      ? {}
      : { privacyVersion: PRIVACY_GUIDELINE.version, privacyAcceptedAt: now.toISOString() }),
  });
  if (openid) await openIdClaims.put({ openid, userId });
}

async function bindApproved(
  userId: string,
  communityId: string,
  unitId: string,
  relation: Relation,
  now: Date,
  decidedBy: string,
) {
  const user = (await loadUser(userId))!;
  const { Item: unit } = await units.get({ communityId, unitId });
  const { Item: community } = await communities.get({ communityId });
  if (!unit || !community) throw new Error(`seed: no unit ${unitId}`);
  const stamp = now.toISOString();
  await bindUserToUnit(
    { user, household: { unit, communityName: community.name }, relation, now },
    {
      binding: bindings.transactPut({
        communityId,
        bindingId: bindingIdOf(userId, unitId),
        userId,
        unitId,
        unitLabel: unit.label,
        communityName: community.name,
        buildingId: unit.buildingId,
        gridId: unit.gridId,
        relation,
        ownerId: relation === 'owner' ? unit.ownerId : undefined,
        realName: user.realName,
        status: 'approved',
        requestedAt: stamp,
        decidedAt: stamp,
        decidedBy,
        via: 'request',
      }),
    },
  );
}

async function seedDemo(now: Date) {
  for (const p of personas)
    await createUser(p.userId, p.openid, p.nickname, p.realName, now, {
      largeText: p.key === 'wang',
      acceptedPrivacy: p.key !== 'chen' && p.key !== 'lin',
    });

  // 街道 → 社区 through the onboarding services the product uses (functions/src/streets/). The demo
  // administrator gets the administrator office with the writes the bootstrap code's redemption makes,
  // but not through a code: the stack's one bootstrap stays unspent for the tests and the journey that
  // exercise `npm run admin -- bootstrap`.
  const admin = persona('admin').userId;
  await ensureOfficesMap(admin);
  await transact(adminOfficeWrites(admin, persona('admin').realName, 'seed', now.toISOString()));
  const adminPrincipal = principalOf((await loadUser(admin))!);
  await createStreet({
    principal: adminPrincipal,
    input: { name: '东街街道', district: '福州市鼓楼区', regionCode: DEMO_REGION_CODE, streetId: DEMO_STREET_ID },
    now,
  });
  for (const [communityId, name, address] of [
    [DEMO_COMMUNITY_ID, '幸福里社区', '福州市鼓楼区东街幸福里 1 号'],
    [OTHER_COMMUNITY_ID, '西园社区', '福州市鼓楼区东街西园路 8 号'],
  ] as const)
    await createCommunity({
      principal: adminPrincipal,
      streetId: DEMO_STREET_ID,
      input: { communityId, name, address, regionCode: DEMO_REGION_CODE },
      now,
    });
  // The first committee member of each community and the street office's 周科长, by invitation codes.
  const invite = async (key: PersonaKey, role: 'committee' | 'street', communityId?: string) => {
    const { code } = await inviteStaff({
      principal: adminPrincipal,
      streetId: DEMO_STREET_ID,
      input: { role, communityId, invitee: persona(key).realName },
      now,
    });
    const user = (await loadUser(persona(key).userId))!;
    await redeemStaffInvitation({ user, code, realName: persona(key).realName, now });
  };
  await invite('sun', 'committee', DEMO_COMMUNITY_ID);
  await invite('wu', 'committee', OTHER_COMMUNITY_ID);
  await invite('zhou', 'street');

  const plan = await importSheet(DEMO_COMMUNITY_ID, demoRosterCells());
  const otherPlan = await importSheet(OTHER_COMMUNITY_ID, otherRosterCells());

  const gridByName = new Map(plan.grids.map((g) => [g.name, g.gridId]));
  const buildingByName = new Map(plan.buildings.map((b) => [b.name, b.buildingId]));
  const appoint = (
    key: PersonaKey,
    role: Parameters<typeof grantRole>[0]['input']['role'],
    communityId = DEMO_COMMUNITY_ID,
    scope: { gridId?: string; buildingId?: string } = {},
  ) =>
    grantRole({ principal: adminPrincipal, communityId, input: { userId: persona(key).userId, role, ...scope }, now });
  // The administrator and the street office hold their roles in every community of the street through
  // their offices; these grants are what 我的 lists as their communities' staff tools.
  await appoint('admin', 'admin');
  await appoint('admin', 'admin', OTHER_COMMUNITY_ID);
  await appoint('zhou', 'street');
  await appoint('zhou', 'street', OTHER_COMMUNITY_ID);
  await seedSecondStreet(adminPrincipal, now);
  await appoint('liu', 'gridWorker', DEMO_COMMUNITY_ID, { gridId: gridByName.get('第一网格') });
  await appoint('zhao', 'gridWorker', DEMO_COMMUNITY_ID, { gridId: gridByName.get('第二网格') });
  await appoint('zhang', 'buildingHead', DEMO_COMMUNITY_ID, { buildingId: buildingByName.get('3栋') });

  const unitOf = (label: string) => plan.units.find((u) => u.label === label)!;
  const sun = persona('sun').userId;
  await bindApproved(persona('wang').userId, DEMO_COMMUNITY_ID, unitOf('3栋1单元201').unitId, 'owner', now, sun);
  await bindApproved(persona('zhang').userId, DEMO_COMMUNITY_ID, unitOf('3栋1单元101').unitId, 'owner', now, sun);
  await bindApproved(persona('li').userId, DEMO_COMMUNITY_ID, unitOf('5栋2单元402').unitId, 'tenant', now, sun);

  // About 150 residents: the owners of most units, and family members in some households.
  const rand = prng(7);
  const taken = new Set(['3栋1单元201', '3栋1单元101', '5栋2单元402']);
  const ownerName = new Map(plan.owners.map((o) => [o.ownerId, o.name]));
  let n = 0;
  for (const u of plan.units) {
    if (taken.has(u.label) || !u.ownerId || rand() < 0.12) continue;
    n++;
    const id = `res_${String(n).padStart(3, '0')}`;
    const name = ownerName.get(u.ownerId) ?? `居民${n}`;
    await createUser(id, `demo-openid-${id}`, name, name, now);
    await bindApproved(id, DEMO_COMMUNITY_ID, u.unitId, 'owner', now, sun);
    if (rand() < 0.45) {
      n++;
      const fid = `res_${String(n).padStart(3, '0')}`;
      const fname = `${name.slice(0, 1)}${['小雨', '子涵', '浩然', '欣怡', '一诺', '俊杰'][n % 6]}`;
      await createUser(fid, `demo-openid-${fid}`, fname, fname, now);
      await bindApproved(fid, DEMO_COMMUNITY_ID, u.unitId, 'family', now, sun);
    }
  }

  // 亲情代办: 高奶奶 has no smartphone; she lives with the owner's family in the first free-standing 3栋 home.
  const gaoHome = plan.units.find((u) => u.label.startsWith('3栋') && !taken.has(u.label) && u.ownerId)!;
  await createUser(PROXY_RESIDENT.userId, undefined, PROXY_RESIDENT.nickname, PROXY_RESIDENT.realName, now, {
    largeText: true,
  });
  await bindApproved(PROXY_RESIDENT.userId, DEMO_COMMUNITY_ID, gaoHome.unitId, 'family', now, sun);

  // A few requests waiting in the approval queue, so the grid workers have something to do.
  const waiting: [string, string, Relation][] = [
    ['申请人甲', '1栋2单元302', 'family'],
    ['申请人乙', '2栋1单元501', 'tenant'],
    ['申请人丙', '5栋1单元102', 'family'],
  ];
  for (const [i, [name, label, relation]] of waiting.entries()) {
    const id = `applicant_${i + 1}`;
    await createUser(id, `demo-openid-${id}`, name, name, now);
    const user = (await loadUser(id))!;
    await requestBinding({
      user,
      principal: principalOf(user),
      input: {
        communityId: DEMO_COMMUNITY_ID,
        unitId: unitOf(label).unitId,
        relation,
        realName: name,
        note: '刚搬来，请审核',
      },
      now,
    });
  }

  // 西园社区: a couple of residents of the other community.
  for (const [i, u] of otherPlan.units.slice(0, 3).entries()) {
    const id = `xiyuan_${i + 1}`;
    await createUser(id, `demo-openid-${id}`, `西园居民${i + 1}`, `西园居民${i + 1}`, now);
    await bindApproved(id, OTHER_COMMUNITY_ID, u.unitId, 'owner', now, persona('wu').userId);
  }

  await seedGrievances(now);
  await seedStreetDesk(now);
  await seedTimebank(now);
  await seedAgora(now);
  await seedBudget(now);
  await seedProxy(now);
  // Last: it plays the dispatcher over every intent the features above wrote, so the stack starts with
  // inboxes filled and no backlog for the stream (a backlog would keep writing while tests run).
  await seedNotifications(now);
}
