import { stableHash } from '../validation/hash';

// Roster ids derive from the community's own labels (normalised), which is what makes an import
// re-runnable: the same row always lands on the same record.
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export const gridIdOf = (communityId: string, gridName: string) =>
  `g${stableHash(`${communityId}|${norm(gridName)}`).slice(0, 12)}`;
export const buildingIdOf = (communityId: string, buildingName: string) =>
  `b${stableHash(`${communityId}|${norm(buildingName)}`).slice(0, 12)}`;
export const unitIdOf = (communityId: string, buildingName: string, entrance: string, room: string) =>
  `u${stableHash(`${communityId}|${norm(buildingName)}|${norm(entrance)}|${norm(room)}`).slice(0, 16)}`;
/**
 * One owner holding several units counts once by head (最高法《建筑物区分所有权解释》第九条), so owners are
 * identified by phone across units; without a phone an owner is distinct per unit.
 */
export const ownerIdOf = (communityId: string, owner: { phone?: string; name: string; unitId: string }) =>
  `o${stableHash(owner.phone ? `${communityId}|tel|${owner.phone}` : `${communityId}|unit|${owner.unitId}|${norm(owner.name)}`).slice(0, 16)}`;

/** "3栋1单元502" — how residents say a unit. */
export function unitLabel(u: { buildingName: string; entrance?: string; room: string }): string {
  return `${u.buildingName}${u.entrance ?? ''}${u.room}`;
}
