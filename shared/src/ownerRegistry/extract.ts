import { stableHash } from '../validation/hash';

/**
 * A 不动产登记 extract (the registry's list of 专有部分 and their 权利人) read into an owners' roster for
 * 业主表决 under 民法典 第278条. Pure: the Lambda reads the cells and the roster, this decides who counts.
 *
 * The rules, as the committee sees them in the preview:
 * - A row is matched to a roster unit by 不动产单元号 when a unit already carries it (an earlier import stored
 *   it), else by 房屋坐落 read as building / 单元 / room ("幸福里3栋1单元502室": building 3, entrance 1, room
 *   502; 栋/号楼/幢/座 and 室/号/房 are the same thing; an address without 单元 matches when the room is
 *   unique in that building).
 * - Several rows of one unit (same 不动产单元号, or same 坐落 when there is none) are one unit with all their
 *   权利人; several names in one cell (、，,；;/ or spaces) are co-owners.
 * - Co-owners of one unit count as one owner (最高法《建筑物区分所有权解释》第八条、第九条): the unit's 权利人
 *   together are its owner. Units whose 权利人 are the same people are one owner: one head, the areas summed.
 * - A person is name + 证件号 when the extract has 证件号; a name without 证件号 is the same person as the one
 *   holder of that name who has one, else the same as every other holder of that name without one. The
 *   risk: two different people of the same name and no 证件号 become one head — the preview flags every
 *   such merge for the committee to check against the paper extract.
 * - A 权利人 that is a developer company (…房地产/置业/开发…公司) is the developer: its units vote together as
 *   one head, as unsold units do.
 * - Units of the roster not in the extract keep their owner and area.
 */

export type ExtractCell = string | number | boolean | null | undefined | Date;

export const REGISTRY_COLUMNS = [
  { key: 'address', header: '房屋坐落', aliases: ['坐落', '不动产坐落', '房屋地址', '坐落地址'] },
  { key: 'unitNo', header: '不动产单元号', aliases: ['不动产单元代码', '单元号码'] },
  {
    key: 'area',
    header: '面积',
    aliases: ['面积(㎡)', '面积（㎡）', '建筑面积', '建筑面积(㎡)', '建筑面积（㎡）', '房屋面积', '专有建筑面积'],
  },
  { key: 'holders', header: '权利人', aliases: ['权利人名称', '权利人姓名', '所有权人', '产权人'] },
  { key: 'sharing', header: '共有情况', aliases: ['共有方式', '共有情况说明'] },
  { key: 'idNo', header: '证件号', aliases: ['证件号码', '权利人证件号', '身份证号', '身份证号码'] },
] as const;
export type RegistryColumnKey = (typeof REGISTRY_COLUMNS)[number]['key'];

export const MAX_REGISTRY_ROWS = 20_000;

/** Problems that stop the apply (the committee fixes the file or the roster), and notes it should read. */
export type RegistryProblemKind = 'unmatched' | 'duplicateUnit' | 'missingHolder' | 'badArea' | 'badIdNo';
export type RegistryNoteKind = 'areaDiffers' | 'sameName' | 'ownerChanged';

export interface RegistryProblem {
  row: number;
  kind: RegistryProblemKind;
  column?: string;
  message: string;
}
export interface RegistryNote {
  row: number;
  kind: RegistryNoteKind;
  message: string;
}

/** A roster unit as the matching needs it. Areas in ㎡ as stored on the unit. */
export interface RosterUnitRef {
  unitId: string;
  label: string;
  buildingId: string;
  buildingName: string;
  entrance?: string;
  room: string;
  area: number;
  ownerId?: string;
  registryUnitNo?: string;
}
export interface RosterOwnerRef {
  ownerId: string;
  name: string;
}

interface ExtractRow {
  row: number;
  address?: string;
  unitNo?: string;
  area?: number;
  holders: { name: string; idNo?: string }[];
}

export interface RegistryRowView {
  row: number;
  address: string;
  unitNo?: string;
  holders: string;
  area?: number;
  unitId?: string;
  unitLabel?: string;
  rosterArea?: number;
  /** ok: matched and counted; problem: blocks the apply; note: counted, but read it. */
  status: 'ok' | 'problem' | 'note';
  message?: string;
}

export interface PlannedUnit {
  unitId: string;
  label: string;
  buildingId: string;
  buildingName: string;
  area: number;
  ownerId?: string;
  registryUnitNo?: string;
  inExtract: boolean;
}
export interface PlannedOwner {
  ownerId: string;
  /** The co-owners' names, "张三、李四". */
  name: string;
  unitIds: string[];
  /** Hundredths of ㎡. */
  area: number;
}

export interface RegistryTotals {
  rows: number;
  /** Units of the extract matched to the roster. */
  matchedUnits: number;
  /** Units of the whole roster after the import (what an owners' poll of the community counts). */
  units: number;
  heads: number;
  owners: number;
  developerUnits: number;
  /** Hundredths of ㎡. */
  area: number;
  coOwnedUnits: number;
  multiUnitOwners: number;
  unitsNotInExtract: number;
}

export interface RegistryPlan {
  rows: RegistryRowView[];
  problems: RegistryProblem[];
  notes: RegistryNote[];
  totals: RegistryTotals;
  byBuilding: { buildingId: string; name: string; units: number; heads: number; area: number }[];
  /** Every unit of the roster as it will be (owner and area), the extract's and the others. */
  units: PlannedUnit[];
  /** Owners holding at least one unit after the import. */
  owners: PlannedOwner[];
  /** A hash of what the extract decides (its units, their owners): apply refuses when it differs from the preview's. */
  fingerprint: string;
}

/** A file the import cannot read at all (no header, a required column missing): a 400 naming the row. */
export class RegistryFileError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`第 ${row} 行：${message}`);
  }
}

const blank = (c: ExtractCell) => c === null || c === undefined || String(c).trim() === '';
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const CN_DIGITS: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
};
const digits = (s: string) => s.replace(/^[一二三四五六七八九十]$/, (d) => CN_DIGITS[d] ?? d);
/** 3栋 / 3号楼 / 3幢 / 3座 / 3号 → "3"; anything else as written. */
export const buildingKey = (name: string) => digits(norm(name).replace(/(号楼|栋|幢|座|号|楼)$/, ''));
export const entranceKey = (entrance: string | undefined) => digits(norm(entrance ?? '').replace(/单元$/, ''));
export const roomKey = (room: string) => norm(room).replace(/(室|号|房)$/, '');

/**
 * 房屋坐落 → building, entrance, room: the last "<n>栋" (or 号楼/幢/座), then an optional "<n>单元", then the
 * room number. Undefined when the address does not read that way.
 */
export function parseAddress(address: string): { building: string; entrance?: string; room: string } | undefined {
  const a = address.normalize('NFKC').replace(/\s+/g, '');
  const m =
    /([0-9A-Za-z一二三四五六七八九十]+)(?:号楼|栋|幢|座)(?:([0-9A-Za-z一二三四五六七八九十]+)单元)?(?:[0-9]+层)?([0-9A-Za-z-]+)(?:室|号|房)?$/.exec(
      a,
    );
  if (!m) return undefined;
  return { building: digits(m[1]!), entrance: m[2] ? digits(m[2]) : undefined, room: m[3]! };
}

const DEVELOPER = /(房地产|地产|置业|开发|实业|建设).*(公司|集团)$/;
export const isDeveloperName = (name: string) => DEVELOPER.test(name.normalize('NFKC').replace(/\s+/g, ''));

const splitList = (cell: ExtractCell) =>
  blank(cell)
    ? []
    : String(cell)
        .split(/[、，,；;/\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);

function parseArea(cell: ExtractCell): number | undefined {
  if (blank(cell)) return undefined;
  const n =
    typeof cell === 'number'
      ? cell
      : Number(
          String(cell)
            .replace(/(㎡|m²|m2|平方米|平米)$/i, '')
            .trim(),
        );
  return Number.isFinite(n) && n > 0 && n <= 5000 ? Math.round(n * 100) / 100 : undefined;
}

const ID_NO = /^[0-9A-Za-z()（）-]{6,30}$/;

/** Reads the extract's rows; problems of a single row come back beside the rows, a broken file throws. */
export function readExtract(cells: ExtractCell[][]): { rows: ExtractRow[]; problems: RegistryProblem[] } {
  const headerIndex = cells.findIndex((r) => r.some((c) => !blank(c)));
  if (headerIndex < 0) throw new RegistryFileError(1, '表格是空的');
  const header = (cells[headerIndex] ?? []).map((c) => norm(String(c ?? '')));
  const at = new Map<RegistryColumnKey, number>();
  for (const col of REGISTRY_COLUMNS) {
    const names = [col.header, ...col.aliases].map(norm);
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) at.set(col.key, i);
  }
  const missing = [
    ...(!at.has('address') && !at.has('unitNo') ? ['房屋坐落或不动产单元号'] : []),
    ...(!at.has('area') ? ['面积'] : []),
    ...(!at.has('holders') ? ['权利人'] : []),
  ];
  if (missing.length) throw new RegistryFileError(headerIndex + 1, `缺少必填列：${missing.join('、')}`);
  const body = cells.slice(headerIndex + 1);
  if (body.filter((r) => r.some((c) => !blank(c))).length > MAX_REGISTRY_ROWS)
    throw new RegistryFileError(headerIndex + 2, `一次最多导入 ${MAX_REGISTRY_ROWS} 行`);
  if (!body.some((r) => r.some((c) => !blank(c)))) throw new RegistryFileError(headerIndex + 2, '表格中没有数据行');

  const rows: ExtractRow[] = [];
  const problems: RegistryProblem[] = [];
  body.forEach((cellsOfRow, i) => {
    if (!cellsOfRow.some((c) => !blank(c))) return;
    const row = headerIndex + 2 + i;
    const cell = (k: RegistryColumnKey) => (at.has(k) ? cellsOfRow[at.get(k)!] : undefined);
    const text = (k: RegistryColumnKey) => (blank(cell(k)) ? undefined : String(cell(k)).trim());
    const address = text('address');
    const unitNo = text('unitNo')?.replace(/\s+/g, '');
    const names = splitList(cell('holders'));
    const idNos = splitList(cell('idNo'));
    const area = parseArea(cell('area'));
    if (!address && !unitNo)
      problems.push({ row, kind: 'unmatched', column: '房屋坐落', message: '房屋坐落和不动产单元号都是空的' });
    if (area === undefined)
      problems.push({ row, kind: 'badArea', column: '面积', message: '面积须为大于 0、不超过 5000 的数字（㎡）' });
    if (!names.length) problems.push({ row, kind: 'missingHolder', column: '权利人', message: '权利人是空的' });
    if (idNos.length && idNos.length !== names.length)
      problems.push({
        row,
        kind: 'badIdNo',
        column: '证件号',
        message: `证件号有 ${idNos.length} 个，权利人有 ${names.length} 个，请一一对应`,
      });
    else if (idNos.some((n) => !ID_NO.test(n)))
      problems.push({ row, kind: 'badIdNo', column: '证件号', message: '证件号格式不对' });
    rows.push({
      row,
      address,
      unitNo,
      area,
      holders: names.map((name, k) => ({ name, idNo: idNos.length === names.length ? idNos[k] : undefined })),
    });
  });
  return { rows, problems };
}

interface RegistryUnit {
  rows: ExtractRow[];
  unit?: RosterUnitRef;
  area?: number;
  unitNo?: string;
  holders: { name: string; idNo?: string }[];
}

/** Units of the roster by 不动产单元号 and by building/entrance/room, and the rule that matches a row. */
function rosterIndex(units: RosterUnitRef[]) {
  const byNo = new Map<string, RosterUnitRef>();
  const byPlace = new Map<string, RosterUnitRef[]>();
  const byRoom = new Map<string, RosterUnitRef[]>();
  for (const u of units) {
    if (u.registryUnitNo) byNo.set(u.registryUnitNo, u);
    const b = buildingKey(u.buildingName);
    const place = `${b}|${entranceKey(u.entrance)}|${roomKey(u.room)}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), u]);
    const room = `${b}|${roomKey(u.room)}`;
    byRoom.set(room, [...(byRoom.get(room) ?? []), u]);
  }
  return (r: { unitNo?: string; address?: string }): RosterUnitRef | string => {
    if (r.unitNo && byNo.has(r.unitNo)) return byNo.get(r.unitNo)!;
    if (!r.address) return '名册中没有该不动产单元号的房屋，请填写房屋坐落';
    const p = parseAddress(r.address);
    if (!p) return '看不懂这个房屋坐落：请写成“…3栋1单元502室”的样子';
    const found =
      p.entrance !== undefined
        ? byPlace.get(`${p.building}|${p.entrance}|${roomKey(p.room)}`)
        : byRoom.get(`${p.building}|${roomKey(p.room)}`);
    if (!found?.length) return `名册中找不到 ${p.building}栋${p.entrance ? `${p.entrance}单元` : ''}${p.room}`;
    if (found.length > 1) return `${p.building}栋有多套 ${p.room}，请在坐落中写明单元`;
    return found[0]!;
  };
}

const personKey = (h: { name: string; idNo?: string }) => `${norm(h.name)}#${(h.idNo ?? '').toUpperCase()}`;

/** A new owner's id: derived from who they are, so importing the same extract again lands on the same owner. */
export const registryOwnerIdOf = (communityId: string, ownerKey: string) =>
  `o${stableHash(`${communityId}|registry|${ownerKey}`).slice(0, 16)}`;

/**
 * Matches an extract to the roster and derives the owners' roster: which unit each row is, its registered
 * area, and one owner per set of co-owners with all their units. Existing owner ids are kept where the
 * registry names the same person for the unit (bound 业主 and proxies stay attached); see the module note.
 */
export function planOwnerRegistry({
  communityId,
  cells,
  roster,
}: {
  communityId: string;
  cells: ExtractCell[][];
  roster: { units: RosterUnitRef[]; owners: RosterOwnerRef[] };
}): RegistryPlan {
  const { rows, problems } = readExtract(cells);
  const notes: RegistryNote[] = [];
  const match = rosterIndex(roster.units);
  const ownerName = new Map(roster.owners.map((o) => [o.ownerId, o.name]));

  // Rows of one registry unit: same 不动产单元号, or the same 坐落 when the row has none.
  const groups = new Map<string, RegistryUnit>();
  const rowView = new Map<number, RegistryRowView>();
  for (const r of rows) {
    rowView.set(r.row, {
      row: r.row,
      address: r.address ?? '',
      unitNo: r.unitNo,
      holders: r.holders.map((h) => h.name).join('、'),
      area: r.area,
      status: 'ok',
    });
    const key = r.unitNo ? `no:${r.unitNo}` : `at:${norm(r.address ?? '')}`;
    const g = groups.get(key) ?? { rows: [], holders: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const problem = (row: number, kind: RegistryProblemKind, message: string, column?: string) =>
    problems.push({ row, kind, message, ...(column ? { column } : {}) });

  const unitOfRoster = new Map<string, RegistryUnit>();
  for (const g of groups.values()) {
    const first = g.rows[0]!;
    g.unitNo = first.unitNo;
    const areas = new Set(g.rows.flatMap((r) => (r.area !== undefined ? [r.area] : [])));
    g.area = areas.size === 1 ? [...areas][0] : undefined;
    if (areas.size > 1)
      for (const r of g.rows.slice(1)) problem(r.row, 'badArea', `与第 ${first.row} 行是同一房屋，面积却不同`, '面积');
    const seen = new Set<string>();
    for (const h of g.rows.flatMap((r) => r.holders))
      if (!seen.has(personKey(h))) {
        seen.add(personKey(h));
        g.holders.push(h);
      }
    const found = first.address || first.unitNo ? match(first) : undefined;
    if (typeof found === 'string') {
      for (const r of g.rows) problem(r.row, 'unmatched', found, '房屋坐落');
      continue;
    }
    if (!found) continue;
    const earlier = unitOfRoster.get(found.unitId);
    if (earlier) {
      for (const r of g.rows)
        problem(
          r.row,
          'duplicateUnit',
          `与第 ${earlier.rows[0]!.row} 行是名册中的同一套房（${found.label}）`,
          '房屋坐落',
        );
      continue;
    }
    g.unit = found;
    unitOfRoster.set(found.unitId, g);
  }

  // People: name + 证件号; a name without one joins the single holder of that name who has one.
  const idsOfName = new Map<string, Set<string>>();
  for (const g of unitOfRoster.values())
    for (const h of g.holders)
      if (h.idNo) idsOfName.set(norm(h.name), (idsOfName.get(norm(h.name)) ?? new Set()).add(h.idNo.toUpperCase()));
  const personOf = (h: { name: string; idNo?: string }) => {
    if (h.idNo) return personKey(h);
    const ids = idsOfName.get(norm(h.name));
    return ids?.size === 1 ? `${norm(h.name)}#${[...ids][0]}` : personKey(h);
  };

  // Owners: the set of a unit's 权利人; the developer's units have none (they vote together).
  const ownerGroups = new Map<string, { names: string[]; units: RegistryUnit[] }>();
  let coOwnedUnits = 0;
  for (const g of unitOfRoster.values()) {
    if (!g.holders.length || g.holders.every((h) => isDeveloperName(h.name))) continue;
    const people = [...new Set(g.holders.filter((h) => !isDeveloperName(h.name)).map(personOf))].sort();
    if (people.length > 1) coOwnedUnits++;
    const key = people.join('|');
    const o = ownerGroups.get(key) ?? { names: [...new Set(g.holders.map((h) => h.name))], units: [] };
    o.units.push(g);
    ownerGroups.set(key, o);
  }
  // The risk of name-only identity, shown: a name without 证件号 that now holds several units.
  for (const [key, o] of ownerGroups)
    if (o.units.length > 1 && key.split('|').some((p) => p.endsWith('#')))
      for (const g of o.units)
        notes.push({
          row: g.rows[0]!.row,
          kind: 'sameName',
          message: `按姓名“${o.names.join('、')}”与其他 ${o.units.length - 1} 套房合并为一位业主（无证件号），请核对是否同一人`,
        });

  // Ids: keep the roster's owner of a unit when the registry names that person for it; else a derived id.
  const taken = new Set<string>();
  const ownerIdOfGroup = new Map<string, string>();
  for (const [key, o] of [...ownerGroups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const names = new Set([...o.names.map(norm), norm(o.names.join('、'))]);
    const kept = o.units
      .map((g) => g.unit!.ownerId)
      .find((id): id is string => !!id && !taken.has(id) && names.has(norm(ownerName.get(id) ?? '')));
    const ownerId = kept ?? registryOwnerIdOf(communityId, key);
    taken.add(ownerId);
    ownerIdOfGroup.set(key, ownerId);
  }
  const unitOwner = new Map<string, string | undefined>();
  for (const [key, o] of ownerGroups) for (const g of o.units) unitOwner.set(g.unit!.unitId, ownerIdOfGroup.get(key));

  // The roster after the import: matched units take the registry's area and owner, others stay.
  const units: PlannedUnit[] = roster.units.map((u) => {
    const g = unitOfRoster.get(u.unitId);
    if (!g || g.area === undefined || !g.holders.length)
      return { ...pickUnit(u), ownerId: u.ownerId, area: u.area, registryUnitNo: u.registryUnitNo, inExtract: !!g };
    return {
      ...pickUnit(u),
      area: g.area,
      ownerId: unitOwner.get(u.unitId),
      registryUnitNo: g.unitNo ?? u.registryUnitNo,
      inExtract: true,
    };
  });
  for (const g of unitOfRoster.values()) {
    const u = g.unit!;
    const v = rowView.get(g.rows[0]!.row)!;
    for (const r of g.rows) Object.assign(rowView.get(r.row)!, { unitId: u.unitId, unitLabel: u.label });
    v.rosterArea = u.area;
    if (g.area !== undefined && g.area !== u.area)
      notes.push({
        row: g.rows[0]!.row,
        kind: 'areaDiffers',
        message: `登记面积 ${g.area}㎡，名册原为 ${u.area}㎡：以登记为准`,
      });
    const after = unitOwner.get(u.unitId);
    if (u.ownerId && after && u.ownerId !== after && g.holders.length)
      notes.push({
        row: g.rows[0]!.row,
        kind: 'ownerChanged',
        message: `名册原业主“${ownerName.get(u.ownerId) ?? '未知'}”，登记为“${g.holders.map((h) => h.name).join('、')}”`,
      });
  }

  const nameById = new Map([...ownerGroups].map(([key, o]) => [ownerIdOfGroup.get(key)!, o.names.join('、')]));
  const owners = new Map<string, PlannedOwner>();
  const buildings = new Map<string, RegistryPlan['byBuilding'][number] & { heads: number; ownerSet: Set<string> }>();
  let developerUnits = 0;
  let area = 0;
  for (const u of units) {
    const centi = Math.round(u.area * 100);
    area += centi;
    const b = buildings.get(u.buildingId) ?? {
      buildingId: u.buildingId,
      name: u.buildingName,
      units: 0,
      heads: 0,
      area: 0,
      ownerSet: new Set<string>(),
    };
    b.units += 1;
    b.area += centi;
    b.ownerSet.add(u.ownerId ?? 'DEV');
    buildings.set(u.buildingId, b);
    if (!u.ownerId) {
      developerUnits++;
      continue;
    }
    const o = owners.get(u.ownerId) ?? {
      ownerId: u.ownerId,
      name: nameById.get(u.ownerId) ?? ownerName.get(u.ownerId) ?? '',
      unitIds: [],
      area: 0,
    };
    o.unitIds.push(u.unitId);
    o.area += centi;
    owners.set(u.ownerId, o);
  }

  for (const p of problems) Object.assign(rowView.get(p.row) ?? {}, { status: 'problem', message: p.message });
  for (const n of notes) {
    const v = rowView.get(n.row);
    if (v && v.status === 'ok') Object.assign(v, { status: 'note', message: n.message });
  }
  problems.sort((a, b) => a.row - b.row);
  notes.sort((a, b) => a.row - b.row);
  const ownerList = [...owners.values()].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
  return {
    rows: [...rowView.values()].sort((a, b) => a.row - b.row),
    problems,
    notes,
    totals: {
      rows: rows.length,
      matchedUnits: unitOfRoster.size,
      units: units.length,
      heads: ownerList.length + (developerUnits > 0 ? 1 : 0),
      owners: ownerList.length,
      developerUnits,
      area,
      coOwnedUnits,
      multiUnitOwners: ownerList.filter((o) => o.unitIds.length > 1).length,
      unitsNotInExtract: units.filter((u) => !u.inExtract).length,
    },
    byBuilding: [...buildings.values()]
      .map(({ ownerSet, ...b }) => ({ ...b, heads: ownerSet.size }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
    units,
    owners: ownerList,
    // What the extract decides (its units and their owners), not the rest of the roster: a building added
    // meanwhile elsewhere does not make the preview stale, a changed owner of an extract unit does.
    fingerprint: stableHash(
      JSON.stringify([
        units.filter((u) => u.inExtract).map((u) => [u.unitId, u.area, u.ownerId ?? '', u.registryUnitNo ?? '']),
        ownerList
          .filter((o) => o.unitIds.some((id) => unitOfRoster.has(id)))
          .map((o) => [o.ownerId, o.name, o.unitIds]),
      ]),
    ),
  };
}

function pickUnit(u: RosterUnitRef) {
  return { unitId: u.unitId, label: u.label, buildingId: u.buildingId, buildingName: u.buildingName };
}
