import { NO_GRID, parseGrievanceSettings, type GrievanceSettings } from '@linli/shared';
import type { CommunityItem } from '../../db/entities/community';
import { streets, type StreetItem } from '../../db/entities/street';
import { roster } from '../../db/registries/roster';
import { streets as streetQueries } from '../../db/registries/streets';
import { notFound } from '../../http/errors';

/**
 * What every part of the street console starts from: the street (404 when unknown) and its
 * communities — GetItem Street + one Query of the street's communities (S2), each community item
 * carrying its 诉求 settings (category labels), so no community is read twice. The pipeline has
 * already checked that the caller holds this street's office (or is an administrator).
 */
export interface StreetScope {
  street: StreetItem;
  communities: { community: CommunityItem; settings: GrievanceSettings }[];
}

export async function streetScope(streetId: string): Promise<StreetScope> {
  const [{ Item: street }, { Items = [] }] = await Promise.all([
    streets.get({ streetId }),
    streetQueries.query.communitiesOfStreet({ streetId }).send(),
  ]);
  if (!street) throw notFound('街道');
  return {
    street,
    communities: Items.map((community) => ({ community, settings: parseGrievanceSettings(community.settings) })),
  };
}

/** A community's grid names (#28, one Query), with the committee's own "grid" for described places. */
export async function gridNamesOf(communityId: string): Promise<Map<string, string>> {
  const { Items = [] } = await roster.query.grids({ communityId }).send();
  return new Map([...Items.map((g) => [g.gridId, g.name] as const), [NO_GRID, '公共区域（居委会）']]);
}

export const gridName = (names: Map<string, string>, gridId: string | undefined) =>
  names.get(gridId ?? NO_GRID) ?? '已撤销的网格';
