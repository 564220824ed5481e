import {
  buildingKey,
  isDeveloperName,
  parseAddress,
  planOwnerRegistry,
  RegistryFileError,
  registryOwnerIdOf,
  type ExtractCell,
  type RosterUnitRef,
} from './extract';

const HEADER = ['房屋坐落', '不动产单元号', '面积', '权利人', '共有情况', '证件号'];

function unit(building: number, entrance: number, room: string, extra: Partial<RosterUnitRef> = {}): RosterUnitRef {
  return {
    unitId: `u${building}-${entrance}-${room}`,
    label: `${building}栋${entrance}单元${room}`,
    buildingId: `b${building}`,
    buildingName: `${building}栋`,
    entrance: `${entrance}单元`,
    room,
    area: 80,
    ...extra,
  };
}

const roster = {
  units: [
    unit(1, 1, '101', { ownerId: 'oOld', area: 90 }),
    unit(1, 1, '102'),
    unit(1, 2, '201'),
    unit(2, 1, '101'),
    unit(2, 1, '102'),
  ],
  owners: [{ ownerId: 'oOld', name: '王秀英' }],
};

const plan = (rows: ExtractCell[][], r = roster) =>
  planOwnerRegistry({ communityId: 'c1', cells: [HEADER, ...rows], roster: r });

describe('reading 房屋坐落', () => {
  it('reads building, 单元 and room in the ways registries write them', () => {
    expect(parseAddress('广东省深圳市南山区幸福里3栋1单元502室')).toEqual({
      building: '3',
      entrance: '1',
      room: '502',
    });
    expect(parseAddress('幸福里 12号楼2单元1101')).toEqual({ building: '12', entrance: '2', room: '1101' });
    expect(parseAddress('幸福里三幢一单元301号')).toEqual({ building: '3', entrance: '1', room: '301' });
    expect(parseAddress('幸福里5座801')).toEqual({ building: '5', entrance: undefined, room: '801' });
    expect(parseAddress('幸福里小区地下车库')).toBeUndefined();
    expect(buildingKey('3号楼')).toBe(buildingKey('3栋'));
  });

  it('knows a developer company from a person', () => {
    expect(isDeveloperName('深圳市幸福房地产开发有限公司')).toBe(true);
    expect(isDeveloperName('张三')).toBe(false);
  });
});

describe('deriving owners', () => {
  it('counts co-owners of one unit as one owner, named on one row or on several', () => {
    const p = plan([
      ['幸福里1栋1单元101', 'N1', 90, '王秀英、李建华', '共同共有', ''],
      ['幸福里1栋1单元102', 'N2', 80, '赵伟', '', ''],
      ['幸福里1栋1单元102', 'N2', 80, '钱芳', '', ''],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.totals.coOwnedUnits).toBe(2);
    const of101 = p.units.find((u) => u.unitId === 'u1-1-101')!;
    const of102 = p.units.find((u) => u.unitId === 'u1-1-102')!;
    expect(of101.ownerId).not.toBe(of102.ownerId);
    expect(p.owners.find((o) => o.ownerId === of102.ownerId)!.name).toBe('赵伟、钱芳');
    // One owner per unit here; the three units not in the extract are the developer's (no owner).
    expect(p.totals).toMatchObject({ owners: 2, developerUnits: 3, heads: 3, unitsNotInExtract: 3 });
  });

  it('makes one owner of several units one head with the areas summed', () => {
    const p = plan([
      ['幸福里1栋1单元102', '', 80.5, '孙丽娟', '', '110101199001010011'],
      ['幸福里2栋1单元101', '', 100.25, '孙丽娟', '', '110101199001010011'],
      ['幸福里2栋1单元102', '', 70, '孙丽娟', '', '220101198001010022'],
    ]);
    expect(p.problems).toEqual([]);
    const sun = p.owners.filter((o) => o.name === '孙丽娟');
    // Same name, different 证件号: two people.
    expect(sun.map((o) => [o.unitIds.length, o.area]).sort()).toEqual([
      [1, 7000],
      [2, 18075],
    ]);
    expect(p.totals.multiUnitOwners).toBe(1);
    expect(p.notes.filter((n) => n.kind === 'sameName')).toEqual([]);
  });

  it('merges a name without 证件号 into several units and says so', () => {
    const p = plan([
      ['幸福里1栋1单元102', '', 80, '周杰', '', ''],
      ['幸福里2栋1单元101', '', 80, '周杰', '', ''],
    ]);
    expect(p.owners.filter((o) => o.name === '周杰')).toHaveLength(1);
    expect(p.notes.filter((n) => n.kind === 'sameName').map((n) => n.row)).toEqual([2, 3]);
  });

  it('joins a name without 证件号 to the one holder of that name who has one', () => {
    const p = plan([
      ['幸福里1栋1单元102', '', 80, '吴敏', '', '310101199001010033'],
      ['幸福里2栋1单元101', '', 80, '吴敏', '', ''],
    ]);
    expect(p.owners.filter((o) => o.name === '吴敏')).toHaveLength(1);
  });

  it('keeps the roster owner id when the registry names the same person, and derives stable new ones', () => {
    const rows = [
      ['幸福里1栋1单元101', '', 90, '王秀英', '', ''],
      ['幸福里1栋1单元102', '', 80, '陈静', '', ''],
    ];
    const p = plan(rows);
    expect(p.units.find((u) => u.unitId === 'u1-1-101')!.ownerId).toBe('oOld');
    expect(p.units.find((u) => u.unitId === 'u1-1-102')!.ownerId).toBe(registryOwnerIdOf('c1', '陈静#'));
    // Applying it and planning again changes nothing.
    const applied = {
      units: roster.units.map((u) => {
        const after = p.units.find((x) => x.unitId === u.unitId)!;
        return { ...u, ownerId: after.ownerId, area: after.area, registryUnitNo: after.registryUnitNo };
      }),
      owners: p.owners.map((o) => ({ ownerId: o.ownerId, name: o.name })),
    };
    expect(plan(rows, applied).fingerprint).toBe(p.fingerprint);
  });

  it('gives a sold unit its new owner and notes the change', () => {
    const p = plan([['幸福里1栋1单元101', '', 90, '郑国平', '', '']]);
    expect(p.units.find((u) => u.unitId === 'u1-1-101')!.ownerId).not.toBe('oOld');
    expect(p.notes.map((n) => n.kind)).toEqual(['ownerChanged']);
  });

  it('treats a developer company as the developer, one head with unsold units', () => {
    const p = plan([
      ['幸福里1栋1单元101', '', 90, '王秀英', '', ''],
      ['幸福里1栋1单元102', '', 80, '深圳市幸福房地产开发有限公司', '', ''],
    ]);
    expect(p.units.find((u) => u.unitId === 'u1-1-102')!.ownerId).toBeUndefined();
    expect(p.totals).toMatchObject({ owners: 1, developerUnits: 4, heads: 2 });
  });

  it('matches by 不动产单元号 once a unit carries it', () => {
    const r = {
      ...roster,
      units: roster.units.map((u) => (u.unitId === 'u1-2-201' ? { ...u, registryUnitNo: 'X9' } : u)),
    };
    const p = plan([['（坐落写法不同）', 'X9', 88, '冯春梅', '', '']], r);
    expect(p.problems).toEqual([]);
    expect(p.rows[0]).toMatchObject({
      unitId: 'u1-2-201',
      status: 'note',
      message: expect.stringContaining('登记面积 88㎡'),
    });
  });

  it('stores the registry number of a unit matched by its address, and uses the registered area', () => {
    const p = plan([['幸福里1栋1单元101', 'N7', 91.5, '王秀英', '', '']]);
    expect(p.units.find((u) => u.unitId === 'u1-1-101')).toMatchObject({ registryUnitNo: 'N7', area: 91.5 });
    expect(p.notes.map((n) => n.kind)).toEqual(['areaDiffers']);
    expect(p.totals.area).toBe(9150 + 4 * 8000);
    expect(p.byBuilding.map((b) => [b.name, b.units, b.heads, b.area])).toEqual([
      ['1栋', 3, 2, 9150 + 2 * 8000],
      ['2栋', 2, 1, 2 * 8000],
    ]);
  });
});

describe('bad rows and bad files', () => {
  it('names every row with its problem', () => {
    const p = plan([
      ['幸福里9栋1单元101', '', 90, '甲', '', ''],
      ['幸福里1栋1单元102', '', 'abc', '乙', '', ''],
      ['幸福里1栋1单元201', '', 80, '', '', ''],
      ['幸福里2栋1单元101', 'A', 80, '丙', '', ''],
      ['幸福里2栋1单元101', 'B', 80, '丁', '', ''],
      ['幸福里2栋1单元102', '', 80, '戊、己', '', '123456789'],
    ]);
    expect(p.problems.map((x) => [x.row, x.kind])).toEqual([
      [2, 'unmatched'],
      [3, 'badArea'],
      [4, 'missingHolder'],
      [4, 'unmatched'],
      [6, 'duplicateUnit'],
      [7, 'badIdNo'],
    ]);
    expect(p.rows.find((r) => r.row === 6)).toMatchObject({
      status: 'problem',
      message: expect.stringContaining('第 5 行'),
    });
  });

  it('refuses a file without the registry columns, naming the header row', () => {
    expect(() =>
      planOwnerRegistry({ communityId: 'c1', cells: [[], ['楼栋', '房号'], ['1栋', '101']], roster }),
    ).toThrow(new RegistryFileError(2, '缺少必填列：房屋坐落或不动产单元号、面积、权利人'));
    expect(() => planOwnerRegistry({ communityId: 'c1', cells: [HEADER], roster })).toThrow(
      '第 2 行：表格中没有数据行',
    );
  });
});
