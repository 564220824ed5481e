import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { RELATIONS } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A resident bound to a unit: the household (户) is the set of memberships of one unit. Base key
 * lists a household; GSI1 lists a community's members by building (electorates, broadcasts).
 */
export const MembershipEntity = new Entity({
  name: 'Membership',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    unitId: string().key(),
    userId: string().key(),
    buildingId: string(),
    gridId: string(),
    relation: string().enum(...RELATIONS),
    ownerId: string().optional(),
    since: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => membersOfCommunity(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ gridId, buildingId, unitId, userId }) => `${gridId}#${buildingId}#${unitId}#${userId}`),
  })),
  computeKey: ({ communityId, unitId, userId }) => ({ PK: `C#${communityId}#UNIT#${unitId}`, SK: `MEMBER#${userId}` }),
});
export const memberships = MembershipEntity.build(Repository);
export type MembershipItem = FormattedItem<typeof MembershipEntity>;
export const membersOfCommunity = (communityId: string) => `C#${communityId}#MEMBERS`;

/**
 * Where in the community a slice of its members lives: everyone, a grid, a building of a grid, or a
 * unit of a building (the members index sorts by grid, building, unit, user).
 */
export type MemberSlice = { gridId?: undefined } | { gridId: string; buildingId?: string; unitId?: string };

const slicePrefix = (s: MemberSlice) =>
  s.gridId === undefined
    ? ''
    : [s.gridId, ...('buildingId' in s && s.buildingId ? [s.buildingId, ...(s.unitId ? [s.unitId] : [])] : [])]
        .map((part) => `${part}#`)
        .join('');

/** #11 Members of a community, or of a slice of it (electorates, audiences, broadcasts), a page or all. */
export const membersOfSlice = MembershipEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      gridId: string().optional(),
      buildingId: string().optional(),
      unitId: string().optional(),
      page: pageInput,
    }),
  )
  .pattern(({ communityId, page, ...slice }) => {
    const prefix = slicePrefix(slice as MemberSlice);
    return {
      index: 'GSI1',
      partition: membersOfCommunity(communityId),
      ...(prefix ? { range: { beginsWith: prefix } } : {}),
      options: pageOptions(page),
    };
  })
  .meta({ title: '#11' });

/**
 * The slices that cover these, once each: duplicates go, and so does a slice inside another named
 * one (a building inside a named grid is already covered by the grid's range). Sorted by position.
 */
export function outermostSlices(slices: MemberSlice[]): MemberSlice[] {
  const byPrefix = new Map(slices.map((s) => [slicePrefix(s), s] as const));
  const prefixes = [...byPrefix.keys()].sort();
  return prefixes
    .filter((p) => !prefixes.some((q) => q !== p && p.startsWith(q)))
    .map((p) => byPrefix.get(p) as MemberSlice);
}
