import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  addDays,
  holdsRole,
  HANDLING_STATUSES,
  levelRank,
  OPEN_STATUSES,
  type GrievanceSummary,
  type Level,
  type Principal,
} from '@linli/shared';
import {
  GrievanceEntity,
  grievanceFeed,
  grievances,
  openQueue,
  queuePrefix,
  type GrievanceItem,
} from '../db/entities/grievance';
import { GrievanceSupportEntity, type GrievanceSupportItem } from '../db/entities/grievanceSupport';
import { LinliTable } from '../db/table';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { accessTo } from './access';
import { loadVisibleCase, settingsOf } from './repository';
import type { CommunityRequest } from '../commons/serviceRequest';
import { summaryView } from './views';

type Page = { cursor?: string; limit: number };
type Range = { beginsWith: string } | { lt: string } | { gte: string } | undefined;

const DUPLICATE_WINDOW_DAYS = 30;
const DUPLICATES_SHOWN = 5;

/** Rows a caller may see, cut for them; anything they may not see is left out rather than trusted. */
async function summaries(
  principal: Principal,
  communityId: string,
  items: GrievanceItem[],
  now: Date,
): Promise<GrievanceSummary[]> {
  const { settings } = await settingsOf(communityId);
  return items.flatMap((g) => {
    const access = accessTo(principal, g);
    return access ? [summaryView(g, access, settings, now)] : [];
  });
}

async function queryCases(
  index: 'GSI1' | 'GSI2' | 'GSI3',
  partition: string,
  range: Range,
  page: Page,
  opts: { reverse?: boolean; filter?: object } = {},
) {
  const { Items = [], LastEvaluatedKey } = await LinliTable.build(QueryCommand)
    .entities(GrievanceEntity)
    .query({ index, partition, ...(range ? { range } : {}) } as never)
    .options({
      limit: page.limit,
      exclusiveStartKey: decodeCursor(page.cursor),
      reverse: opts.reverse,
      ...(opts.filter ? { filters: { Grievance: opts.filter } } : {}),
    } as never)
    .send();
  return { items: Items as GrievanceItem[], nextCursor: encodeCursor(LastEvaluatedKey) };
}

/** 我的诉求: one query of the reporter's index, newest first. */
export async function listMine({ principal, communityId, page, now }: CommunityRequest & { page: Page }) {
  const { items, nextCursor } = await queryCases(
    'GSI2',
    `USER#${principal.userId}`,
    { beginsWith: `GRV#${communityId}#` },
    page,
    { reverse: true },
  );
  return { items: await summaries(principal, communityId, items, now), nextCursor };
}

/** The community's public requests, newest first; one query (the status filter runs in DynamoDB). */
export async function listCommunity({
  principal,
  communityId,
  status,
  page,
  now,
}: CommunityRequest & { status: 'open' | 'closed' | undefined; page: Page }) {
  const filter =
    status === 'open'
      ? { attr: 'status', in: [...OPEN_STATUSES] }
      : status === 'closed'
        ? { attr: 'status', in: ['closed', 'withdrawn'] }
        : undefined;
  const { items, nextCursor } = await queryCases('GSI1', grievanceFeed(communityId, 'public'), undefined, page, {
    reverse: true,
    filter,
  });
  return { items: await summaries(principal, communityId, items, now), nextCursor };
}

/** The requests a person joined ("我也遇到"): their support items, then the requests in one BatchGet. */
export async function listFollowing({ principal, communityId, page, now }: CommunityRequest & { page: Page }) {
  const { Items = [], LastEvaluatedKey } = await LinliTable.build(QueryCommand)
    .entities(GrievanceSupportEntity)
    .query({ index: 'GSI2', partition: `USER#${principal.userId}`, range: { beginsWith: `GRVSUP#${communityId}#` } })
    .options({ limit: page.limit, exclusiveStartKey: decodeCursor(page.cursor), reverse: true })
    .send();
  const supports = Items as GrievanceSupportItem[];
  if (!supports.length) return { items: [], nextCursor: encodeCursor(LastEvaluatedKey) };
  const { Responses } = await execute(
    LinliTable.build(BatchGetCommand).requests(
      ...supports.map((s) => grievances.batchGet({ communityId, grievanceId: s.grievanceId })),
    ),
  );
  const byId = new Map(
    ((Responses?.[0] ?? []) as (GrievanceItem | undefined)[]).flatMap((g) => (g ? [[g.grievanceId, g] as const] : [])),
  );
  const items = supports.flatMap((s) => (byId.has(s.grievanceId) ? [byId.get(s.grievanceId) as GrievanceItem] : []));
  return { items: await summaries(principal, communityId, items, now), nextCursor: encodeCursor(LastEvaluatedKey) };
}

/**
 * Slices of the open queue a handler works: a grid worker their grids at the grid level; the
 * committee the grid and committee levels; the street office and admins everything. Sorted by level,
 * grid, then deadline, so the most urgent comes first.
 */
function queueRanges(principal: Principal, communityId: string, level: Level | undefined): Range[] {
  const only = (wanted: Level, reach: number) =>
    levelRank(wanted) <= reach ? [{ beginsWith: queuePrefix(wanted) }] : [];
  if (holdsRole(principal, ['street', 'admin'], communityId)) return level ? only(level, 2) : [undefined];
  if (holdsRole(principal, ['committee'], communityId)) return level ? only(level, 1) : [{ lt: queuePrefix('street') }];
  if (level && level !== 'grid') return [];
  return principal.grants
    .filter((g) => g.communityId === communityId && g.role === 'gridWorker' && g.gridId)
    .map((g) => ({ beginsWith: queuePrefix('grid', g.gridId) }));
}

export async function listQueue({
  principal,
  communityId,
  level,
  page,
  now,
}: CommunityRequest & { level: Level | undefined; page: Page }) {
  const ranges = queueRanges(principal, communityId, level);
  const items: GrievanceItem[] = [];
  let nextCursor: string | undefined;
  for (const range of ranges) {
    // Paging only when there is one slice; a grid worker with several grids gets each in full.
    const slice = await queryCases('GSI3', openQueue(communityId), range, ranges.length === 1 ? page : { limit: 100 });
    items.push(...slice.items);
    if (ranges.length === 1) nextCursor = slice.nextCursor;
  }
  return { items: await summaries(principal, communityId, items, now), nextCursor };
}

/**
 * Likely duplicates before submitting: open public requests of the same category, at the same
 * building (or at a described place), from the last 30 days. One query of the public feed bounded by
 * the window; category, place and status are filtered in DynamoDB.
 */
export async function suggestDuplicates({
  principal,
  communityId,
  query: q,
  now,
}: CommunityRequest & { query: { category: string; buildingId?: string } }) {
  const since = addDays(now, -DUPLICATE_WINDOW_DAYS).toISOString();
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(GrievanceEntity)
    .query({ index: 'GSI1', partition: grievanceFeed(communityId, 'public'), range: { gte: since } })
    .options({
      reverse: true,
      maxPages: Infinity,
      filters: {
        Grievance: {
          and: [
            { attr: 'category', eq: q.category },
            { attr: 'locationKey', eq: q.buildingId ? `B#${q.buildingId}` : 'P' },
            { attr: 'status', in: [...HANDLING_STATUSES] },
          ],
        },
      },
    })
    .send();
  const others = (Items as GrievanceItem[]).filter((g) => g.reporterId !== principal.userId).slice(0, DUPLICATES_SHOWN);
  return { items: await summaries(principal, communityId, others, now) };
}

/** The detail page: one query of the case's partition, cut for the viewer. */
export async function getCase({
  principal,
  communityId,
  grievanceId,
}: Omit<CommunityRequest, 'now'> & { grievanceId: string }) {
  const { parts, access } = await loadVisibleCase(principal, communityId, grievanceId);
  const { settings } = await settingsOf(communityId);
  return { parts, access, settings };
}
