import type { Relation } from '@linli/shared';
import { prng, ROSTER_HEADER } from './rosterSheet';

/**
 * The street-scale seed's data, as pure functions of a seed number and a size (issue 15 §3): a street of
 * communities, each with a committee's roster sheet (grids, buildings, units with areas, owners), grid
 * workers, residents per unit and a few months of 诉求. Nothing here touches the table: `street.ts` feeds
 * it through the services the routes call. Same seed number and size → the same rows, cell for cell.
 */

export interface StreetSeedSize {
  communities: number;
  unitsPerCommunity: number;
  /** Residents bound per unit with an owner, on average (100,000 / 35,000 ≈ 2.86 for the full street). */
  residentsPerUnit: number;
  /** 诉求 per community, spread over `months` months before now. */
  grievancesPerCommunity: number;
  months: number;
  /** Past volunteer activities per community, spread over `months`; each credits its volunteers' hours. */
  activitiesPerCommunity: number;
  volunteersPerActivity: number;
}

/** The street of issue 15 §3: 20 communities, 35,000 units, ~100,000 residents. */
export const FULL_STREET: StreetSeedSize = {
  communities: 20,
  unitsPerCommunity: 1750,
  residentsPerUnit: 2.86,
  grievancesPerCommunity: 60,
  months: 3,
  activitiesPerCommunity: 9,
  volunteersPerActivity: 10,
};

/** Two communities of 50 units: what the unit tier seeds to prove the path works. */
export const TINY_STREET: StreetSeedSize = {
  communities: 2,
  unitsPerCommunity: 50,
  residentsPerUnit: 2.86,
  grievancesPerCommunity: 4,
  months: 3,
  activitiesPerCommunity: 2,
  volunteersPerActivity: 4,
};

/**
 * `LINLI_SEED_SIZE`: `full` (default), `tiny`, or `<communities>x<unitsPerCommunity>` (e.g. `20x500`), the
 * rest as the full street's.
 */
export function sizeFrom(text: string | undefined): StreetSeedSize {
  if (!text || text === 'full') return FULL_STREET;
  if (text === 'tiny') return TINY_STREET;
  const m = /^(\d+)x(\d+)$/.exec(text);
  if (!m) throw new Error(`LINLI_SEED_SIZE must be full, tiny or <communities>x<units>, not ${text}`);
  return { ...FULL_STREET, communities: Number(m[1]), unitsPerCommunity: Number(m[2]) };
}

export const STREET_SEED_REGION_CODE = '350104';

export interface SeededResident {
  userId: string;
  openid: string;
  name: string;
  /** Index into the community's roster rows (header excluded). */
  unit: number;
  relation: Relation;
}

export interface SeededGrievance {
  id: string;
  /** Index into the community's residents: who raised it. */
  reporter: number;
  /** Index into the community's buildings (names `<n>号楼`). */
  building: number;
  category: 'repair' | 'sanitation' | 'safety' | 'other';
  text: string;
  /** Days before now it was raised. */
  daysAgo: number;
  /** How far it went: submitted only, accepted and promised, resolved, or resolved and rated. */
  outcome: 'open' | 'accepted' | 'resolved' | 'rated';
  rating: 'satisfied' | 'basic' | 'unsatisfied';
  /** Handled by the grid worker (else the committee member). */
  byGridWorker: boolean;
}

export interface SeededActivity {
  id: string;
  title: string;
  category: 'policy' | 'patrol' | 'environment' | 'elderly' | 'culture' | 'service';
  place: string;
  /** Days before now it took place. */
  daysAgo: number;
  hours: number;
  /** Points per hour. */
  rate: number;
  /** Indexes into the community's residents, distinct: who signed up, checked in and out, and was credited. */
  volunteers: number[];
}

export interface SeededCommunity {
  index: number;
  communityId: string;
  name: string;
  address: string;
  committee: { userId: string; openid: string; name: string };
  /** One grid worker per grid, in the order of the sheet's grids. */
  gridWorkers: { userId: string; openid: string; name: string; grid: string }[];
  /** The committee's sheet, header first: 网格 楼栋 单元 房号 楼层 面积 业主姓名 业主电话. */
  rosterCells: (string | number)[][];
  residents: SeededResident[];
  grievances: SeededGrievance[];
  activities: SeededActivity[];
  /** Volunteers (indexes into residents) who redeem the community's 爱心礼品 with the points they earned. */
  redeemers: number[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔';
const GIVEN = '秀英桂英建华志强海燕丽娟文斌国平春梅晓东红梅建军玉兰德明淑珍子涵浩然欣怡一诺俊杰雨萱宇轩梓涵思远';
const PLACES =
  '榕荫 三坊 七巷 乌山 于山 屏山 温泉 东湖 西湖 南门 北峰 华林 湖滨 鼓西 安泰 洪山 五凤 铜盘 梅峰 井大 江滨 金牛 花园 芍园'.split(
    ' ',
  );
const ACTIVITIES: [SeededActivity['category'], string, string][] = [
  ['environment', '楼道卫生大扫除', '各楼栋楼下集合'],
  ['patrol', '夜间平安巡逻', '北门岗亭集合'],
  ['elderly', '独居老人上门探访', '社区服务中心'],
  ['policy', '反诈宣传进楼栋', '小区中心广场'],
  ['culture', '邻里文化节服务', '社区活动室'],
  ['service', '社区义诊志愿服务', '社区服务中心一楼'],
];

const PROBLEMS: [SeededGrievance['category'], string][] = [
  ['repair', '电梯经常停运'],
  ['repair', '楼道灯不亮'],
  ['repair', '单元门禁损坏'],
  ['sanitation', '垃圾清运不及时'],
  ['sanitation', '化粪池异味'],
  ['safety', '消防通道被占用'],
  ['safety', '电动车楼道充电'],
  ['other', '广场舞噪音扰民'],
];

/** Per-community stream of the seed number, so a tiny street is the first communities of a larger one. */
const streamOf = (seedNumber: number, community: number, salt: number) =>
  prng((seedNumber * 7919 + community * 104_729 + salt * 15_485_863) >>> 0);

const personName = (rand: () => number) => {
  const g = Math.floor(rand() * (GIVEN.length / 2)) * 2;
  return SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN.slice(g, g + (rand() < 0.3 ? 1 : 2));
};

export function streetIdOf(seedNumber: number): string {
  return `jie${seedNumber}`;
}

/** One community of the street: its sheet, staff, residents and 诉求. */
export function plannedCommunity(seedNumber: number, size: StreetSeedSize, index: number): SeededCommunity {
  const rand = streamOf(seedNumber, index, 1);
  const streetId = streetIdOf(seedNumber);
  const communityId = `${streetId}c${String(index + 1).padStart(2, '0')}`;
  const place =
    PLACES[index % PLACES.length]! + (index >= PLACES.length ? String(Math.floor(index / PLACES.length) + 1) : '');
  // 11 floors × 2 entrances × 2 doors = 44 units a building; 8 buildings a grid.
  const floors = 11;
  const rosterCells: (string | number)[][] = [ROSTER_HEADER];
  const phoneBase = (seedNumber % 90) * 10_000_000 + index * 100_000;
  for (let u = 0; u < size.unitsPerCommunity; u++) {
    const b = Math.floor(u / 44);
    const within = u % 44;
    const entrance = within < 22 ? '1单元' : '2单元';
    const floor = Math.floor((within % 22) / 2) + 1;
    const room = `${floor}${within % 2 === 0 ? '01' : '02'}`;
    const area = Math.round((55 + rand() * 95) * 100) / 100;
    const unsold = rand() < 0.03;
    const name = personName(rand);
    rosterCells.push([
      `第${Math.floor(b / 8) + 1}网格`,
      `${b + 1}号楼`,
      entrance,
      room,
      Math.min(floor, floors),
      area,
      unsold ? '' : name,
      unsold ? '' : `13${String(phoneBase + u).padStart(9, '0')}`,
    ]);
  }
  const gridNames = [...new Set(rosterCells.slice(1).map((r) => r[0] as string))];
  const staff = (role: string, i: number) => ({
    userId: `${communityId}-${role}${i}`,
    openid: `street-seed-${communityId}-${role}${i}`,
    name: personName(rand),
  });
  const committee = staff('jwh', 1);
  const gridWorkers = gridNames.map((grid, i) => ({ ...staff('wgy', i + 1), grid }));

  // Residents: the owner of most sold units, and family members or tenants, about `residentsPerUnit` a unit.
  const residents: SeededResident[] = [];
  const perOccupied = size.residentsPerUnit / 0.97;
  for (let u = 0; u < size.unitsPerCommunity; u++) {
    const row = rosterCells[u + 1]!;
    if (!row[6]) continue;
    const count = Math.max(1, Math.floor(perOccupied + rand() * 2 - 0.5));
    for (let k = 0; k < count; k++) {
      const n = residents.length + 1;
      const userId = `${communityId}-r${n}`;
      residents.push({
        userId,
        openid: `street-seed-${userId}`,
        name: k === 0 ? (row[6] as string) : personName(rand),
        unit: u,
        relation: k === 0 ? 'owner' : rand() < 0.85 ? 'family' : 'tenant',
      });
    }
  }

  const g = streamOf(seedNumber, index, 2);
  const buildingCount = Math.ceil(size.unitsPerCommunity / 44);
  const grievances: SeededGrievance[] = Array.from({ length: size.grievancesPerCommunity }, (_, i) => {
    const [category, text] = PROBLEMS[Math.floor(g() * PROBLEMS.length)]!;
    const daysAgo = Math.floor(g() * size.months * 30) + 1;
    const roll = g();
    // Older cases are further along: most of the past months' are resolved and rated.
    const outcome: SeededGrievance['outcome'] =
      daysAgo < 3 ? (roll < 0.5 ? 'open' : 'accepted') : roll < 0.1 ? 'accepted' : roll < 0.35 ? 'resolved' : 'rated';
    const r = g();
    return {
      id: `${communityId}-g${i + 1}`,
      reporter: Math.floor(g() * residents.length),
      building: Math.floor(g() * buildingCount),
      category,
      text,
      daysAgo,
      outcome,
      rating: r < 0.7 ? 'satisfied' : r < 0.9 ? 'basic' : 'unsatisfied',
      byGridWorker: g() < 0.7,
    };
  });

  // Volunteers: a pool of about a tenth of the residents; each activity takes distinct ones from it.
  const v = streamOf(seedNumber, index, 3);
  const pool = Array.from({ length: Math.max(1, Math.min(residents.length, Math.ceil(residents.length / 10))) }, () =>
    Math.floor(v() * residents.length),
  );
  const activities: SeededActivity[] = Array.from({ length: size.activitiesPerCommunity }, (_, i) => {
    const [category, title, place] = ACTIVITIES[Math.floor(v() * ACTIVITIES.length)]!;
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < size.volunteersPerActivity && tries < size.volunteersPerActivity * 4; tries++)
      chosen.add(pool[Math.floor(v() * pool.length)]!);
    return {
      id: `${communityId}-a${i + 1}`,
      title,
      category,
      place,
      // Oldest first, at least three days ago (hours reviewed and credited since).
      daysAgo: Math.round(
        3 + ((size.activitiesPerCommunity - i) / size.activitiesPerCommunity) * (size.months * 30 - 3),
      ),
      hours: 2 + Math.floor(v() * 3),
      rate: 10,
      volunteers: [...chosen],
    };
  });
  // The first activity's volunteers (each credited ≥ 20 points) redeem a gift of 20 points, up to ten of them.
  const redeemers = (activities[0]?.volunteers ?? []).slice(0, 10);

  return {
    index,
    communityId,
    name: `${place}社区`,
    address: `福州市鼓楼区${place}路 ${index + 1} 号`,
    committee,
    gridWorkers,
    rosterCells,
    residents,
    grievances,
    activities,
    redeemers,
  };
}
