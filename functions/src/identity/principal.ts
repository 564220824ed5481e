import type { Membership, Principal, RoleGrant } from '@linli/shared';
import { users, type UserItem } from '../db/entities/user';

/** Turns the stored user into the Principal that authorisation reads. */
export function principalOf(user: UserItem): Principal {
  return {
    userId: user.userId,
    grants: Object.values(user.grants ?? {}) as RoleGrant[],
    memberships: Object.values(user.memberships ?? {}).map(({ since: _since, ...m }) => m as Membership),
  };
}

/**
 * Loads the signed-in user with a strongly consistent read: a binding approved a moment ago must
 * count on the very next request (a vote, a request for the household).
 */
export async function loadUser(userId: string): Promise<UserItem | undefined> {
  const { Item } = await users.get({ userId }, { consistent: true });
  return Item && Item.status === 'active' ? Item : undefined;
}
