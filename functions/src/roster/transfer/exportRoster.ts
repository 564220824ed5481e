import { naturalCompare, ROSTER_COLUMNS } from '@linli/shared';
import { ulid } from '../../commons/ids';
import { presignDownload, writeObject } from '../../media/storage';
import { writeCells, type Cell } from './sheetFiles';
import { roster } from '../../db/registries/roster';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * 导出花名册 with exactly the import columns, in door order, so the committee can edit it in
 * Excel/WPS and import it back. One partition query reads grids, owners and units together.
 */
export async function exportRoster(communityId: string, format: 'xlsx' | 'csv', now: Date) {
  const { Items = [] } = await roster.query.rosterSheet({ communityId }).send();
  const gridName = new Map<string, string>();
  const ownerById = new Map<string, { name: string; phone?: string }>();
  const unitRows: Extract<(typeof Items)[number], { entity: 'Unit' }>[] = [];
  for (const item of Items) {
    if (item.entity === 'Grid') gridName.set(item.gridId, item.name);
    else if (item.entity === 'Owner') ownerById.set(item.ownerId, { name: item.name, phone: item.phone });
    else if (item.entity === 'Unit') unitRows.push(item);
  }
  unitRows.sort(
    (a, b) =>
      naturalCompare(a.buildingName, b.buildingName) ||
      naturalCompare(a.entrance ?? '', b.entrance ?? '') ||
      a.floor - b.floor ||
      naturalCompare(a.room, b.room),
  );
  const rows: Cell[][] = unitRows.map((u) => {
    const owner = u.ownerId ? ownerById.get(u.ownerId) : undefined;
    const byKey: Record<(typeof ROSTER_COLUMNS)[number]['key'], Cell> = {
      grid: gridName.get(u.gridId) ?? '',
      building: u.buildingName,
      entrance: u.entrance ?? '',
      room: u.room,
      floor: u.floor,
      area: u.area,
      ownerName: owner?.name ?? '',
      ownerPhone: owner?.phone ?? '',
    };
    return ROSTER_COLUMNS.map((c) => byKey[c.key]);
  });
  const body = await writeCells(
    ROSTER_COLUMNS.map((c) => c.header),
    rows,
    format,
  );
  const stamp = now.toISOString().slice(0, 10);
  const fileName = `花名册-${stamp}.${format}`;
  const key = `exports/${communityId}/${ulid(now.getTime())}.${format}`;
  await writeObject(key, body, CONTENT_TYPES[format], fileName);
  const link = await presignDownload(key, now);
  return { url: link.url, fileName, expiresAt: link.expiresAt, rows: rows.length };
}
