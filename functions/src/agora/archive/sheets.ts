import { toCentiArea, unitInScope, type BallotSheetView } from '@linli/shared';
import type { OwnerItem } from '../../db/entities/owner';
import { scopeOf, type VoteSettings } from '../../db/entities/topic';
import type { UnitItem } from '../../db/entities/unit';
import { DEVELOPER_KEY, householdKey, ownerKey } from '../seats';

/** What the sheet model reads: the frozen vote, the community's units and owners (roster #12). */
export interface SheetSource {
  vote: Pick<VoteSettings, 'basis' | 'scope' | 'electorate'>;
  units: Pick<UnitItem, 'unitId' | 'label' | 'buildingId' | 'buildingName' | 'gridId' | 'area' | 'ownerId'>[];
  owners: Pick<OwnerItem, 'ownerId' | 'name'>[];
  /** The code printed on a seat's sheet (sheetCoder). */
  codeOf: (voterKey: string) => string;
}

const byLabel = (a: { label: string }, b: { label: string }) =>
  a.label.localeCompare(b.label, 'zh-CN', { numeric: true });

/**
 * 表决票 per seat: one per registered owner with every unit they hold in the electorate and the area summed
 * (a two-unit owner gets one sheet), the developer's unsold units on one sheet, or one per household. Each
 * sheet is filed under the building of its first unit, so printing building by building prints every sheet
 * once. Sheets are in the order of their first unit (楼栋, 单元, 房号).
 */
export function ballotSheets({ vote, units, owners, codeOf }: SheetSource): BallotSheetView[] {
  const scope = scopeOf(vote as VoteSettings);
  const held = units.filter((u) => unitInScope(scope, u) && !!vote.electorate.byBuilding[u.buildingId]).sort(byLabel);
  const names = new Map(owners.map((o) => [o.ownerId, o.name]));
  const seats = new Map<string, { holder: string; units: typeof held }>();
  for (const u of held) {
    const voterKey =
      vote.basis === 'household' ? householdKey(u.unitId) : u.ownerId ? ownerKey(u.ownerId) : DEVELOPER_KEY;
    const holder =
      vote.basis === 'household'
        ? u.label
        : u.ownerId
          ? (names.get(u.ownerId) ?? '业主（花名册无姓名）')
          : '建设单位（未售房屋）';
    const seat = seats.get(voterKey) ?? { holder, units: [] };
    seat.units.push(u);
    seats.set(voterKey, seat);
  }
  return [...seats.entries()].map(([voterKey, seat]) => ({
    code: codeOf(voterKey),
    voterKey,
    holder: seat.holder,
    buildingId: seat.units[0]!.buildingId,
    units: seat.units.map((u) => ({ unitId: u.unitId, label: u.label, area: u.area })),
    area: seat.units.reduce((n, u) => n + toCentiArea(u.area), 0) / 100,
  }));
}
