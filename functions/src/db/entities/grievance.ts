import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import {
  GRIEVANCE_STATUSES,
  LEVELS,
  levelRank,
  OPEN_STATUSES,
  OUTCOMES,
  RATINGS,
  SOURCES,
  URGENCIES,
  VISIBILITIES,
  type GrievanceStatus,
  type Level,
  HANDLING_STATUSES,
} from '@linli/shared';
import { LinliTable } from '../table';
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

const STAFF_ROLES = ['gridWorker', 'committee', 'street', 'admin'] as const;
/** Verdicts of the content check: pending until WeChat answers (images answer asynchronously). */
export const CHECK_STATES = ['pending', 'pass', 'review', 'risky'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/**
 * A resident's request (诉求). The item lives in its own partition with its timeline, messages and
 * notes, so a detail page is one query. `version` moves with every transition, and every write that
 * changes the case is conditioned on it.
 * GSI1: the community's requests by creation time, public and private apart (feed, duplicates, 台账, dashboard).
 * GSI2: a reporter's own requests. GSI3 (sparse): open requests by level, grid and deadline (staff queues, sweep).
 */
export const GrievanceEntity = new Entity({
  name: 'Grievance',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    /** Absent once the reporter's account is erased: the request stays in the register, unlinked. */
    reporterId: string().optional(),
    reporterName: string(),
    source: string().enum(...SOURCES),
    /** The resident a grid worker logged the request for (民情日记); staff-only. */
    resident: map({ name: string(), phone: string().optional() }).optional(),
    /** The reporter's household at the time (their unit), whose members may follow a private request. */
    householdUnitId: string().optional(),
    category: string(),
    description: string(),
    descriptionCheck: string().enum(...CHECK_STATES),
    urgency: string().enum(...URGENCIES),
    visibility: string().enum(...VISIBILITIES),
    /** 举报与内容审核: `hidden` pending review (reported by the threshold of residents), `removed` by staff; only the author and moderators see it then. */
    moderation: string().enum('hidden', 'removed').optional(),
    anonymous: boolean(),
    location: map({
      kind: string().enum('unit', 'building', 'place'),
      unitId: string().optional(),
      unitLabel: string().optional(),
      buildingId: string().optional(),
      buildingName: string().optional(),
      detail: string().optional(),
    }),
    /** `B#<buildingId>` or `P` (a described place): what duplicate suggestions compare. */
    locationKey: string(),
    gridId: string().optional(),
    level: string().enum(...LEVELS),
    status: string().enum(...GRIEVANCE_STATUSES),
    version: number(),
    dueAt: string().optional(),
    remindAt: string().optional(),
    remindedVersion: number().optional(),
    overdueVersion: number().optional(),
    overdueCount: number().default(0),
    /** The level of each 超时督办, in order (the street console's 超时 by level); absent before 2026-12. */
    overdueLevels: list(string().enum(...LEVELS)).optional(),
    reopenCount: number().default(0),
    supportCount: number().default(0),
    assignee: map({ userId: string(), name: string(), role: string().enum(...STAFF_ROLES) }).optional(),
    commitment: map({
      text: string(),
      dueBy: string(),
      byId: string(),
      byName: string(),
      byRole: string().enum(...STAFF_ROLES),
      at: string(),
    }).optional(),
    resolution: map({
      outcome: string().enum(...OUTCOMES),
      note: string(),
      referredTo: string().optional(),
      byId: string(),
      byName: string(),
      byRole: string().enum(...STAFF_ROLES),
      at: string(),
    }).optional(),
    rating: map({
      rating: string().enum(...RATINGS, 'unrated'),
      comment: string().optional(),
      at: string(),
      via: string().enum('reporter', 'callback', 'timeout'),
    }).optional(),
    /** Every rating round, for 群众性评议 per grid and per handler. */
    ratings: list(
      map({
        rating: string().enum(...RATINGS, 'unrated'),
        handlerId: string().optional(),
        handlerName: string().optional(),
        level: string().enum(...LEVELS),
        at: string(),
      }),
    ).default([]),
    photos: record(
      string(),
      map({
        key: string(),
        role: string().enum('report', 'resolution'),
        check: string().enum(...CHECK_STATES),
        traceId: string().optional(),
        by: string(),
        at: string(),
      }),
    ).default({}),
    /** 转为议题: the 议事厅 topic made from this request, and its title (topics keep their title). */
    topicId: string().optional(),
    topicTitle: string().optional(),
    /** 纳入民生微实事: the budget project that answers this request (see grievances/budgetLink.ts). */
    budgetProject: map({ roundId: string(), projectId: string(), title: string() }).optional(),
    createdAt: string(),
    firstAcceptedAt: string().optional(),
    /** 响应: whether the first acceptance came before its deadline with no 超时 before (set with it; absent before 2026-12). */
    acceptedInTime: boolean().optional(),
    resolvedAt: string().optional(),
    closedAt: string().optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>((g) => grievanceFeed(g.communityId, g.visibility)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((g) => `${g.createdAt}#${g.grievanceId}`),
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((g) => (g.reporterId ? `USER#${g.reporterId}` : undefined)),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((g) => (g.reporterId ? reporterSort(g) : undefined)),
    GSI3PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((g) => openQueueKeys(g).GSI3PK),
    GSI3SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((g) => openQueueKeys(g).GSI3SK),
  })),
  computeKey: ({ communityId, grievanceId }) => ({ PK: grievancePartition(communityId, grievanceId), SK: 'GRIEVANCE' }),
});
export const grievances = GrievanceEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceItem = Omit<FormattedItem<typeof GrievanceEntity>, 'created' | 'modified'>;

export const grievancePartition = (communityId: string, grievanceId: string) => `C#${communityId}#GRV#${grievanceId}`;
export const grievanceFeed = (communityId: string, visibility: 'public' | 'private') =>
  `C#${communityId}#GRV#${visibility === 'public' ? 'PUBLIC' : 'PRIVATE'}`;
export const reporterSort = (g: { communityId: string; createdAt: string; grievanceId: string }) =>
  `GRV#${g.communityId}#${g.createdAt}#${g.grievanceId}`;
export const openQueue = (communityId: string) => `C#${communityId}#GRV#OPEN`;
/** The sort-key prefix of a level (and grid) in the open queue: `0#<grid>#…` is the grid level. */
export const queuePrefix = (level: Level, gridId?: string) =>
  `${levelRank(level)}#${gridId !== undefined ? `${gridId}#` : ''}`;

/**
 * Open-queue keys of a case, or none once it is closed or withdrawn. Links apply on put only, so
 * every update passes these explicitly (a closed case gets `$remove()` for both).
 */
export function openQueueKeys(g: {
  communityId: string;
  grievanceId: string;
  status: GrievanceStatus;
  level: Level;
  gridId?: string;
  dueAt?: string;
}) {
  if (!OPEN_STATUSES.includes(g.status)) return { GSI3PK: undefined, GSI3SK: undefined };
  return {
    GSI3PK: openQueue(g.communityId),
    GSI3SK: `${queuePrefix(g.level, g.gridId ?? '-')}${g.dueAt ?? ''}#${g.grievanceId}`,
  };
}

/** Where a request is, for the likely-duplicates filter: a building, or a described public place. */
export const locationKeyOf = (buildingId: string | undefined) => (buildingId ? `B#${buildingId}` : 'P');

/** Erasing the reporter takes the request out of their index; the request stays in the register. */
export const reporterErased = () => ({ GSI2PK: $remove(), GSI2SK: $remove() });

/** G5 / G16 A person's requests (in one community, or in all for their data export). */
export const casesReportedBy = GrievanceEntity.build(AccessPattern)
  .schema(
    map({
      userId: string(),
      communityId: string().optional(),
      newestFirst: boolean().optional(),
      /** 待评价 and the like: only requests in this status (filtered in DynamoDB). */
      status: string()
        .enum(...GRIEVANCE_STATUSES)
        .optional(),
      page: pageInput,
    }),
  )
  .pattern(({ userId, communityId, newestFirst, status, page }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: communityId ? `GRV#${communityId}#` : 'GRV#' },
    options: {
      reverse: newestFirst,
      ...pageOptions(page),
      ...(status ? { filters: { Grievance: { attr: 'status' as const, eq: status } } } : {}),
    },
  }))
  .meta({ title: 'G5' });

/** G5 The community's public requests, newest first, open or closed ones only if asked (filtered in DynamoDB). */
export const publicCases = GrievanceEntity.build(AccessPattern)
  .schema(map({ communityId: string(), status: string().enum('open', 'closed').optional(), page: pageInput }))
  .pattern(({ communityId, status, page }) => ({
    index: 'GSI1',
    partition: grievanceFeed(communityId, 'public'),
    options: {
      reverse: true,
      ...pageOptions(page),
      ...(status
        ? {
            filters: {
              Grievance: {
                attr: 'status' as const,
                in: status === 'open' ? [...OPEN_STATUSES] : (['closed', 'withdrawn'] as GrievanceStatus[]),
              },
            },
          }
        : {}),
    },
  }))
  .meta({ title: 'G5' });

/** G7 Likely duplicates: public requests since a time, of a category at a place, still being handled. */
export const likelyDuplicates = GrievanceEntity.build(AccessPattern)
  .schema(map({ communityId: string(), since: string(), category: string(), buildingId: string().optional() }))
  .pattern(({ communityId, since, category, buildingId }) => ({
    index: 'GSI1',
    partition: grievanceFeed(communityId, 'public'),
    range: { gte: since },
    options: {
      reverse: true,
      ...pageOptions(undefined),
      filters: {
        Grievance: {
          and: [
            { attr: 'category', eq: category },
            { attr: 'locationKey', eq: locationKeyOf(buildingId) },
            { attr: 'status', in: [...HANDLING_STATUSES] },
          ],
        },
      },
    },
  }))
  .meta({ title: 'G7' });

/** G11 Requests created in a period (ISO bounds), public or private: the dashboard, 评议 and 台账. */
export const casesCreatedBetween = GrievanceEntity.build(AccessPattern)
  .schema(map({ communityId: string(), visibility: string().enum('public', 'private'), from: string(), to: string() }))
  .pattern(({ communityId, visibility, from, to }) => ({
    index: 'GSI1',
    partition: grievanceFeed(communityId, visibility),
    range: { between: [from, to] as [string, string] },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'G11' });

/**
 * G6 / G10 The open queue, most urgent first: all of it, one level (and grid) of it, or everything
 * below a level (the committee: grid and committee levels).
 */
export const openCases = GrievanceEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      level: string()
        .enum(...LEVELS)
        .optional(),
      gridId: string().optional(),
      belowLevel: string()
        .enum(...LEVELS)
        .optional(),
      page: pageInput,
    }),
  )
  .pattern(({ communityId, level, gridId, belowLevel, page }) => ({
    index: 'GSI3',
    partition: openQueue(communityId),
    ...(level
      ? { range: { beginsWith: queuePrefix(level, gridId) } }
      : belowLevel
        ? { range: { lt: queuePrefix(belowLevel) } }
        : {}),
    options: pageOptions(page),
  }))
  .meta({ title: 'G6' });
