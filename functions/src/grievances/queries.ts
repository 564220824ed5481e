import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  holdsRole,
  HANDLING_STATUSES,
  levelRank,
  type GrievanceSummary,
  type Level,
  type Principal,
  addDays,
} from '@linli/shared';
import { grievances, locationKeyOf, type GrievanceItem } from '../db/entities/grievance';
import type { GrievanceSupportItem } from '../db/entities/grievanceSupport';
import { LinliTable } from '../db/table';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { accessTo } from './access';
import { loadVisibleCase, settingsOf } from './repository';
import type { CommunityRequest } from '../commons/serviceRequest';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { queryAsStored } from '../db/asStored';
import { SUMMARY_ATTRIBUTES, summaryView, type GrievanceRow } from './views';
import { grievances as grievanceQueries } from '../db/registries/grievances';

type Page = { cursor?: string; limit: number };
/** A slice of the open queue: all of it, a level (and grid), or everything below a level. */
export type QueueSlice = { level?: Level; gridId?: string; belowLevel?: Level };

const pageOf = (page: Page) => ({ limit: page.limit, start: decodeCursor(page.cursor) });

const DUPLICATE_WINDOW_DAYS = 30;
const DUPLICATES_SHOWN = 5;
/** My newest requests looked at for one like the one I am about to raise. */
const MINE_READ = 20;

/**
 * A list query reads only the attributes its rows show (a ProjectionExpression), taken as stored
 * (db/asStored.ts): a page of 20 cases then costs DynamoDB and the SDK a fraction of their whole items,
 * and the toolbox's formatter nothing (the response contract checks each row).
 */
const rowsOnly = <O extends object>(options: O) => ({ ...options, attributes: [...SUMMARY_ATTRIBUTES] });
const rowsOf = (command: { options(f: typeof rowsOnly): { params(): QueryCommandInput } }, allPages = false) =>
  queryAsStored<GrievanceRow>(command.options(rowsOnly), { allPages });

/** Rows a caller may see, cut for them; anything they may not see is left out rather than trusted. */
async function summaries(
  principal: Principal,
  communityId: string,
  items: GrievanceRow[],
  now: Date,
): Promise<GrievanceSummary[]> {
  const { settings } = await settingsOf(communityId);
  return items.flatMap((g) => {
    const access = accessTo(principal, g);
    return access ? [summaryView(g, access, settings, now)] : [];
  });
}

/** 我的诉求: one query of the reporter's index, newest first; 待评价 keeps the resolved ones (filtered in DynamoDB). */
export async function listMine({
  principal,
  communityId,
  awaiting,
  page,
  now,
}: CommunityRequest & { awaiting?: 'rating'; page: Page }) {
  const { Items, LastEvaluatedKey } = await rowsOf(
    grievanceQueries.query.reportedBy({
      userId: principal.userId,
      communityId,
      newestFirst: true,
      status: awaiting === 'rating' ? 'resolved' : undefined,
      page: pageOf(page),
    }),
  );
  return { items: await summaries(principal, communityId, Items, now), nextCursor: encodeCursor(LastEvaluatedKey) };
}

/** The community's public requests, newest first; one query (the status filter runs in DynamoDB). */
export async function listCommunity({
  principal,
  communityId,
  status,
  page,
  now,
}: CommunityRequest & { status: 'open' | 'closed' | undefined; page: Page }) {
  const { Items, LastEvaluatedKey } = await rowsOf(
    grievanceQueries.query.publicCases({ communityId, status, page: pageOf(page) }),
  );
  return { items: await summaries(principal, communityId, Items, now), nextCursor: encodeCursor(LastEvaluatedKey) };
}

/** The requests a person joined ("我也遇到"): their support items, then the requests in one BatchGet. */
export async function listFollowing({ principal, communityId, page, now }: CommunityRequest & { page: Page }) {
  const { Items = [], LastEvaluatedKey } = await grievanceQueries.query
    .supportsOf({ userId: principal.userId, communityId, newestFirst: true, page: pageOf(page) })
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
export function queueSlices(principal: Principal, communityId: string, level: Level | undefined): QueueSlice[] {
  const only = (wanted: Level, reach: number) => (levelRank(wanted) <= reach ? [{ level: wanted }] : []);
  if (holdsRole(principal, ['street', 'admin'], communityId)) return level ? only(level, 2) : [{}];
  if (holdsRole(principal, ['committee'], communityId)) return level ? only(level, 1) : [{ belowLevel: 'street' }];
  if (level && level !== 'grid') return [];
  return principal.grants
    .filter((g) => g.communityId === communityId && g.role === 'gridWorker' && g.gridId)
    .map((g) => ({ level: 'grid', gridId: g.gridId }));
}

export async function listQueue({
  principal,
  communityId,
  level,
  page,
  now,
}: CommunityRequest & { level: Level | undefined; page: Page }) {
  const slices = queueSlices(principal, communityId, level);
  const items: GrievanceRow[] = [];
  let nextCursor: string | undefined;
  for (const slice of slices) {
    // Paging only when there is one slice; a grid worker with several grids gets each in full.
    const { Items, LastEvaluatedKey } = await rowsOf(
      grievanceQueries.query.openCases({
        communityId,
        ...slice,
        page: slices.length === 1 ? pageOf(page) : { limit: 100 },
      }),
    );
    items.push(...Items);
    if (slices.length === 1) nextCursor = encodeCursor(LastEvaluatedKey);
  }
  return { items: await summaries(principal, communityId, items, now), nextCursor };
}

/**
 * Likely duplicates before submitting: open public requests of the same category, at the same
 * building (or at a described place), from the last 30 days; and, apart, my own open requests that
 * match the same way (public or not), so I am told before raising the same thing twice. One query of
 * the public feed bounded by the window (category, place and status filtered in DynamoDB), and one of
 * my newest requests (filtered here: they are few).
 */
export async function suggestDuplicates({
  principal,
  communityId,
  query: q,
  now,
}: CommunityRequest & { query: { category: string; buildingId?: string } }) {
  const since = addDays(now, -DUPLICATE_WINDOW_DAYS).toISOString();
  const [{ Items }, { Items: mine = [] }] = await Promise.all([
    // The window's every page (the pattern reads them all), as the toolbox did.
    rowsOf(
      grievanceQueries.query.likelyDuplicates({ communityId, since, category: q.category, buildingId: q.buildingId }),
      true,
    ),
    grievanceQueries.query
      .reportedBy({ userId: principal.userId, communityId, newestFirst: true, page: { limit: MINE_READ } })
      .send(),
  ]);
  const others = Items.filter((g) => g.reporterId !== principal.userId).slice(0, DUPLICATES_SHOWN);
  const place = locationKeyOf(q.buildingId);
  const myOwn = (mine as GrievanceItem[]).filter(
    (g) =>
      g.category === q.category &&
      g.locationKey === place &&
      g.createdAt >= since &&
      (HANDLING_STATUSES as readonly string[]).includes(g.status),
  );
  // One after the other: the second finds the community's settings the first read.
  const items = await summaries(principal, communityId, others, now);
  return { items, mine: await summaries(principal, communityId, myOwn.slice(0, DUPLICATES_SHOWN), now) };
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
