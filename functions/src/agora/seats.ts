import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { toCentiArea, unitInScope, type Principal, type TopicScope } from '@linli/shared';
import { owners } from '../db/entities/owner';
import { units, type UnitItem } from '../db/entities/unit';
import type { UserItem } from '../db/entities/user';
import { scopeOf, type TopicItem, type VoteSettings } from '../db/entities/topic';
import { LinliTable } from '../db/table';
import { badRequest } from '../http/errors';
import { unitsInScope } from './electorate';
import { householdKey, ownerKey, personKey } from './voterKeys';

/**
 * A place in a poll's electorate (投票身份): a person, a household (unit) or an owner (with all their
 * units in scope), with what their ballot weighs and adds to each building's turnout.
 */
export interface Seat {
  voterKey: string;
  label: string;
  heads: number;
  /** Hundredths of ㎡ (the units in scope). */
  area: number;
  byBuilding: Record<string, { count: number; area: number }>;
}

export { householdKey, ownerKey, personKey };
/** Units still held by the developer vote together as one owner head. */
export const DEVELOPER_KEY = 'DEV';

function seatOfUnits(voterKey: string, label: string, held: UnitItem[]): Seat {
  const byBuilding: Seat['byBuilding'] = {};
  let area = 0;
  for (const u of held) {
    const a = toCentiArea(u.area);
    area += a;
    const b = (byBuilding[u.buildingId] ??= { count: 0, area: 0 });
    b.count += 1;
    b.area += a;
  }
  return { voterKey, label, heads: 1, area, byBuilding };
}

async function loadUnits(communityId: string, unitIds: string[]): Promise<UnitItem[]> {
  if (!unitIds.length) return [];
  const { Responses } = await batchGet(
    LinliTable.build(BatchGetCommand).requests(...unitIds.map((unitId) => units.batchGet({ communityId, unitId }))),
  );
  return ((Responses?.[0] ?? []) as (UnitItem | undefined)[]).filter((u): u is UnitItem => !!u);
}

/** A unit still belongs to the electorate when its building was in scope at scheduling time. */
const inElectorate = (vote: VoteSettings, u: { unitId: string; buildingId: string; gridId: string }) =>
  unitInScope(scopeOf(vote), u) && !!vote.electorate.byBuilding[u.buildingId];

const unitsLabel = (held: UnitItem[]) =>
  held.length > 2 ? `${held[0]!.label} 等 ${held.length} 套` : held.map((u) => u.label).join('、');

/**
 * The seats a signed-in resident may vote for: their own person; each household they belong to; each
 * registered owner they speak for (bound as 业主 with that owner's id). Computed from the roster at the
 * moment of voting; the one-ballot rule itself is a condition on the Participation item.
 */
export async function seatsOf(user: UserItem, principal: Principal, topic: TopicItem): Promise<Seat[]> {
  const vote = topic.vote;
  if (!vote) return [];
  const mine = principal.memberships.filter((m) => m.communityId === topic.communityId);
  if (vote.basis === 'person') {
    const member = mine.find(
      (m) =>
        inElectorate(vote, m) &&
        (user.memberships[`${m.communityId}|${m.unitId}`]?.since ?? '') <= vote.electorate.frozenAt,
    );
    if (!member) return [];
    return [
      {
        voterKey: personKey(user.userId),
        label: user.nickname,
        heads: 1,
        area: 0,
        byBuilding: { [member.buildingId]: { count: 1, area: 0 } },
      },
    ];
  }
  if (vote.basis === 'household') {
    const held = await loadUnits(
      topic.communityId,
      mine.filter((m) => inElectorate(vote, m)).map((m) => m.unitId),
    );
    return held.map((u) => seatOfUnits(householdKey(u.unitId), u.label, [u]));
  }
  const ownerIds = [
    ...new Set(mine.filter((m) => m.relation === 'owner' && m.ownerId).map((m) => m.ownerId as string)),
  ];
  const seats: Seat[] = [];
  for (const ownerId of ownerIds) {
    const { Item: owner } = await owners.get({ communityId: topic.communityId, ownerId });
    if (!owner) continue;
    const held = (await loadUnits(topic.communityId, owner.unitIds)).filter(
      (u) => u.ownerId === ownerId && inElectorate(vote, u),
    );
    if (held.length) seats.push(seatOfUnits(ownerKey(ownerId), `业主（${unitsLabel(held)}）`, held));
  }
  return seats;
}

/**
 * The seat a paper ballot for `unit` is recorded for: the household, or in an owners' poll the unit's
 * owner (all their units in scope) or, for an unsold unit, the developer (all unsold units in scope).
 */
export async function seatOfUnit(topic: TopicItem, unit: UnitItem): Promise<Seat> {
  const vote = topic.vote as VoteSettings;
  if (!inElectorate(vote, unit))
    throw badRequest('该房屋不在本次表决范围内', [{ field: 'body.unitId', message: '该房屋不在本次表决范围内' }]);
  if (vote.basis === 'person')
    throw badRequest('按人投票的议题不能代录纸质票', [
      { field: 'body.unitId', message: '按人投票的议题请居民本人在小程序投票' },
    ]);
  if (vote.basis === 'household') return seatOfUnits(householdKey(unit.unitId), unit.label, [unit]);
  const scope: TopicScope = scopeOf(vote);
  if (!unit.ownerId) {
    const unsold = (await unitsInScope(topic.communityId, scope)).filter((u) => !u.ownerId && inElectorate(vote, u));
    return seatOfUnits(DEVELOPER_KEY, `开发建设单位（未售 ${unsold.length} 套）`, unsold);
  }
  const { Item: owner } = await owners.get({ communityId: topic.communityId, ownerId: unit.ownerId });
  const held = (await loadUnits(topic.communityId, owner?.unitIds ?? [unit.unitId])).filter(
    (u) => u.ownerId === unit.ownerId && inElectorate(vote, u),
  );
  return seatOfUnits(ownerKey(unit.ownerId), `业主（${unitsLabel(held)}）`, held);
}

/** The voter key a unit's vote is counted under (for the staff's household list). */
export function voterKeyOfUnit(vote: VoteSettings, unit: { unitId: string; ownerId?: string }): string {
  if (vote.basis === 'household') return householdKey(unit.unitId);
  return unit.ownerId ? ownerKey(unit.ownerId) : DEVELOPER_KEY;
}
