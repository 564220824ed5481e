import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { LinliTable } from '../table';
import { BuildingEntity, buildingsOfCommunity } from '../entities/building';
import { CommunityEntity, communitiesByName } from '../entities/community';
import { GridEntity, gridsOfCommunity } from '../entities/grid';
import { OwnerEntity } from '../entities/owner';
import { staffOfCommunity } from '../entities/staffAssignment';
import { UnitEntity, unitsOfBuildingInOrder, unitsOfCommunity, unitsOfGridInOrder } from '../entities/unit';

/** #5 A community's structure in one query: the community, its grids and buildings (SK `BUILDING#` … `GRID#`). */
const structure = LinliTable.build(AccessPattern)
  .entities(CommunityEntity, GridEntity, BuildingEntity)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { between: ['BUILDING#', 'GRID#\uffff'] as [string, string] },
  }))
  .options({ maxPages: Infinity, showEntityAttr: true })
  .meta({ title: '#5' });

/** #12 What a roster export needs in one query: grids, owners and units (SK `GRID#` … `UNIT#`). */
const rosterSheet = LinliTable.build(AccessPattern)
  .entities(GridEntity, OwnerEntity, UnitEntity)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    partition: `C#${communityId}`,
    range: { between: ['GRID#', 'UNIT#\uffff'] as [string, string] },
  }))
  .options({ maxPages: Infinity, showEntityAttr: true })
  .meta({ title: '#12' });

/** 社区与房屋: communities, grids, buildings, units, owners and staff. */
export const roster = registry('roster', {
  communities: communitiesByName,
  structure,
  grids: gridsOfCommunity,
  buildings: buildingsOfCommunity,
  unitsOfBuilding: unitsOfBuildingInOrder,
  unitsOfCommunity,
  unitsOfGrid: unitsOfGridInOrder,
  staff: staffOfCommunity,
  rosterSheet,
});
