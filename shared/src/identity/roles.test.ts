import { grantKey, holdsRole, isMemberOfUnit, managedGrids, managesGrid, rolesIn, type Principal } from './roles';

const principal = (grants: Principal['grants'], memberships: Principal['memberships'] = []): Principal => ({
  userId: 'u1',
  grants,
  memberships,
});

describe('roles are scoped to a community', () => {
  const committeeHere = principal([{ role: 'committee', communityId: 'a' }]);

  it('admits a role only in the community it was granted in', () => {
    expect(holdsRole(committeeHere, ['committee'], 'a')).toBe(true);
    expect(holdsRole(committeeHere, ['committee'], 'b')).toBe(false);
    expect(holdsRole(committeeHere, ['gridWorker', 'admin'], 'a')).toBe(false);
    expect(
      rolesIn(
        principal([
          { role: 'resident', communityId: 'a' },
          { role: 'buildingHead', communityId: 'a', buildingId: 'b1' },
          { role: 'committee', communityId: 'b' },
        ]),
        'a',
      ),
    ).toEqual(['resident', 'buildingHead']);
  });

  it('gives grid workers their own grids and committee, street and admin all of them', () => {
    const worker = principal([
      { role: 'gridWorker', communityId: 'a', gridId: 'g1' },
      { role: 'gridWorker', communityId: 'a', gridId: 'g2' },
      { role: 'gridWorker', communityId: 'b', gridId: 'g9' },
    ]);
    expect(managedGrids(worker, 'a')).toEqual(['g1', 'g2']);
    expect(managesGrid(worker, 'a', 'g3')).toBe(false);
    expect(managesGrid(worker, 'b', 'g1')).toBe(false);
    for (const role of ['committee', 'street', 'admin'] as const)
      expect(managedGrids(principal([{ role, communityId: 'a' }]), 'a')).toBe('all');
    expect(managedGrids(principal([{ role: 'resident', communityId: 'a' }]), 'a')).toEqual([]);
    expect(managedGrids(committeeHere, 'b')).toEqual([]);
  });

  it('knows a household member by community and unit', () => {
    const p = principal([], [{ communityId: 'a', unitId: 'u1', buildingId: 'b', gridId: 'g', relation: 'owner' }]);
    expect(isMemberOfUnit(p, 'a', 'u1')).toBe(true);
    expect(isMemberOfUnit(p, 'b', 'u1')).toBe(false);
    expect(isMemberOfUnit(p, 'a', 'u2')).toBe(false);
  });

  it('keys grants so the same role in another grid is a different grant', () => {
    expect(grantKey({ role: 'gridWorker', communityId: 'a', gridId: 'g1' })).not.toBe(
      grantKey({ role: 'gridWorker', communityId: 'a', gridId: 'g2' }),
    );
  });
});
