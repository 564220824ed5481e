import type { RosterPlan, RosterRow } from './sheet';

/**
 * Which source wins for a unit's area and owner. The 不动产登记 extract (the owners' registry import) is the
 * legal source for a 第278条 owners' vote: its area is the vote's weight and its 权利人 the voter. The 台账 is the
 * committee's household roster: it may add units and rename, regroup or renumber them, but a unit the registry
 * has set (`registeredAt`) keeps the registry's area and owner, and the registry's owners are not rewritten by
 * the 台账. Pure: the import reads the roster and the sheet, this says what it may write and what it leaves.
 */

/** A unit of the roster as the precedence needs it. Area in ㎡ as stored. */
export interface RosterUnitNow {
  unitId: string;
  label: string;
  area: number;
  ownerId?: string;
  /** When an owners' registry import last set this unit's area and owner (absent: the 台账 sets them). */
  registeredAt?: string;
}

/** A sheet row the import leaves alone (in part), with why, for the preview. */
export interface KeptRow {
  row: number;
  unit: string;
  /** What the sheet would have changed: 面积 and/or 业主. */
  fields: ('area' | 'owner')[];
  message: string;
}

export interface RegistryPrecedence {
  /** The plan to write: registry units carry the registry's area and owner; registry owners are left out. */
  plan: RosterPlan;
  kept: KeptRow[];
  /** Units the registry holds: the import writes none of their area or owner (a condition guards the rest). */
  registryUnitIds: Set<string>;
}

const sqm = (n: number) => `${Math.round(n * 100) / 100}㎡`;

export function keepRegistryOwners(
  plan: RosterPlan,
  rows: Pick<RosterRow, 'sheetRow' | 'ownerName'>[],
  now: Map<string, RosterUnitNow>,
  ownerNames: Map<string, string>,
): RegistryPrecedence {
  const registryUnitIds = new Set([...now.values()].filter((u) => u.registeredAt).map((u) => u.unitId));
  const registryOwnerIds = new Set(
    [...now.values()].filter((u) => u.registeredAt && u.ownerId).map((u) => u.ownerId as string),
  );
  const kept: KeptRow[] = [];
  // planRoster makes one unit per row, in the sheet's order.
  const units = plan.units.map((u, i) => {
    const before = now.get(u.unitId);
    if (!before || !registryUnitIds.has(u.unitId)) return u;
    const fields: KeptRow['fields'] = [];
    if (Math.round(before.area * 100) !== Math.round(u.area * 100)) fields.push('area');
    if ((before.ownerId ?? '') !== (u.ownerId ?? '')) fields.push('owner');
    if (fields.length) {
      const registered = before.ownerId ? (ownerNames.get(before.ownerId) ?? '已登记的权利人') : '无';
      const parts = [
        fields.includes('area') ? `面积 ${sqm(before.area)}（台账 ${sqm(u.area)}）` : '',
        fields.includes('owner') ? `权利人 ${registered}（台账 ${rows[i]?.ownerName ?? '未填'}）` : '',
      ].filter(Boolean);
      kept.push({
        row: rows[i]?.sheetRow ?? i + 2,
        unit: u.label,
        fields,
        message: `以不动产登记为准：${parts.join('，')}；台账的这些内容不写入`,
      });
    }
    return { ...u, area: before.area, ownerId: before.ownerId };
  });
  const owners = plan.owners
    .filter((o) => !registryOwnerIds.has(o.ownerId))
    .map((o) => ({ ...o, unitIds: o.unitIds.filter((id) => !registryUnitIds.has(id)) }))
    .filter((o) => o.unitIds.length > 0);
  return { plan: { ...plan, units, owners }, kept, registryUnitIds };
}
