import { naturalCompare } from '@linli/shared';
import { roster } from '../db/registries/roster';
import { buildings } from '../db/entities/building';
import { notFound } from '../http/errors';

/**
 * What a resident choosing their home may see: community, building and door numbers, nothing about
 * who lives there.
 */
export async function listCommunities() {
  const { Items: items = [] } = await roster.query.communities({}).send();
  return { items: items.map(({ communityId, name, district, street }) => ({ communityId, name, district, street })) };
}

export async function listBuildings(communityId: string) {
  const { Items: items = [] } = await roster.query.buildings({ communityId }).send();
  return {
    items: items.map(({ buildingId, name }) => ({ buildingId, name })).sort((a, b) => naturalCompare(a.name, b.name)),
  };
}

export async function listUnitsOfBuilding(communityId: string, buildingId: string) {
  const { Items: items = [] } = await roster.query.unitsOfBuilding({ communityId, buildingId }).send();
  // A building without units is rare; only then is it looked up, to tell "no such building" (404) apart.
  if (!items.length && !(await buildings.get({ communityId, buildingId })).Item) throw notFound('楼栋');
  return { items: items.map(({ unitId, label, floor }) => ({ unitId, label, floor })) };
}
