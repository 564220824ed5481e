import { countReach, reachPercent, type ReachHousehold } from './reach';

const home = (unitId: string, buildingId: string, buildingName = `${buildingId}栋`): ReachHousehold => ({
  unitId,
  label: `${buildingName}${unitId}`,
  buildingId,
  buildingName,
});

describe('countReach', () => {
  const households = [home('101', '10'), home('102', '10'), home('103', '10'), home('201', '2'), home('202', '2')];

  it('counts pushed and opened households (both may hold) and lists the others as doors, by building', () => {
    const count = countReach(households, [
      { unitId: '101', sent: true, read: true },
      { unitId: '102', sent: true, read: false },
      { unitId: '201', sent: false, read: true },
    ]);
    expect(count).toMatchObject({ households: 5, pushed: 2, opened: 2, neither: 2 });
    // 2栋 before 10栋: numbers in names sort as numbers.
    expect(count.buildings.map((b) => [b.name, b.households, b.pushed, b.opened, b.neither])).toEqual([
      ['2栋', 2, 0, 1, 1],
      ['10栋', 3, 2, 1, 1],
    ]);
    expect(count.buildings.map((b) => b.doors.map((d) => d.unitId))).toEqual([['202'], ['103']]);
  });

  it('ignores marks of households outside the view and marks with neither flag', () => {
    const count = countReach(households.slice(0, 2), [
      { unitId: '201', sent: true, read: true },
      { unitId: '101', sent: false, read: false },
    ]);
    expect(count).toMatchObject({ households: 2, pushed: 0, opened: 0, neither: 2 });
  });

  it('is empty without households', () => {
    expect(countReach([], [{ unitId: '1', sent: true, read: true }])).toEqual({
      households: 0,
      pushed: 0,
      opened: 0,
      neither: 0,
      buildings: [],
    });
  });
});

it('reachPercent rounds and never divides by zero', () => {
  expect(reachPercent(1, 3)).toBe(33);
  expect(reachPercent(2, 3)).toBe(67);
  expect(reachPercent(0, 0)).toBe(0);
});
