import * as z from 'zod/mini';
import { mobile, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { buildingIdOf, gridIdOf, ownerIdOf, unitIdOf, unitLabel } from './ids';

/**
 * The roster sheet (台账) as committees keep it: one row per unit (专有部分). Export writes these
 * columns and import reads them back, so a committee can export, edit in Excel/WPS, and re-import.
 */
export const ROSTER_COLUMNS = [
  { key: 'grid', header: '网格', aliases: ['所属网格', '网格名称'] },
  { key: 'building', header: '楼栋', aliases: ['楼号', '楼栋号'] },
  { key: 'entrance', header: '单元', aliases: ['单元号'] },
  { key: 'room', header: '房号', aliases: ['门牌号', '室'] },
  { key: 'floor', header: '楼层', aliases: ['层'] },
  {
    key: 'area',
    header: '建筑面积(㎡)',
    aliases: ['建筑面积', '面积', '面积(㎡)', '专有部分面积', '建筑面积(m²)', '建筑面积（㎡）'],
  },
  { key: 'ownerName', header: '业主姓名', aliases: ['业主', '产权人'] },
  { key: 'ownerPhone', header: '业主电话', aliases: ['联系电话', '业主手机', '手机号'] },
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];

export const MAX_ROSTER_ROWS = 20_000;

/** Classic zod's `z.preprocess`, which zod/mini spells as a transform piped into the schema; typed as classic's. */
const preprocess = <U extends z.ZodMiniType>(fn: (cell: unknown) => unknown, schema: U) =>
  z.pipe(z.transform(fn), schema as z.ZodMiniType<unknown, unknown>) as unknown as z.ZodMiniPipe<
    z.ZodMiniTransform<unknown, unknown>,
    U
  >;

const optionalCell = <T extends z.ZodMiniType>(schema: T) =>
  preprocess((v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : v), z.optional(schema));

const cellString = (v: unknown) => (v === null || v === undefined ? v : String(v));

export const rosterRowSchema = z.object({
  grid: preprocess(cellString, text('网格', { max: 30 })),
  building: preprocess(cellString, text('楼栋', { max: 30 })),
  entrance: optionalCell(preprocess(cellString, text('单元', { max: 20 }))),
  room: preprocess(cellString, text('房号', { max: 20 })),
  floor: z.coerce.number(zh('楼层')).check(z.int(), z.gte(-5), z.lte(200), z.meta({ title: '楼层' })),
  area: z.coerce.number(zh('建筑面积')).check(z.gt(0), z.lte(5000), z.meta({ title: '建筑面积' })),
  ownerName: optionalCell(preprocess(cellString, text('业主姓名', { max: 40 }))),
  ownerPhone: optionalCell(preprocess(cellString, mobile('业主电话'))),
});
export type RosterRow = z.output<typeof rosterRowSchema> & { sheetRow: number };

/** A problem the committee must fix before anything is written; `row` is the sheet's own row number. */
export interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

export interface ParsedRosterSheet {
  rows: RosterRow[];
  problems: RowProblem[];
}

type Cell = string | number | boolean | null | undefined | Date;

/**
 * Reads the cells of a roster sheet (first non-empty row is the header) and reports every problem
 * by row, so a 3,000-row sheet is fixed in one pass rather than one error at a time.
 */
export function parseRosterSheet(cells: Cell[][]): ParsedRosterSheet {
  const problems: RowProblem[] = [];
  const headerIndex = cells.findIndex((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  if (headerIndex < 0) return { rows: [], problems: [{ row: 1, message: '表格是空的' }] };

  const header = (cells[headerIndex] ?? []).map((c) => String(c ?? '').replace(/\s+/g, ''));
  const columnAt = new Map<RosterColumnKey, number>();
  for (const col of ROSTER_COLUMNS) {
    const names = [col.header, ...col.aliases].map((n) => n.replace(/\s+/g, ''));
    const at = header.findIndex((h) => names.includes(h));
    if (at >= 0) columnAt.set(col.key, at);
  }
  const required: RosterColumnKey[] = ['grid', 'building', 'room', 'floor', 'area'];
  const missing = ROSTER_COLUMNS.filter((c) => required.includes(c.key) && !columnAt.has(c.key));
  if (missing.length) {
    return {
      rows: [],
      problems: [{ row: headerIndex + 1, message: `缺少必填列：${missing.map((c) => c.header).join('、')}` }],
    };
  }

  const body = cells.slice(headerIndex + 1);
  const dataRows = body.filter((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  if (dataRows.length > MAX_ROSTER_ROWS) {
    return { rows: [], problems: [{ row: headerIndex + 2, message: `一次最多导入 ${MAX_ROSTER_ROWS} 行` }] };
  }

  const rows: RosterRow[] = [];
  body.forEach((cellsOfRow, i) => {
    const sheetRow = headerIndex + 2 + i;
    if (!cellsOfRow.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) return;
    const raw: Record<string, unknown> = {};
    for (const [key, at] of columnAt) raw[key] = cellsOfRow[at];
    const parsed = rosterRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as RosterColumnKey;
        problems.push({
          row: sheetRow,
          column: ROSTER_COLUMNS.find((c) => c.key === key)?.header,
          message: issue.message,
        });
      }
      return;
    }
    if (parsed.data.ownerPhone && !parsed.data.ownerName) {
      problems.push({ row: sheetRow, column: '业主姓名', message: '填写了业主电话，请同时填写业主姓名' });
      return;
    }
    rows.push({ ...parsed.data, sheetRow });
  });

  problems.push(...crossRowProblems(rows));
  problems.sort((a, b) => a.row - b.row);
  return { rows, problems };
}

function crossRowProblems(rows: RosterRow[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const unitSeen = new Map<string, number>();
  const buildingGrid = new Map<string, { grid: string; row: number }>();
  const phoneName = new Map<string, { name: string; row: number }>();
  for (const r of rows) {
    const unitKey = `${r.building}|${r.entrance ?? ''}|${r.room}`;
    const first = unitSeen.get(unitKey);
    if (first !== undefined) problems.push({ row: r.sheetRow, column: '房号', message: `与第 ${first} 行是同一套房` });
    else unitSeen.set(unitKey, r.sheetRow);

    const bg = buildingGrid.get(r.building);
    if (bg && bg.grid !== r.grid)
      problems.push({
        row: r.sheetRow,
        column: '网格',
        message: `${r.building}在第 ${bg.row} 行属于“${bg.grid}”，一栋楼只能属于一个网格`,
      });
    else if (!bg) buildingGrid.set(r.building, { grid: r.grid, row: r.sheetRow });

    if (r.ownerPhone && r.ownerName) {
      const pn = phoneName.get(r.ownerPhone);
      if (pn && pn.name !== r.ownerName)
        problems.push({
          row: r.sheetRow,
          column: '业主姓名',
          message: `同一手机号在第 ${pn.row} 行登记为“${pn.name}”`,
        });
      else if (!pn) phoneName.set(r.ownerPhone, { name: r.ownerName, row: r.sheetRow });
    }
  }
  return problems;
}

/** The roster a valid sheet describes, with ids derived so that re-importing lands on the same records. */
export interface RosterPlan {
  grids: { gridId: string; name: string }[];
  buildings: { buildingId: string; name: string; gridId: string }[];
  units: {
    unitId: string;
    buildingId: string;
    buildingName: string;
    gridId: string;
    entrance?: string;
    room: string;
    floor: number;
    area: number;
    label: string;
    ownerId?: string;
  }[];
  owners: { ownerId: string; name: string; phone?: string; unitIds: string[] }[];
}

export function planRoster(communityId: string, rows: RosterRow[]): RosterPlan {
  const grids = new Map<string, RosterPlan['grids'][number]>();
  const buildings = new Map<string, RosterPlan['buildings'][number]>();
  const owners = new Map<string, RosterPlan['owners'][number]>();
  const units: RosterPlan['units'] = [];
  for (const r of rows) {
    const gridId = gridIdOf(communityId, r.grid);
    const buildingId = buildingIdOf(communityId, r.building);
    grids.set(gridId, { gridId, name: r.grid });
    buildings.set(buildingId, { buildingId, name: r.building, gridId });
    const unitId = unitIdOf(communityId, r.building, r.entrance ?? '', r.room);
    let ownerId: string | undefined;
    if (r.ownerName) {
      ownerId = ownerIdOf(communityId, { phone: r.ownerPhone, name: r.ownerName, unitId });
      const owner = owners.get(ownerId) ?? { ownerId, name: r.ownerName, phone: r.ownerPhone, unitIds: [] };
      owner.unitIds.push(unitId);
      owners.set(ownerId, owner);
    }
    units.push({
      unitId,
      buildingId,
      buildingName: r.building,
      gridId,
      entrance: r.entrance,
      room: r.room,
      floor: r.floor,
      area: r.area,
      label: unitLabel({ buildingName: r.building, entrance: r.entrance, room: r.room }),
      ownerId,
    });
  }
  return { grids: [...grids.values()], buildings: [...buildings.values()], units, owners: [...owners.values()] };
}
