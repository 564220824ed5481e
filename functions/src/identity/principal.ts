import { holdsRole, type Membership, type OfficeGrant, type Principal, type RoleGrant } from '@linli/shared';
import { communities } from '../db/entities/community';
import { users, type UserItem } from '../db/entities/user';

/** Turns the stored user into the Principal that authorisation reads. */
export function principalOf(user: UserItem): Principal {
  const offices = officesOf(user);
  return {
    userId: user.userId,
    grants: Object.values(user.grants ?? {}) as RoleGrant[],
    memberships: Object.values(user.memberships ?? {}).map(({ since: _since, ...m }) => m as Membership),
    ...(offices.length ? { offices } : {}),
  };
}

/** The offices (street office, administrator) a user holds above any one community. */
export function officesOf(user: Pick<UserItem, 'offices'>): OfficeGrant[] {
  return Object.values(user.offices ?? {}).flatMap((o): OfficeGrant[] =>
    o.role === 'admin' ? [{ role: 'admin' }] : o.streetId ? [{ role: 'street', streetId: o.streetId }] : [],
  );
}

/**
 * Loads the signed-in user with a strongly consistent read: a binding approved a moment ago must
 * count on the very next request (a vote, a request for the household).
 */
export async function loadUser(userId: string): Promise<UserItem | undefined> {
  const { Item } = await users.get({ userId }, { consistent: true });
  return Item && Item.status === 'active' ? Item : undefined;
}

/**
 * A community's street never changes once it is created, so it is cached for the container's life;
 * only people holding a street office pay the one GetItem, once per community.
 */
const streetOfCommunity = new Map<string, Promise<string | undefined>>();

function streetOf(communityId: string): Promise<string | undefined> {
  let found = streetOfCommunity.get(communityId);
  if (!found) {
    found = communities.get({ communityId }).then(({ Item }) => Item?.streetId);
    streetOfCommunity.set(communityId, found);
    // A community that does not exist yet may be created later: its absence is not remembered.
    void found
      .then((streetId) => streetId ?? streetOfCommunity.delete(communityId))
      .catch(() => streetOfCommunity.delete(communityId));
  }
  return found;
}

/**
 * The principal as it acts in community `communityId`: its own grants plus what its offices give
 * there — `admin` everywhere for an administrator, `street` in the communities of the office's street.
 * Every service then asks `holdsRole(principal, …, communityId)` as before, and a street office of
 * street A holds nothing in a community of street B.
 */
export async function principalInCommunity(principal: Principal, communityId: string): Promise<Principal> {
  const offices = principal.offices ?? [];
  if (offices.length === 0) return principal;
  const extra: RoleGrant[] = [];
  if (offices.some((o) => o.role === 'admin')) extra.push({ role: 'admin', communityId });
  const streets = offices.flatMap((o) => (o.role === 'street' ? [o.streetId] : []));
  if (streets.length) {
    const streetId = await streetOf(communityId);
    if (streetId && streets.includes(streetId)) extra.push({ role: 'street', communityId });
  }
  const added = extra.filter((g) => !holdsRole(principal, [g.role], communityId));
  return added.length ? { ...principal, grants: [...principal.grants, ...added] } : principal;
}
