import type { QueryOf, streetConsoleRoutes, StreetStaffLogEntryView } from '@linli/shared';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { StaffLogEntryItem, StreetStaffLogEntryItem } from '../../db/entities/staffLogEntry';
import { staffLog } from '../../db/registries/staffLog';
import { badRequest } from '../../http/errors';
import { queryCommunityLog, staffLogEntryView, utcInstant } from '../../roster/staffLog';
import { communitiesOf, loadStreet } from '../streets';

const DEFAULT_LIMIT = 20;

export interface StreetStaffLogRequest {
  streetId: string;
  query: QueryOf<typeof streetConsoleRoutes.streetStaffLog>;
}

/** One partition's answer to a page: its entries (newest first) and how far down it has been read. */
interface PartitionPage<T> {
  items: T[];
  /** The sort key the partition was read down to when it has more (its LastEvaluatedKey), else undefined. */
  readDownTo?: string;
}

const partitionPage = <T>({
  Items = [],
  LastEvaluatedKey,
}: {
  Items?: T[];
  LastEvaluatedKey?: Record<string, unknown>;
}): PartitionPage<T> => ({
  items: Items,
  readDownTo: LastEvaluatedKey ? String(LastEvaluatedKey.SK) : undefined,
});

/**
 * 街道操作记录: the street's own log (L5) merged with each of its communities' logs (L1–L3), newest first, one
 * page. Cost: 1 Query for the street's communities (S2) + 1 for the street's log + 1 per community (or just
 * that community's with `communityId`, the street's own then filtered to it), all at once, each at most `limit`
 * entries.
 *
 * Why it pages correctly: entry ids are `<at>#<ulid>`, one order across every partition, so the cursor is one
 * entry id (everything older is the next page). A partition that stopped early (its limit, or a filter that
 * read past entries) is only known down to where it stopped, so the page ends there; the rest comes next
 * page. An action kept in both the street's log and a community's (a new community, a committee code, a
 * street-wide notice) has one entry id there and is shown once, from the street's log.
 */
export async function readStreetStaffLog({ streetId, query }: StreetStaffLogRequest) {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const before = decodeCursor(query.cursor)?.SK;
  const [street, communities] = await Promise.all([loadStreet(streetId), communitiesOf(streetId)]);
  const names = new Map(communities.map((c) => [c.communityId, c.name]));
  if (query.communityId && !names.has(query.communityId))
    throw badRequest('该社区不在本街道', [{ field: 'query.communityId', message: '请选择本街道的社区' }]);
  const range = {
    from: utcInstant(query.from),
    to: utcInstant(query.to),
    before,
    page: { limit: limit + (before ? 1 : 0) },
  };
  const { actorId, objectType } = query;
  const read = query.communityId ? [query.communityId] : [...names.keys()];
  const [own, ...ofCommunities] = await Promise.all([
    staffLog.query
      .ofStreet({ streetId: street.streetId, actorId, objectType, communityId: query.communityId, ...range })
      .send(),
    ...read.map((communityId) => queryCommunityLog({ communityId, actorId, objectType, ...range })),
  ]);
  const pages: PartitionPage<StaffLogEntryItem | StreetStaffLogEntryItem>[] = [
    partitionPage(own),
    ...ofCommunities.map((p) => partitionPage(p)),
  ];
  // Known for certain: every entry newer than the highest point a partition stopped at.
  const knownDownTo = pages.reduce<string | undefined>(
    (low, p) => (p.readDownTo && (!low || p.readDownTo > low) ? p.readDownTo : low),
    undefined,
  );
  const seen = new Map<string, StreetStaffLogEntryView>();
  for (const [i, p] of pages.entries())
    for (const e of p.items) {
      if ((before && e.entryId >= before) || (knownDownTo && e.entryId < knownDownTo) || seen.has(e.entryId)) continue;
      const communityId = e.communityId;
      seen.set(e.entryId, {
        ...staffLogEntryView({ ...e, communityId: communityId ?? '' }),
        communityId,
        ...(communityId ? { communityName: names.get(communityId) } : {}),
        streetLevel: i === 0,
      });
    }
  const sorted = [...seen.values()].sort((a, b) => (a.entryId < b.entryId ? 1 : -1));
  const items = sorted.slice(0, limit);
  const last = items[items.length - 1]?.entryId;
  const next = sorted.length > limit ? last : knownDownTo;
  return { items, nextCursor: next ? encodeCursor({ SK: next }) : undefined };
}
