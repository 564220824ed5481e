import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { map } from 'dynamodb-toolbox/schema/map';
import { record } from 'dynamodb-toolbox/schema/record';
import { RELATIONS } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

/**
 * A unit (专有部分) with its registered area — the weight of an owners' vote — and its primary owner.
 * Base key finds one unit; GSI1 lists a building's units in door order; GSI2 lists a grid's.
 */
export const UnitEntity = new Entity({
  name: 'Unit',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    unitId: string().key(),
    buildingId: string(),
    buildingName: string(),
    gridId: string(),
    entrance: string().optional(),
    room: string(),
    floor: number(),
    area: number(),
    label: string(),
    ownerId: string().optional(),
    /** 不动产单元号 from the registry extract the owners' roster was imported from (matches the next import). */
    registryUnitNo: string().optional(),
    /**
     * When an owners' registry import (不动产登记 extract) last set the area and owner: from then on a 台账 import
     * leaves both alone (shared/src/roster/registryPrecedence.ts).
     */
    registeredAt: string().optional(),
    /** Bound residents (the household), mirrored from Membership items for one-query roster pages. */
    members: record(
      string(),
      map({ nickname: string(), relation: string().enum(...RELATIONS), since: string() }),
    ).default({}),
    memberCount: number().default(0),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>((u) => unitIndexKeys(u).GSI1PK)
      .updateLink<typeof prev>((u) => placedBy(u)?.GSI1PK),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((u) => unitIndexKeys(u).GSI1SK)
      .updateLink<typeof prev>((u) => placedBy(u)?.GSI1SK),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>((u) => unitIndexKeys(u).GSI2PK)
      .updateLink<typeof prev>((u) => placedBy(u)?.GSI2PK),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>((u) => unitIndexKeys(u).GSI2SK)
      .updateLink<typeof prev>((u) => placedBy(u)?.GSI2SK),
  })),
  computeKey: ({ communityId, unitId }) => ({ PK: `C#${communityId}`, SK: `UNIT#${unitId}` }),
});
export const units = UnitEntity.build(Repository);
export type UnitItem = FormattedItem<typeof UnitEntity>;

export const unitsOfBuilding = (communityId: string, buildingId: string) => `C#${communityId}#B#${buildingId}#UNITS`;
export const unitsOfGrid = (communityId: string, gridId: string) => `C#${communityId}#G#${gridId}#UNITS`;

/**
 * Index keys of a unit, computed by the links above: on put, and on an update that names where the
 * unit is (building, grid, floor, room — the roster import, which may create the unit). An update of
 * the household alone leaves them as they are.
 */
function placedBy(u: Record<string, unknown>) {
  const { communityId, unitId, buildingId, gridId, entrance, floor, room } = u;
  const plain = (v: unknown): v is string => typeof v === 'string';
  return plain(communityId) &&
    plain(unitId) &&
    plain(buildingId) &&
    plain(gridId) &&
    plain(room) &&
    typeof floor === 'number' &&
    (entrance === undefined || plain(entrance))
    ? unitIndexKeys({ communityId, unitId, buildingId, gridId, entrance, floor, room })
    : undefined;
}

export function unitIndexKeys(u: {
  communityId: string;
  buildingId: string;
  gridId: string;
  entrance?: string;
  floor: number;
  room: string;
  unitId: string;
}) {
  const order = doorOrder(u);
  return {
    GSI1PK: unitsOfBuilding(u.communityId, u.buildingId),
    GSI1SK: order,
    GSI2PK: unitsOfGrid(u.communityId, u.gridId),
    GSI2SK: order,
  };
}

/** Sorts 1单元 2层 201 before 1单元 10层 1001: entrance, then zero-padded floor and room. */
function doorOrder(u: { buildingId: string; entrance?: string; floor: number; room: string; unitId: string }): string {
  const floor = String(u.floor + 10).padStart(4, '0');
  return `${u.buildingId}#${u.entrance ?? ''}#${floor}#${u.room.padStart(8, '0')}#${u.unitId}`;
}

/** #4 / #6 A building's units in door order (a page of them for the roster, all for the directory). */
export const unitsOfBuildingInOrder = UnitEntity.build(AccessPattern)
  .schema(map({ communityId: string(), buildingId: string(), page: pageInput }))
  .pattern(({ communityId, buildingId, page }) => ({
    index: 'GSI1',
    partition: unitsOfBuilding(communityId, buildingId),
    options: pageOptions(page),
  }))
  .meta({ title: '#4' });

/** #29 Every unit of a community (a community-wide electorate; a roster import's diff). */
export const unitsOfCommunity = UnitEntity.build(AccessPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { beginsWith: 'UNIT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: '#29' });

/** #29 A grid's units in door order (a grid-wide electorate). */
export const unitsOfGridInOrder = UnitEntity.build(AccessPattern)
  .schema(map({ communityId: string(), gridId: string() }))
  .pattern(({ communityId, gridId }) => ({
    index: 'GSI2',
    partition: unitsOfGrid(communityId, gridId),
    options: pageOptions(undefined),
  }))
  .meta({ title: '#29' });
