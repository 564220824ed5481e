import { ballotSheets, type SheetSource } from './sheets';
import { codeOf, showCode } from './sheetCode';

const unit = (unitId: string, buildingId: string, label: string, area: number, ownerId?: string) => ({
  unitId,
  label,
  buildingId,
  buildingName: buildingId,
  gridId: 'g1',
  area,
  ...(ownerId ? { ownerId } : {}),
});

const vote = (basis: 'owners' | 'household', byBuilding = ['b1', 'b2']): SheetSource['vote'] => ({
  basis,
  scope: { kind: 'community' },
  electorate: {
    heads: 0,
    area: 0,
    units: 0,
    owners: 0,
    developerUnits: 0,
    frozenAt: '2026-12-01T00:00:00.000Z',
    byBuilding: Object.fromEntries(byBuilding.map((b) => [b, { name: b, gridId: 'g1', count: 0, area: 0 }])),
  },
});

const units = [
  unit('u3', 'b2', '2栋101', 80.5, 'o2'),
  unit('u1', 'b1', '1栋101', 89.33, 'o1'),
  unit('u2', 'b1', '1栋102', 120.01, 'o2'),
  unit('u4', 'b1', '1栋201', 70, undefined),
  unit('u5', 'b2', '2栋102', 66.6, undefined),
  unit('u6', 'b3', '3栋101', 50, 'o3'),
];
const owners = [
  { ownerId: 'o1', name: '王秀兰' },
  { ownerId: 'o2', name: '李建国、张丽（共有）' },
  { ownerId: 'o3', name: '赵六' },
];
const codes = (k: string) => `C_${k}`;

describe('表决票 per seat (ballotSheets)', () => {
  it('one sheet per owner with every unit in the electorate and the area summed, filed under the first unit', () => {
    const sheets = ballotSheets({ vote: vote('owners'), units, owners, codeOf: codes });
    expect(sheets.map((s) => [s.voterKey, s.holder, s.buildingId, s.units.map((u) => u.label), s.area])).toEqual([
      ['O_o1', '王秀兰', 'b1', ['1栋101'], 89.33],
      // A two-unit owner is one sheet, with both areas as registered, summed exactly (hundredths).
      ['O_o2', '李建国、张丽（共有）', 'b1', ['1栋102', '2栋101'], 200.51],
      // The developer's unsold units vote together: one sheet.
      ['DEV', '建设单位（未售房屋）', 'b1', ['1栋201', '2栋102'], 136.6],
    ]);
    // 3栋 was not in the electorate when the vote was scheduled: no sheet for it.
    expect(sheets.some((s) => s.units.some((u) => u.unitId === 'u6'))).toBe(false);
    expect(sheets.map((s) => s.code)).toEqual(['C_O_o1', 'C_O_o2', 'C_DEV']);
  });

  it('printing building by building prints every sheet exactly once', () => {
    const sheets = ballotSheets({ vote: vote('owners'), units, owners, codeOf: codes });
    const batches = ['b1', 'b2'].flatMap((b) => sheets.filter((s) => s.buildingId === b));
    expect(batches.map((s) => s.voterKey).sort()).toEqual(sheets.map((s) => s.voterKey).sort());
    expect(new Set(batches.map((s) => s.voterKey)).size).toBe(batches.length);
  });

  it('a household poll has one sheet per unit, named by the unit', () => {
    const sheets = ballotSheets({ vote: vote('household'), units, owners, codeOf: codes });
    expect(sheets.map((s) => [s.voterKey, s.holder])).toEqual([
      ['U_u1', '1栋101'],
      ['U_u2', '1栋102'],
      ['U_u4', '1栋201'],
      ['U_u3', '2栋101'],
      ['U_u5', '2栋102'],
    ]);
  });
});

describe('表决票编码 (codeOf)', () => {
  it('is 8 symbols of the receipt alphabet, stable per seat, different across seats, polls and keys', () => {
    const a = codeOf('k', 'agora-sheet|c|t1|O_o1');
    expect(a).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(codeOf('k', 'agora-sheet|c|t1|O_o1')).toBe(a);
    expect(codeOf('k', 'agora-sheet|c|t1|O_o2')).not.toBe(a);
    expect(codeOf('k', 'agora-sheet|c|t2|O_o1')).not.toBe(a);
    expect(codeOf('other', 'agora-sheet|c|t1|O_o1')).not.toBe(a);
    expect(showCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it('spreads over the alphabet (no symbol stuck: every bit of the HMAC is used)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) for (const c of codeOf('k', `m${i}`)) seen.add(c);
    expect(seen.size).toBe(32);
  });
});
