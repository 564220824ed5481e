import { installChineseMessages } from '../validation/messages';
import { parseRosterSheet, planRoster } from './sheet';

installChineseMessages();

const HEADER = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];

describe('reading a committee roster sheet', () => {
  it('accepts a clean sheet, with header aliases, blank lines and phone formats people type', () => {
    const { rows, problems } = parseRosterSheet([
      ['', '', ''],
      ['所属网格', '楼号', '单元号', '门牌号', '层', '面积', '产权人', '手机号'],
      ['第一网格', '1栋', '1单元', '101', 1, 89.5, '王秀兰', '138 0013 8000'],
      [],
      ['第一网格', '1栋', '1单元', '102', '1', '76', '', ''],
    ]);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ sheetRow: 3, grid: '第一网格', area: 89.5, ownerPhone: '13800138000' });
    expect(rows[1]).toMatchObject({ sheetRow: 5, floor: 1, area: 76, ownerName: undefined });
  });

  it('lists every problem by sheet row and column, in Chinese', () => {
    const { problems } = parseRosterSheet([
      HEADER,
      ['第一网格', '1栋', '1单元', '101', 1, 89.5, '王秀兰', '13800138000'],
      ['第一网格', '1栋', '1单元', '101', 1, 90, '李四', '13900139000'], // same unit again
      ['第一网格', '2栋', '', '201', 'two', -3, '张三', '12345'], // bad floor, area, phone
      ['第二网格', '1栋', '2单元', '301', 3, 80, '赵六', ''], // 1栋 is in 第一网格
      ['第二网格', '3栋', '', '', 3, 80, '', '13700137000'], // no room; phone without owner
      ['第二网格', '3栋', '', '302', 3, 80, '王五', '13800138000'], // that phone belongs to 王秀兰
    ]);
    expect(problems).toEqual([
      { row: 3, column: '房号', message: '与第 2 行是同一套房' },
      { row: 4, column: '楼层', message: '楼层的格式不正确' },
      { row: 4, column: '建筑面积(㎡)', message: '建筑面积必须大于 0' },
      { row: 4, column: '业主电话', message: '业主电话的格式不正确' },
      { row: 5, column: '网格', message: '1栋在第 2 行属于“第一网格”，一栋楼只能属于一个网格' },
      { row: 6, column: '房号', message: '请填写房号' },
      { row: 7, column: '业主姓名', message: '同一手机号在第 2 行登记为“王秀兰”' },
    ]);
  });

  it('refuses a sheet without the required columns, naming them', () => {
    expect(
      parseRosterSheet([
        ['网格', '楼栋', '房号'],
        ['a', 'b', 'c'],
      ]).problems,
    ).toEqual([{ row: 1, message: '缺少必填列：楼层、建筑面积(㎡)' }]);
    expect(parseRosterSheet([]).problems).toEqual([{ row: 1, message: '表格是空的' }]);
  });

  it('rejects control characters hidden in cells', () => {
    const { problems } = parseRosterSheet([HEADER, ['第一网格', '1栋\u202e', '', '101', 1, 80, '', '']]);
    expect(problems[0]).toMatchObject({ row: 2, column: '楼栋', message: '楼栋含有不可见的控制字符' });
  });
});

describe('planning the roster a sheet describes', () => {
  const sheet = [
    HEADER,
    ['第一网格', '1栋', '1单元', '101', 1, 80, '王秀兰', '13800138000'],
    ['第一网格', '1栋', '1单元', '102', 1, 90, '王秀兰', '13800138000'],
    ['第一网格', '1栋', '1单元', '201', 2, 70.25, '', ''],
    ['第二网格', '2栋', '', '101', 1, 100, '王秀兰', ''],
  ];

  it('derives the same ids from the same labels, so re-importing finds the same records', () => {
    const a = planRoster('c1', parseRosterSheet(sheet).rows);
    const b = planRoster(
      'c1',
      parseRosterSheet(sheet.map((r) => r.map((c) => (typeof c === 'string' ? ` ${c} ` : c)))).rows,
    );
    expect(b.units.map((u) => u.unitId)).toEqual(a.units.map((u) => u.unitId));
    expect(planRoster('c2', parseRosterSheet(sheet).rows).units[0]?.unitId).not.toBe(a.units[0]?.unitId);
  });

  it('counts one owner of two units once (by phone) and an owner without phone per unit', () => {
    const plan = planRoster('c1', parseRosterSheet(sheet).rows);
    expect(plan.grids).toHaveLength(2);
    expect(plan.buildings.map((b) => b.name)).toEqual(['1栋', '2栋']);
    expect(plan.owners).toHaveLength(2);
    expect(plan.owners.find((o) => o.phone === '13800138000')?.unitIds).toHaveLength(2);
    expect(plan.units.find((u) => u.room === '201')?.ownerId).toBeUndefined();
    expect(plan.units.map((u) => u.label)).toEqual(['1栋1单元101', '1栋1单元102', '1栋1单元201', '2栋101']);
  });
});
