import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { officeStreets, type Principal, type StreetCommunityView, type StreetView } from '@linli/shared';
import { communities, type CommunityItem } from '../db/entities/community';
import { communityNameScope, nameClaims, nameKey, streetNameScope } from '../db/entities/nameClaim';
import { streets, type StreetItem } from '../db/entities/street';
import { streets as streetQueries } from '../db/registries/streets';
import { noteStaffChange } from '../db/staffLog';
import { failedWrites, transact } from '../db/transactions';
import { ulid } from '../commons/ids';
import { badRequest, duplicate, notFound } from '../http/errors';
import { defaultSettings, defaultSettingsWrites } from './communityDefaults';

/** 街道 and 社区: created in the product by an administrator (streets) and the street office (communities). */

export function streetView(
  s: Pick<StreetItem, 'streetId' | 'name' | 'district' | 'regionCode' | 'communityCount' | 'createdAt'>,
): StreetView {
  return {
    streetId: s.streetId,
    name: s.name,
    district: s.district,
    regionCode: s.regionCode,
    communityCount: s.communityCount ?? 0,
    createdAt: s.createdAt,
  };
}

export function streetCommunityView(c: CommunityItem): StreetCommunityView {
  return {
    communityId: c.communityId,
    name: c.name,
    address: c.address,
    regionCode: c.regionCode,
    streetId: c.streetId ?? '',
    unitCount: c.unitCount ?? 0,
    createdAt: c.createdAt,
  };
}

export async function loadStreet(streetId: string): Promise<StreetItem> {
  const { Item } = await streets.get({ streetId });
  if (!Item) throw notFound('街道');
  return Item;
}

/** Every street (administrator), or the streets whose office the caller holds. */
export async function listStreets({ principal }: { principal: Principal }) {
  const mine = officeStreets(principal);
  if (mine === 'all') {
    const { Items = [] } = await streetQueries.query.streetsByName({}).send();
    return { admin: true, items: Items.map(streetView) };
  }
  const found = await Promise.all(mine.map((streetId) => streets.get({ streetId })));
  return { admin: false, items: found.flatMap(({ Item }) => (Item ? [streetView(Item)] : [])) };
}

export interface CreateStreetRequest {
  principal: Principal;
  input: { name: string; district: string; regionCode: string; streetId?: string };
  now: Date;
}

/** 创建街道: the street and its name's claim in its 区县, one transaction (two streets of one name cannot both exist). */
export async function createStreet({ principal, input, now }: CreateStreetRequest): Promise<StreetView> {
  const streetId = input.streetId ?? `s${ulid(now.getTime()).toLowerCase()}`;
  const street = {
    streetId,
    name: input.name,
    district: input.district,
    regionCode: input.regionCode,
    communityCount: 0,
    createdBy: principal.userId,
    createdAt: now.toISOString(),
  };
  const claim = { scope: streetNameScope(input.regionCode), nameKey: nameKey(input.name) };
  // The new street's own 操作记录 starts with its creation.
  noteStaffChange({
    streetId,
    objectId: streetId,
    after: { name: street.name, district: street.district, regionCode: street.regionCode },
  });
  const writes = {
    street: streets.transactPut(street, { condition: { attr: 'streetId', exists: false } }),
    name: nameClaims.transactPut({ ...claim, ownerId: streetId }, { condition: { attr: 'nameKey', exists: false } }),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('name')) {
      const { Item } = await nameClaims.get(claim, { consistent: true });
      const existing = Item && (await streets.get({ streetId: Item.ownerId })).Item;
      if (existing)
        throw duplicate(`${existing.district}已有${existing.name}（编号 ${existing.streetId}）`, {
          kind: 'street',
          id: existing.streetId,
          name: existing.name,
        });
    }
    if (failed?.has('street'))
      throw badRequest('街道编号已被使用', [{ field: 'body.streetId', message: '街道编号已被使用，请换一个' }]);
    throw error;
  }
  return streetView(street);
}

/** A street's communities by name: one Query of its index (S2), never a Scan. */
export async function communitiesOf(streetId: string): Promise<CommunityItem[]> {
  const { Items = [] } = await streetQueries.query.communitiesOfStreet({ streetId }).send();
  return Items;
}

/** The street's communities a street-wide action addresses: the chosen ones (each must be the street's), or all. */
export async function addressedCommunities(streetId: string, chosen: readonly string[] | undefined) {
  const all = await communitiesOf(streetId);
  if (!chosen?.length) {
    if (!all.length)
      throw badRequest('本街道还没有社区', [{ field: 'body.communityIds', message: '本街道还没有社区' }]);
    return all;
  }
  const byId = new Map(all.map((c) => [c.communityId, c]));
  if (chosen.some((id) => !byId.has(id)))
    throw badRequest('所选社区不属于本街道', [{ field: 'body.communityIds', message: '所选社区不属于本街道' }]);
  return [...new Set(chosen)].map((id) => byId.get(id) as CommunityItem);
}

export async function getStreet({ streetId }: { streetId: string }) {
  const [street, list] = await Promise.all([loadStreet(streetId), communitiesOf(streetId)]);
  return { street: streetView(street), communities: list.map(streetCommunityView) };
}

export interface CreateCommunityRequest {
  principal: Principal;
  streetId: string;
  input: { name: string; address: string; regionCode: string; communityId?: string };
  now: Date;
}

/**
 * 创建社区: the community (with its default settings), the per-feature settings items, its name's
 * claim in the street and the street's count, in one transaction. A second community of the same name
 * in the street is a 409 naming the one that exists; a community lies in its street's 区县, so the
 * region code must be the street's.
 */
export async function createCommunity({
  principal,
  streetId,
  input,
  now,
}: CreateCommunityRequest): Promise<StreetCommunityView> {
  const street = await loadStreet(streetId);
  if (input.regionCode !== street.regionCode)
    throw badRequest(`区划代码应与${street.name}一致（${street.regionCode}）`, [
      { field: 'body.regionCode', message: `社区与所属街道在同一区县，区划代码应为 ${street.regionCode}` },
    ]);
  const communityId = input.communityId ?? `c${ulid(now.getTime()).toLowerCase()}`;
  const at = now.toISOString();
  const community = {
    communityId,
    name: input.name,
    district: street.district,
    street: street.name,
    streetId,
    regionCode: input.regionCode,
    address: input.address,
    createdBy: principal.userId,
    createdAt: at,
    unitCount: 0,
    area: 0,
    ownerCount: 0,
    settings: defaultSettings(input.name, input.address),
  };
  const claim = { scope: communityNameScope(streetId), nameKey: nameKey(input.name) };
  const writes = {
    community: communities.transactPut(community, { condition: { attr: 'communityId', exists: false } }),
    name: nameClaims.transactPut({ ...claim, ownerId: communityId }, { condition: { attr: 'nameKey', exists: false } }),
    street: streets.transactUpdate(
      { streetId, communityCount: $add(1) },
      { condition: { attr: 'streetId', exists: true } },
    ),
    ...defaultSettingsWrites(communityId, principal.userId, at),
  };
  // The street's write starts the new community's own 操作记录.
  noteStaffChange({ communityId, objectId: communityId });
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('name')) {
      const { Item } = await nameClaims.get(claim, { consistent: true });
      const existing = Item && (await communities.get({ communityId: Item.ownerId })).Item;
      if (existing)
        throw duplicate(`${street.name}已有${existing.name}（编号 ${existing.communityId}）`, {
          kind: 'community',
          id: existing.communityId,
          name: existing.name,
        });
    }
    if (failed?.has('community') || failed?.has('timebankSettings') || failed?.has('agoraSettings'))
      throw badRequest('社区编号已被使用', [{ field: 'body.communityId', message: '社区编号已被使用，请换一个' }]);
    if (failed?.has('street')) throw notFound('街道');
    throw error;
  }
  return streetCommunityView(community as CommunityItem);
}
