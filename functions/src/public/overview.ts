import type { PublicCommunityView, PublicOverviewView } from '@linli/shared';
import { roster } from '../db/registries/roster';
import { publishedResults } from '../agora/public';
import { publicRequests } from '../grievances/public';
import { publicNotices } from '../notifications/public';

/** Communities on this deployment, by name (#4), for a visitor who came without a share link. */
export async function publicCommunities(): Promise<{ items: PublicCommunityView[] }> {
  const { Items = [] } = await roster.query.communities({ page: { limit: 50 } }).send();
  return { items: Items.map((c) => ({ communityId: c.communityId, name: c.name })) };
}

/**
 * 社区公开信息: what anyone may read before signing in. Four reads in one round trip — the community
 * with its 诉求 settings (GetItem, 404 when unknown), notices (#25, one page), closed topics (A1, one
 * page) then their results (a GetItem each, at most five), public requests (G5, one page).
 */
export async function publicOverview(communityId: string): Promise<PublicOverviewView> {
  const [{ communityName, requests }, notices, results] = await Promise.all([
    publicRequests(communityId),
    publicNotices(communityId),
    publishedResults(communityId),
  ]);
  return { community: { communityId, name: communityName }, notices, results, requests };
}
