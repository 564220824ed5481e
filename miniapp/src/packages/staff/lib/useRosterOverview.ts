import { rosterRoutes } from '@linli/shared';
import type { RosterOverview } from '@linli/shared';
import { call } from '@/api';
import { useAsync } from '@/hooks/useAsync';

const FRESH_MS = 30_000;
const cache = new Map<string, { at: number; value: Promise<RosterOverview> }>();

/** The roster overview most staff pages need (grid and building names); shared for a short while. */
export function loadRosterOverview(communityId: string, force = false): Promise<RosterOverview> {
  const hit = cache.get(communityId);
  if (!force && hit && Date.now() - hit.at < FRESH_MS) return hit.value;
  const value = call(rosterRoutes.overview, { params: { communityId } });
  cache.set(communityId, { at: Date.now(), value });
  value.catch(() => cache.delete(communityId));
  return value;
}

export function useRosterOverview(communityId: string | undefined) {
  return useAsync(() => loadRosterOverview(communityId as string), [communityId], { enabled: !!communityId });
}

export function forgetRosterOverview(communityId: string): void {
  cache.delete(communityId);
}
