import { PRIVACY_GUIDELINE } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { users, ensureOfficesMap } from '../db/entities/user';
import { roster } from '../db/registries/roster';
import { transact } from '../db/transactions';
import { loadUser } from '../identity/principal';
import { adminOfficeWrites } from './bootstrap';
import { wallet } from '../timebank/wallet';
import { principalOf } from '../identity/principal';
import { persona } from '../../../devstack/seed/personas';
import { seedStreetIfAbsent } from '../../../devstack/seed/street';
import { FULL_STREET, plannedCommunity, sizeFrom, TINY_STREET } from '../../../devstack/seed/streetPlan';

/**
 * The street-scale seed (issue 15 §3): its generator is a pure function of the seed number, and a tiny
 * street (2 communities × 50 units) goes through the onboarding, roster and binding services into a table.
 */
useTestTable();

describe('street seed generator', () => {
  it('gives the same rows for the same seed number, other rows for another', () => {
    const a = plannedCommunity(7, TINY_STREET, 1);
    expect(plannedCommunity(7, TINY_STREET, 1)).toEqual(a);
    const b = plannedCommunity(8, TINY_STREET, 1);
    expect(b.rosterCells).not.toEqual(a.rosterCells);
    expect(b.communityId).not.toBe(a.communityId);
  });

  it('makes a full community of 1,750 units and about 2.86 residents a unit', () => {
    const c = plannedCommunity(1, FULL_STREET, 0);
    expect(c.rosterCells).toHaveLength(1 + 1750);
    expect(c.residents.length / 1750).toBeGreaterThan(2.6);
    expect(c.residents.length / 1750).toBeLessThan(3.1);
    expect(new Set(c.residents.map((r) => r.userId)).size).toBe(c.residents.length);
    expect(c.gridWorkers.length).toBeGreaterThanOrEqual(4);
    // Nine past activities of ten distinct volunteers each; ten of the first one's redeem a gift.
    expect(c.activities).toHaveLength(9);
    for (const a of c.activities) expect(new Set(a.volunteers).size).toBe(10);
    expect(c.redeemers).toEqual(c.activities[0]!.volunteers);
  });

  it('reads its size from LINLI_SEED_SIZE', () => {
    expect(sizeFrom(undefined)).toBe(FULL_STREET);
    expect(sizeFrom('tiny')).toBe(TINY_STREET);
    expect(sizeFrom('3x200')).toMatchObject({ communities: 3, unitsPerCommunity: 200 });
    expect(() => sizeFrom('many')).toThrow('LINLI_SEED_SIZE');
  });
});

describe('a tiny street through the services', () => {
  it('creates the street, its communities, rosters, staff, residents, 诉求, activities and redemptions, once', async () => {
    const admin = persona('admin');
    const now = new Date();
    await users.put({
      userId: admin.userId,
      openid: admin.openid,
      nickname: admin.nickname,
      realName: admin.realName,
      largeText: false,
      grants: {},
      memberships: {},
      status: 'active',
      createdAt: now.toISOString(),
      privacyVersion: PRIVACY_GUIDELINE.version,
      privacyAcceptedAt: now.toISOString(),
    });
    await ensureOfficesMap(admin.userId);
    await transact(adminOfficeWrites(admin.userId, admin.realName, 'seed', now.toISOString()));

    const seeded = await seedStreetIfAbsent({ seedNumber: 3, size: TINY_STREET, now });
    expect(seeded).toMatchObject({ state: 'seeded', units: 100, grievances: 8 });
    expect(seeded.communityIds).toHaveLength(2);
    const planned = [0, 1].map((i) => plannedCommunity(3, TINY_STREET, i));
    expect(seeded.residents).toBe(planned[0]!.residents.length + planned[1]!.residents.length);
    const volunteers = planned.flatMap((p) => p.activities.flatMap((a) => a.volunteers));
    expect(seeded).toMatchObject({
      activities: 4,
      credited: volunteers.length,
      redemptions: planned[0]!.redeemers.length + planned[1]!.redeemers.length,
    });

    const c = planned[1]!;
    const { Items: units = [] } = await roster.query.unitsOfCommunity({ communityId: c.communityId }).send();
    expect(units).toHaveLength(50);
    const resident = (await loadUser(c.residents[0]!.userId))!;
    expect(Object.keys(resident.memberships)).toHaveLength(1);
    const committee = (await loadUser(c.committee.userId))!;
    expect(Object.values(committee.grants).some((g) => g.role === 'committee')).toBe(true);

    // A redeemer's statement: the time of each activity they served (checked out a few minutes late, and
    // credited by the minute), at 10 points an hour, less the gift.
    const redeemer = c.residents[c.redeemers[0]!]!;
    const served = c.activities.filter((a) => a.volunteers.includes(c.redeemers[0]!));
    const mine = await wallet({
      principal: principalOf((await loadUser(redeemer.userId))!),
      communityId: c.communityId,
      page: { limit: 50 },
      now,
    });
    const plannedPoints = served.reduce((sum, a) => sum + a.hours * a.rate, 0);
    expect(mine.earned).toBeGreaterThanOrEqual(plannedPoints);
    expect(mine.earned).toBeLessThanOrEqual(plannedPoints + served.length * 2);
    expect(mine.balance).toBe(mine.earned - 20);

    expect(await seedStreetIfAbsent({ seedNumber: 3, size: TINY_STREET, now })).toMatchObject({ state: 'present' });
  }, 120_000);
});
