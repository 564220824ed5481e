import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { toCentiArea, unitInScope, type ElectorateView, type TopicScope, type VoterBasis } from '@linli/shared';
import type { BuildingItem } from '../db/entities/building';
import type { MembershipItem } from '../db/entities/membership';
import { units, type UnitItem } from '../db/entities/unit';
import type { VoteSettings } from '../db/entities/topic';
import { LinliTable } from '../db/table';
import { badRequest } from '../http/errors';
import { roster } from '../db/registries/roster';
import { households } from '../db/registries/households';

/** Everyone entitled to vote in a poll, frozen when the vote is scheduled (选民名册). Areas in hundredths of ㎡. */
export type Electorate = VoteSettings['electorate'];

const scopeField = (scope: TopicScope) =>
  ({
    community: 'body.scope',
    grids: 'body.scope.gridIds',
    buildings: 'body.scope.buildingIds',
    units: 'body.scope.unitIds',
  })[scope.kind];

/** The units a scope covers: one query per grid or building, or the community's units, or a BatchGet. */
export async function unitsInScope(communityId: string, scope: TopicScope): Promise<UnitItem[]> {
  switch (scope.kind) {
    case 'community':
      return (await roster.query.unitsOfCommunity({ communityId }).send()).Items ?? [];
    case 'grids':
      return (
        await Promise.all(
          scope.gridIds.map(
            async (gridId) => (await roster.query.unitsOfGrid({ communityId, gridId }).send()).Items ?? [],
          ),
        )
      ).flat();
    case 'buildings':
      return (
        await Promise.all(
          scope.buildingIds.map(
            async (buildingId) => (await roster.query.unitsOfBuilding({ communityId, buildingId }).send()).Items ?? [],
          ),
        )
      ).flat();
    case 'units': {
      const found: UnitItem[] = [];
      const ids = [...new Set(scope.unitIds)];
      for (let i = 0; i < ids.length; i += 100) {
        const { Responses } = await batchGet(
          LinliTable.build(BatchGetCommand).requests(
            ...ids.slice(i, i + 100).map((unitId) => units.batchGet({ communityId, unitId })),
          ),
        );
        found.push(...((Responses?.[0] ?? []) as (UnitItem | undefined)[]).filter((u): u is UnitItem => !!u));
      }
      return found;
    }
  }
}

async function buildingsOf(communityId: string): Promise<BuildingItem[]> {
  const { Items = [] } = await roster.query.buildings({ communityId }).send();
  return Items;
}

/** Bound residents of the units in scope (one query over the community's members index). */
export async function membersInScope(communityId: string, scope: TopicScope): Promise<MembershipItem[]> {
  const { Items = [] } = await households.query.members({ communityId }).send();
  return Items.filter((m) => unitInScope(scope, m));
}

/**
 * Counts the electorate of a scope: households are units; owners are heads — one per registered owner
 * however many units they hold, and the developer's unsold units together as one
 * (最高法《建筑物区分所有权解释》第九条) — with every unit's area; people are the bound residents.
 */
export async function computeElectorate({
  communityId,
  scope,
  basis,
  now,
}: {
  communityId: string;
  scope: TopicScope;
  basis: VoterBasis;
  now: Date;
}): Promise<Electorate> {
  const [scoped, buildingList] = await Promise.all([unitsInScope(communityId, scope), buildingsOf(communityId)]);
  const inScope = scoped.filter((u) => unitInScope(scope, u));
  const wanted =
    scope.kind === 'units' ? scope.unitIds.length : scope.kind === 'buildings' ? scope.buildingIds.length : 0;
  if (scope.kind === 'units' && new Set(inScope.map((u) => u.unitId)).size !== new Set(scope.unitIds).size)
    throw badRequest('有房屋不存在', [{ field: scopeField(scope), message: '有房屋不存在，请重新选择' }]);
  if (
    scope.kind === 'buildings' &&
    new Set(buildingList.filter((b) => scope.buildingIds.includes(b.buildingId)).map((b) => b.buildingId)).size !==
      new Set(scope.buildingIds).size
  )
    throw badRequest('有楼栋不存在', [{ field: scopeField(scope), message: '有楼栋不存在，请重新选择' }]);
  if (inScope.length === 0)
    throw badRequest('所选范围内没有房屋', [
      { field: scopeField(scope), message: wanted ? '所选范围内没有房屋' : '社区还没有房屋，请先导入花名册' },
    ]);

  const nameOf = new Map(buildingList.map((b) => [b.buildingId, b]));
  const byBuilding: Electorate['byBuilding'] = {};
  const slot = (u: { buildingId: string; gridId: string }) =>
    (byBuilding[u.buildingId] ??= {
      name: nameOf.get(u.buildingId)?.name ?? u.buildingId,
      gridId: u.gridId,
      count: 0,
      area: 0,
    });
  let area = 0;
  for (const u of inScope) {
    const s = slot(u);
    area += toCentiArea(u.area);
    if (basis !== 'person') {
      s.count += 1;
      s.area += toCentiArea(u.area);
    }
  }
  const ownerIds = new Set(inScope.flatMap((u) => (u.ownerId ? [u.ownerId] : [])));
  const developerUnits = inScope.filter((u) => !u.ownerId).length;

  let heads: number;
  if (basis === 'household') heads = inScope.length;
  else if (basis === 'owners') heads = ownerIds.size + (developerUnits > 0 ? 1 : 0);
  else {
    const people = new Map<string, MembershipItem>();
    for (const m of await membersInScope(communityId, scope)) if (!people.has(m.userId)) people.set(m.userId, m);
    for (const m of people.values()) slot(m).count += 1;
    heads = people.size;
    if (heads === 0)
      throw badRequest('所选范围内还没有绑定房屋的居民', [
        { field: 'body.basis', message: '范围内还没有已绑定的居民，可改为一户一票' },
      ]);
  }
  return {
    heads,
    area,
    units: inScope.length,
    owners: ownerIds.size,
    developerUnits,
    frozenAt: now.toISOString(),
    byBuilding,
  };
}

export function electorateView(basis: VoterBasis, e: Electorate): ElectorateView {
  return {
    basis,
    heads: e.heads,
    units: e.units,
    owners: e.owners,
    developerUnits: e.developerUnits,
    area: e.area / 100,
    byBuilding: Object.entries(e.byBuilding)
      .map(([buildingId, b]) => ({
        buildingId,
        name: b.name,
        units: basis === 'person' ? 0 : b.count,
        heads: b.count,
        area: b.area / 100,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  };
}
