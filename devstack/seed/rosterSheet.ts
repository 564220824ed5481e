/**
 * The demo community's roster as a committee's sheet would hold it: 幸福里社区, 2 grids, 6 buildings
 * (2 entrances × 5 floors × 2 doors = 20 units each), registered areas, owners with phones, one owner
 * holding two units and four units still held by the developer. Generated from a fixed seed, so
 * every fresh `npm start` shows the same community.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '秀英',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '丽娟',
  '文斌',
  '国平',
  '春梅',
  '晓东',
  '红梅',
  '建军',
  '玉兰',
  '德明',
  '淑珍',
  '伟',
  '静',
  '磊',
  '敏',
  '婷',
  '浩',
  '洋',
  '杰',
  '芳',
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 1 | s) + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 13), 61 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ROSTER_HEADER = ['网格', '楼栋', '单元', '房号', '楼层', '建筑面积(㎡)', '业主姓名', '业主电话'];

/** Rows for the demo community's sheet, header first. */
export function demoRosterCells(): (string | number)[][] {
  const rand = prng(20261122);
  const rows: (string | number)[][] = [ROSTER_HEADER];
  let serial = 0;
  for (let b = 1; b <= 6; b++) {
    const grid = b <= 3 ? '第一网格' : '第二网格';
    for (const entrance of ['1单元', '2单元']) {
      for (let floor = 1; floor <= 5; floor++) {
        for (const door of ['01', '02']) {
          serial++;
          const room = `${floor}${door}`;
          const area = Math.round((62 + rand() * 78) * 100) / 100;
          // Developer-held (unsold) units have no owner on the register.
          const unsold = b === 6 && entrance === '2单元' && floor >= 4;
          const name = SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
          const phone = `13${String(800000000 + serial * 7919).slice(0, 9)}`;
          rows.push([grid, `${b}栋`, entrance, room, floor, area, unsold ? '' : name, unsold ? '' : phone]);
        }
      }
    }
  }
  // One owner holds two units (2栋1单元101 and 102): same name and phone, one head in owners' votes.
  const a = rows.findIndex((r) => r[1] === '2栋' && r[2] === '1单元' && r[3] === '101');
  const twin = rows[a + 1]!;
  twin[6] = rows[a]![6]!;
  twin[7] = rows[a]![7]!;
  return rows;
}

/** 西园社区: a second, small community, so authorisation is tested across communities. */
export function otherRosterCells(): (string | number)[][] {
  const rows: (string | number)[][] = [ROSTER_HEADER];
  for (let floor = 1; floor <= 5; floor++)
    for (const door of ['01', '02'])
      rows.push([
        '西园网格',
        '1号楼',
        '',
        `${floor}${door}`,
        floor,
        88.5,
        `西园业主${floor}${door}`,
        `1390000${floor}${door}`.padEnd(11, '0'),
      ]);
  return rows;
}

export { prng };
