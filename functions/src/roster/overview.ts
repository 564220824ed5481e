import {
  maskPhone,
  managedGrids,
  naturalCompare,
  type Principal,
  type RosterOverview,
  type UnitView,
} from '@linli/shared';
import type { BuildingItem } from '../db/entities/building';
import type { GridItem } from '../db/entities/grid';
import { owners, type OwnerItem } from '../db/entities/owner';
import { households } from '../db/registries/households';
import { roster } from '../db/registries/roster';
import { LinliTable } from '../db/table';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { loadUsers } from '../identity/users';
import { notFound } from '../http/errors';

/**
 * 花名册总览. One query reads the community, its grids and buildings (their sort keys are adjacent:
 * BUILDING# < COMMUNITY < GRID#), one reads staff, one counts pending bindings.
 */
export async function rosterOverview(principal: Principal, communityId: string): Promise<RosterOverview> {
  const [structure, staff, pending] = await Promise.all([
    roster.query.structure({ communityId }).send(),
    roster.query.staff({ communityId }).send(),
    households.query.bindingQueue({ communityId, status: 'pending' }).send(),
  ]);
  const items = structure.Items ?? [];
  const community = items.find((i) => i.entity === 'Community');
  if (!community || community.entity !== 'Community') throw notFound('社区');
  const grids = items.filter((i): i is GridItem & { entity: 'Grid' } => i.entity === 'Grid');
  const buildingItems = items.filter((i): i is BuildingItem & { entity: 'Building' } => i.entity === 'Building');
  const assignments = staff.Items ?? [];
  const people = await loadUsers(assignments.map((a) => a.userId));
  const nick = (userId: string) => people.get(userId)?.nickname ?? '已注销用户';

  // A grid worker sees the whole structure but the pending requests of their own grids only.
  const visible = managedGrids(principal, communityId);
  const pendingIn = (gridId: string) =>
    visible === 'all' || visible.includes(gridId) ? (pending.Items ?? []).filter((b) => b.gridId === gridId).length : 0;
  const byGrid = (gridId: string) => buildingItems.filter((b) => b.gridId === gridId);
  const sum = (xs: BuildingItem[], f: (b: BuildingItem) => number) => xs.reduce((n, b) => n + f(b), 0);

  return {
    community: { communityId, name: community.name, district: community.district, street: community.street },
    totals: {
      grids: grids.length,
      buildings: buildingItems.length,
      units: sum(buildingItems, (b) => b.unitCount ?? 0),
      area: Math.round(sum(buildingItems, (b) => b.area ?? 0) * 100) / 100,
      owners: community.ownerCount ?? 0,
      boundHouseholds: sum(buildingItems, (b) => b.boundUnits ?? 0),
      pendingBindings: grids.reduce((n, g) => n + pendingIn(g.gridId), 0),
    },
    grids: grids
      .map((g) => ({
        gridId: g.gridId,
        name: g.name,
        unitCount: sum(byGrid(g.gridId), (b) => b.unitCount ?? 0),
        boundHouseholds: sum(byGrid(g.gridId), (b) => b.boundUnits ?? 0),
        pendingBindings: pendingIn(g.gridId),
        workers: assignments
          .filter((a) => a.role === 'gridWorker' && a.gridId === g.gridId)
          .map((a) => ({ userId: a.userId, nickname: nick(a.userId) })),
      }))
      .sort((a, b) => naturalCompare(a.name, b.name)),
    buildings: buildingItems
      .map((b) => ({
        buildingId: b.buildingId,
        name: b.name,
        gridId: b.gridId,
        unitCount: b.unitCount ?? 0,
        heads: assignments
          .filter((a) => a.role === 'buildingHead' && a.buildingId === b.buildingId)
          .map((a) => ({ userId: a.userId, nickname: nick(a.userId) })),
      }))
      .sort((a, b) => naturalCompare(a.name, b.name)),
  };
}

/** 房屋列表: one index query for the page of units, one BatchGet for their owners. */
export async function listUnits(communityId: string, buildingId: string, page: { cursor?: string; limit: number }) {
  const { Items = [], LastEvaluatedKey } = await roster.query
    .unitsOfBuilding({ communityId, buildingId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  const ownerIds = [...new Set(Items.flatMap((u) => (u.ownerId ? [u.ownerId] : [])))];
  const ownerById = new Map<string, OwnerItem>();
  if (ownerIds.length) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...ownerIds.map((ownerId) => owners.batchGet({ communityId, ownerId })),
      ),
    );
    for (const o of (Responses?.[0] ?? []) as (OwnerItem | undefined)[]) if (o) ownerById.set(o.ownerId, o);
  }
  const items: UnitView[] = Items.map((u) => {
    const owner = u.ownerId ? ownerById.get(u.ownerId) : undefined;
    return {
      unitId: u.unitId,
      label: u.label,
      buildingId: u.buildingId,
      buildingName: u.buildingName,
      gridId: u.gridId,
      entrance: u.entrance,
      room: u.room,
      floor: u.floor,
      area: u.area,
      owner: owner && {
        ownerId: owner.ownerId,
        name: owner.name,
        phoneMasked: maskPhone(owner.phone),
        unitCount: owner.unitIds.length,
      },
      members: Object.entries(u.members ?? {})
        .map(([userId, m]) => ({ userId, nickname: m.nickname, relation: m.relation, since: m.since }))
        .sort((a, b) => a.since.localeCompare(b.since)),
    };
  });
  return { items, nextCursor: encodeCursor(LastEvaluatedKey) };
}
