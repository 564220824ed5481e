import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { EntityRepository } from 'dynamodb-toolbox/entity/actions/repository';
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
} from '@linli/shared';
import { LinliTable } from '../table';

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
export const grievances = GrievanceEntity.build(EntityRepository);
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
