import { keepRegistryOwners, type RosterUnitNow } from './registryPrecedence';
import { planRoster, type RosterRow } from './sheet';

const row = (sheetRow: number, room: string, area: number, ownerName?: string): RosterRow => ({
  sheetRow,
  grid: '第一网格',
  building: '1号楼',
  room,
  floor: 1,
  area,
  ownerName,
  ownerPhone: ownerName ? `1360000${room.padStart(4, '0')}` : undefined,
});

describe('the 台账 against the 不动产登记 extract', () => {
  const rows = [row(2, '101', 90, '张一'), row(3, '102', 90, '张二'), row(4, '201', 95, '张三')];
  const plan = planRoster('c1', rows);
  const [u101, u102, u201] = plan.units;
  const now = new Map<string, RosterUnitNow>([
    [u101!.unitId, { unitId: u101!.unitId, label: u101!.label, area: 88.5, ownerId: 'REG-A', registeredAt: 't' }],
    [u102!.unitId, { unitId: u102!.unitId, label: u102!.label, area: 90, ownerId: u102!.ownerId, registeredAt: 't' }],
    [u201!.unitId, { unitId: u201!.unitId, label: u201!.label, area: 90, ownerId: 'OLD' }],
  ]);
  const out = keepRegistryOwners(plan, rows, now, new Map([['REG-A', '王一']]));

  it('keeps a registry unit’s area and owner, and says which row and why', () => {
    expect(out.plan.units[0]).toMatchObject({ area: 88.5, ownerId: 'REG-A' });
    expect(out.kept).toEqual([
      {
        row: 2,
        unit: '1号楼101',
        fields: ['area', 'owner'],
        message: '以不动产登记为准：面积 88.5㎡（台账 90㎡），权利人 王一（台账 张一）；台账的这些内容不写入',
      },
    ]);
  });

  it('lets the 台账 set a unit the registry never set', () => {
    expect(out.plan.units[2]).toMatchObject({ area: 95, ownerId: u201!.ownerId });
    expect(out.registryUnitIds).toEqual(new Set([u101!.unitId, u102!.unitId]));
  });

  it('writes no owner of the registry, and no 台账 owner holding a registry unit', () => {
    const ownerIds = out.plan.owners.map((o) => o.ownerId);
    // 张一 held only 101 (the registry's 王一 now) and 张二 is the registry's owner of 102: neither is written.
    expect(ownerIds).toEqual([u201!.ownerId]);
    expect(out.plan.owners[0]!.unitIds).toEqual([u201!.unitId]);
  });

  it('changes nothing when no unit is the registry’s', () => {
    const free = keepRegistryOwners(plan, rows, new Map(), new Map());
    expect(free.plan).toEqual(plan);
    expect(free.kept).toEqual([]);
  });
});
