import type { MeView, Role } from '@linli/shared';

export interface CommunityChoice {
  communityId: string;
  /** Undefined until the directory names a community known only from a role grant. */
  name?: string;
}

/** Communities this person belongs to: households first (where they live), then where they work. */
export function communitiesOf(me: MeView): CommunityChoice[] {
  const seen = new Map<string, CommunityChoice>();
  for (const m of me.memberships)
    if (!seen.has(m.communityId)) seen.set(m.communityId, { communityId: m.communityId, name: m.communityName });
  for (const g of me.grants) if (!seen.has(g.communityId)) seen.set(g.communityId, { communityId: g.communityId });
  return [...seen.values()];
}

/** The community the app shows: the stored choice if still valid, else the first membership's, else the first grant's. */
export function pickCommunity(me: MeView, stored: string | undefined): string | undefined {
  const all = communitiesOf(me);
  if (stored && all.some((c) => c.communityId === stored)) return stored;
  return all[0]?.communityId;
}

export function rolesInCommunity(me: MeView | undefined, communityId: string | undefined): Role[] {
  if (!me || !communityId) return [];
  return [...new Set(me.grants.filter((g) => g.communityId === communityId).map((g) => g.role))];
}

/** Roles that open the 工作台 (staff subpackage). */
export const WORKBENCH_ROLES: readonly Role[] = ['gridWorker', 'committee', 'street', 'admin'];
