import {
  addHours,
  buildingIdOf,
  DAY_MS,
  parseRosterSheet,
  planRoster,
  PRIVACY_GUIDELINE,
  type GrievanceDetail,
  type Principal,
} from '@linli/shared';
import { logger } from '../../functions/src/commons/logger';
import { bindingIdOf, bindings } from '../../functions/src/db/entities/binding';
import { communities } from '../../functions/src/db/entities/community';
import { openIdClaims } from '../../functions/src/db/entities/openIdClaim';
import { streets } from '../../functions/src/db/entities/street';
import { users, type UserItem } from '../../functions/src/db/entities/user';
import { roster } from '../../functions/src/db/registries/roster';
import { submitGrievance } from '../../functions/src/grievances/submit';
import { takeStep, type StepRequest } from '../../functions/src/grievances/transitions';
import { bindUserToUnit } from '../../functions/src/households/bindUnit';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { writeRosterPlan } from '../../functions/src/roster/transfer/importRoster';
import { grantRole } from '../../functions/src/roster/staff';
import { inviteStaff, redeemStaffInvitation } from '../../functions/src/streets/staffInvitations';
import { createCommunity, createStreet } from '../../functions/src/streets/streets';
import { createItem } from '../../functions/src/timebank/catalogue';
import { markReady, redeem } from '../../functions/src/timebank/orders';
import { createActivity } from '../../functions/src/volunteer/activities';
import { recordAttendance } from '../../functions/src/volunteer/attendance';
import { organiserCode } from '../../functions/src/volunteer/attendanceCodes';
import { reviewHours } from '../../functions/src/volunteer/hoursReview';
import { signUp } from '../../functions/src/volunteer/registrations';
import { callerOf, seedChecker } from './grievances';
import { persona } from './personas';
import {
  plannedCommunity,
  sizeFrom,
  STREET_SEED_REGION_CODE,
  streetIdOf,
  type SeededActivity,
  type SeededCommunity,
  type SeededGrievance,
  type StreetSeedSize,
} from './streetPlan';

/**
 * The street-scale seed (issue 15 §3): `npm start -- --seed street`, `LINLI_SEED=street` for the stack
 * the tests and benchmarks start. It runs after the demo seed (whose administrator it acts as) and goes
 * through the services the routes call, in this process (the HTTP layer would add JSON and a JWT per
 * call and nothing the data needs):
 *
 * - the street and its communities: `createStreet`, `createCommunity` (POST /streets, …/communities);
 * - each community's committee member: `inviteStaff` + `redeemStaffInvitation` (the invitation code);
 * - the roster: the committee's sheet through `parseRosterSheet` → `planRoster` → `writeRosterPlan`, the
 *   import's own batch writer (POST …/imports/{jobId}/apply runs the same after its S3 round trip);
 * - grid workers: `grantRole` (任命);
 * - residents: their account (the user and openid claim sign-in writes) and `bindUserToUnit`, the
 *   transaction the approval of a binding request commits, with an approved Binding beside it — as the
 *   demo seed binds its residents;
 * - 诉求: `submitGrievance` and `takeStep` (accept, commit, resolve, rate) at times in the past months;
 * - 志愿 + 时间银行: past activities (`createActivity`), each volunteer's `signUp`, check-in and check-out
 *   with the organiser's rotating code (`recordAttendance`) and the committee's `reviewHours`, which posts
 *   the points to the ledger; then a 爱心礼品 in the catalogue (`createItem`) that some volunteers `redeem`
 *   and the committee marks ready (`markReady`).
 *
 * Speed: the communities are seeded side by side, a bounded number at a time, and in each a few buildings
 * at once, each building's residents in sequence — a binding transaction updates its unit's and building's
 * counters, so two at once in one building would cancel each other (TransactionConflict), while different
 * buildings never touch the same item.
 */

/** Buildings of one community whose residents are bound at once (each building's in sequence). */
const BUILDINGS_AT_ONCE = 4;

export interface StreetSeedOptions {
  seedNumber: number;
  size: StreetSeedSize;
  now?: Date;
  /** Communities seeded at once. */
  parallel?: number;
  progress?: (line: string) => void;
}

export interface StreetSeedResult {
  streetId: string;
  communityIds: string[];
  units: number;
  residents: number;
  grievances: number;
  /** Volunteer activities, hours credited to the ledger (one posting each), and redemptions. */
  activities: number;
  credited: number;
  redemptions: number;
  seconds: number;
  state: 'seeded' | 'present';
}

export async function seedStreetIfAbsent(opts: StreetSeedOptions): Promise<StreetSeedResult> {
  const streetId = streetIdOf(opts.seedNumber);
  const communityIds = Array.from(
    { length: opts.size.communities },
    (_, i) => plannedCommunity(opts.seedNumber, { ...opts.size, unitsPerCommunity: 0 }, i).communityId,
  );
  const { Item } = await streets.get({ streetId }, { consistent: true });
  if (Item)
    return {
      streetId,
      communityIds,
      units: 0,
      residents: 0,
      grievances: 0,
      activities: 0,
      credited: 0,
      redemptions: 0,
      seconds: 0,
      state: 'present',
    };
  const level = logger.getLevelName();
  if (!process.env.LINLI_STACK_VERBOSE) logger.setLogLevel('ERROR');
  try {
    return await seedStreet(opts);
  } finally {
    logger.setLogLevel(level);
  }
}

async function seedStreet({ seedNumber, size, now = new Date(), parallel = 4, progress }: StreetSeedOptions) {
  const started = Date.now();
  const admin = principalOf((await loadUser(persona('admin').userId))!);
  const streetId = streetIdOf(seedNumber);
  await createStreet({
    principal: admin,
    input: { name: `南街街道${seedNumber}`, district: '福州市仓山区', regionCode: STREET_SEED_REGION_CODE, streetId },
    now,
  });
  const totals: Totals = {
    units: 0,
    residents: 0,
    grievances: 0,
    activities: 0,
    credited: 0,
    redemptions: 0,
    communities: 0,
  };
  const planned = size.communities * size.unitsPerCommunity;
  const report = () =>
    progress?.(
      `street seed ${streetId}: ${totals.communities}/${size.communities} communities, ${totals.units}/${planned} units, ${totals.residents} residents, ${totals.grievances} 诉求, ${totals.activities} activities, ${totals.credited} hours credited, ${totals.redemptions} redemptions (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  const ticker = progress ? setInterval(report, 5_000) : undefined;
  const communityIds: string[] = [];
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(parallel, size.communities) }, async () => {
        while (next < size.communities) {
          const c = plannedCommunity(seedNumber, size, next++);
          communityIds.push(c.communityId);
          await seedCommunity(admin, streetId, c, now, totals);
          totals.communities++;
        }
      }),
    );
  } finally {
    if (ticker) clearInterval(ticker);
  }
  report();
  return {
    streetId,
    communityIds: communityIds.sort(),
    ...totals,
    seconds: (Date.now() - started) / 1000,
    state: 'seeded' as const,
  };
}

type Totals = Record<
  'units' | 'residents' | 'grievances' | 'activities' | 'credited' | 'redemptions' | 'communities',
  number
>;

async function createAccount(person: { userId: string; openid: string; name: string }, now: Date): Promise<UserItem> {
  const user = {
    userId: person.userId,
    openid: person.openid,
    nickname: person.name,
    realName: person.name,
    largeText: false,
    grants: {},
    memberships: {},
    offices: {},
    status: 'active' as const,
    createdAt: now.toISOString(),
    privacyVersion: PRIVACY_GUIDELINE.version,
    privacyAcceptedAt: now.toISOString(),
  };
  await Promise.all([users.put(user), openIdClaims.put({ openid: person.openid, userId: person.userId })]);
  return user as UserItem;
}

async function seedCommunity(admin: Principal, streetId: string, c: SeededCommunity, now: Date, totals: Totals) {
  const { communityId } = c;
  await createCommunity({
    principal: admin,
    streetId,
    input: { communityId, name: c.name, address: c.address, regionCode: STREET_SEED_REGION_CODE },
    now,
  });
  await createAccount(c.committee, now);
  const { code } = await inviteStaff({
    principal: admin,
    streetId,
    input: { role: 'committee', communityId, invitee: c.committee.name },
    now,
  });
  await redeemStaffInvitation({
    user: (await loadUser(c.committee.userId))!,
    code,
    realName: c.committee.name,
    now,
  });

  // The committee's sheet, through the import's parser, planner and batch writer.
  const parsed = parseRosterSheet(c.rosterCells);
  if (parsed.problems.length)
    throw new Error(`street seed: ${communityId}'s sheet: ${JSON.stringify(parsed.problems[0])}`);
  const plan = planRoster(communityId, parsed.rows);
  // The import's batch writer; its progress counts grids, buildings, owners and units together.
  await writeRosterPlan({ communityId, plan });
  totals.units += plan.units.length;
  const gridIds = new Map(plan.grids.map((g) => [g.name, g.gridId]));
  const committee = principalOf((await loadUser(c.committee.userId))!);
  for (const w of c.gridWorkers) {
    await createAccount(w, now);
    await grantRole({
      principal: committee,
      communityId,
      input: { userId: w.userId, role: 'gridWorker', gridId: gridIds.get(w.grid) },
      now,
    });
  }

  // Residents, bound as an approved binding request binds them.
  const { Items: unitItems = [] } = await roster.query.unitsOfCommunity({ communityId }).send();
  const unitByLabel = new Map(unitItems.map((u) => [u.label, u]));
  const { Item: community } = await communities.get({ communityId });
  const labels = plan.units.map((u) => u.label);
  // The plan keeps the sheet's order (a sheet without problems keeps every row): row i is plan.units[i].
  if (labels.length !== c.rosterCells.length - 1) throw new Error('street seed: the plan dropped rows');
  const stamp = now.toISOString();
  // A binding transaction updates its unit's and building's counters: the residents of one building go in
  // sequence, a few buildings at once.
  const byBuilding = new Map<string, SeededCommunity['residents']>();
  for (const r of c.residents) {
    const building = unitByLabel.get(labels[r.unit]!)!.buildingId;
    byBuilding.set(building, [...(byBuilding.get(building) ?? []), r]);
  }
  const queues = [...byBuilding.values()];
  await Promise.all(
    Array.from({ length: Math.min(BUILDINGS_AT_ONCE, queues.length) }, async () => {
      for (let q = queues.shift(); q; q = queues.shift()) for (const r of q) await bindResident(r);
    }),
  );
  async function bindResident(r: SeededCommunity['residents'][number]) {
    const unit = unitByLabel.get(labels[r.unit]!)!;
    const user = await createAccount(r, now);
    await retryConflicts(() =>
      bindUserToUnit(
        { user, household: { unit, communityName: community!.name }, relation: r.relation, now },
        {
          binding: bindings.transactPut({
            communityId,
            bindingId: bindingIdOf(r.userId, unit.unitId),
            userId: r.userId,
            unitId: unit.unitId,
            unitLabel: unit.label,
            communityName: community!.name,
            buildingId: unit.buildingId,
            gridId: unit.gridId,
            relation: r.relation,
            ownerId: r.relation === 'owner' ? unit.ownerId : undefined,
            realName: r.name,
            status: 'approved',
            requestedAt: stamp,
            decidedAt: stamp,
            decidedBy: c.committee.userId,
            via: 'request',
          }),
        },
      ),
    );
    totals.residents++;
  }

  // Cases are independent of each other: a few at once.
  const cases = [...c.grievances];
  await Promise.all(
    Array.from({ length: Math.min(BUILDINGS_AT_ONCE, cases.length) }, async () => {
      for (let g = cases.shift(); g; g = cases.shift()) {
        await seedGrievance(c, g, now);
        totals.grievances++;
      }
    }),
  );

  // Activities are independent of each other (each volunteer's steps touch their own sign-up and account,
  // and the activity's counters): a few at once, each activity's volunteers in sequence.
  const activities = [...c.activities];
  await Promise.all(
    Array.from({ length: Math.min(BUILDINGS_AT_ONCE, activities.length) }, async () => {
      for (let a = activities.shift(); a; a = activities.shift()) {
        await seedActivity(c, committee, a, now, totals);
        totals.activities++;
      }
    }),
  );
  await seedRedemptions(c, committee, now, totals);
}

const HOUR = 60 * 60 * 1000;

async function seedActivity(c: SeededCommunity, committee: Principal, a: SeededActivity, now: Date, totals: Totals) {
  const { communityId } = c;
  const start = new Date(now.getTime() - a.daysAgo * DAY_MS);
  const end = new Date(start.getTime() + a.hours * HOUR);
  const activity = await createActivity({
    principal: committee,
    communityId,
    input: {
      title: a.title,
      description: `${a.title}，欢迎邻里报名参加。`,
      category: a.category,
      place: a.place,
      startAt: start.toISOString(),
      endAt: end.toISOString(),
      signUpDeadline: new Date(start.getTime() - 2 * HOUR).toISOString(),
      capacity: a.volunteers.length + 2,
      cancelCutoffHours: 2,
      pointsRule: { kind: 'perHour', rate: a.rate },
    },
    now: new Date(start.getTime() - 10 * DAY_MS),
  });
  const { activityId } = activity;
  for (const [i, index] of a.volunteers.entries()) {
    const user = (await loadUser(c.residents[index]!.userId))!;
    const principal = principalOf(user);
    await signUp({ user, principal, communityId, activityId, now: new Date(start.getTime() - 3 * DAY_MS) });
    // Checked in a few minutes before the start, out a few minutes after the end, with the rotating code.
    for (const at of [start.getTime() - (5 + i) * 60_000, end.getTime() + (i % 7) * 60_000]) {
      const when = new Date(at);
      await recordAttendance({
        principal,
        communityId,
        activityId,
        code: (await organiserCode(communityId, activityId, when)).shortCode,
        now: when,
      });
    }
    await reviewHours({
      principal: committee,
      communityId,
      activityId,
      userId: user.userId,
      decision: { decision: 'approve' },
      now: new Date(end.getTime() + 2 * HOUR),
    });
    totals.credited++;
  }
}

async function seedRedemptions(c: SeededCommunity, committee: Principal, now: Date, totals: Totals) {
  if (!c.redeemers.length) return;
  const { communityId } = c;
  const item = await createItem({
    principal: committee,
    communityId,
    input: {
      name: '爱心大米 2.5 公斤',
      description: '爱心企业捐赠，凭取货码到社区服务中心领取。',
      kind: 'gift',
      price: 20,
      initialStock: 100,
      perPersonLimit: 1,
      requestId: `street-seed-${communityId}-rice`,
    },
    now: new Date(now.getTime() - 2 * DAY_MS),
  });
  for (const [i, index] of c.redeemers.entries()) {
    const user = (await loadUser(c.residents[index]!.userId))!;
    const order = await redeem({
      user,
      communityId,
      itemId: item.itemId,
      input: { quantity: 1, requestId: `street-seed-${communityId}-rice-${i}` },
      now: new Date(now.getTime() - DAY_MS),
    });
    if (i % 2 === 0) await markReady({ principal: committee, communityId, orderCode: order.orderCode, now });
    totals.redemptions++;
  }
}

async function retryConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const name = (error as Error).name;
      if (attempt >= 5 || (name !== 'TransactionCanceledException' && name !== 'TransactionConflictException'))
        throw error;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

async function seedGrievance(c: SeededCommunity, g: SeededGrievance, now: Date) {
  const reporter = c.residents[g.reporter]!;
  const handler = g.byGridWorker
    ? c.gridWorkers[Math.min(c.gridWorkers.length - 1, Math.floor(g.building / 8))]!.userId
    : c.committee.userId;
  const start = now.getTime() - g.daysAgo * DAY_MS;
  const at = (hoursAfter: number) => addHours(new Date(start), hoursAfter);
  let x: GrievanceDetail = await submitGrievance(
    {
      caller: await callerOf(reporter.userId),
      communityId: c.communityId,
      input: {
        photos: [],
        urgency: 'normal',
        anonymous: false,
        source: 'resident',
        visibility: 'public',
        clientRequestId: `seed-${g.id}`,
        category: g.category,
        description: `${g.building + 1}号楼${g.text}，请尽快处理`,
        location: { kind: 'building', buildingId: buildingIdOf(c.communityId, `${g.building + 1}号楼`) },
      },
      now: at(0),
    },
    { checker: seedChecker },
  );
  if (g.outcome === 'open') return;
  const step = async (userId: string, request: StepRequest, hoursAfter: number) =>
    (x = await takeStep(
      {
        caller: await callerOf(userId),
        communityId: c.communityId,
        grievanceId: x.grievanceId,
        seenVersion: x.version,
        step: request,
        now: at(hoursAfter),
      },
      { checker: seedChecker },
    ));
  await step(handler, { action: 'accept' }, 2);
  await step(handler, { action: 'commit', text: '已联系物业，三日内处理', dueBy: at(72).toISOString() }, 2);
  if (g.outcome === 'accepted') return;
  await step(handler, { action: 'resolve', note: '已处理完毕', photos: [] }, 40);
  if (g.outcome === 'rated') await step(reporter.userId, { action: 'rate', rating: g.rating }, 48);
}

/** The street seed `LINLI_SEED_NUMBER` (default 1) and `LINLI_SEED_SIZE` (default the full street) ask for. */
export async function seedStreetFromEnv(progress?: (line: string) => void): Promise<StreetSeedResult> {
  const seedNumber = Number(process.env.LINLI_SEED_NUMBER ?? '1');
  if (!Number.isInteger(seedNumber) || seedNumber < 0) throw new Error('LINLI_SEED_NUMBER must be a whole number');
  return seedStreetIfAbsent({ seedNumber, size: sizeFrom(process.env.LINLI_SEED_SIZE), progress });
}
