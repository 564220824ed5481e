import { caseNumber, categoryLabel, isOverdue, type StreetQueueItemView } from '@linli/shared';
import type { GrievanceItem } from '../../db/entities/grievance';
import { InvalidCursor } from '../../db/errors';
import { grievances as grievanceQueries } from '../../db/registries/grievances';
import { gridName, gridNamesOf, streetScope } from './street';

/**
 * 街道待办: the open 诉求 at the street level of every community of the street, overdue first, then by
 * deadline. Each community's open queue (GSI3 `C#<cid>#GRV#OPEN`) keeps its street-level cases under
 * the sort-key prefix `2#`, so one Query per community answers "escalated to the street in community
 * C", and the street's communities are one Query (S2): 1 + N queries (N communities, in parallel),
 * plus one grids Query per community that has a case on the street's desk (DATA.md S9). A new index
 * is not needed for that: a street has 10–20 communities, and the street level holds the exceptions
 * (cases that went 超时 or were 上报 twice), tens at a time, not thousands.
 *
 * The list is merged and cut into pages here; the cursor is the last item's place in the order (not a
 * DynamoDB key), so a page never repeats or skips a case that stays on the desk.
 */

export interface StreetQueueRequest {
  streetId: string;
  cursor?: string;
  limit: number;
  now: Date;
}

/** A case's place in the queue: overdue (0) before the rest (1), then the earliest deadline, then the id. */
const placeOf = (g: GrievanceItem, now: Date) =>
  `${isOverdue(g, now) ? 0 : 1}#${g.dueAt ?? '9999'}#${g.communityId}#${g.grievanceId}`;

const encode = (place: string) => Buffer.from(place, 'utf8').toString('base64url');
function decode(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const place = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[01]#[^#]{1,40}#[\w-]{1,64}#[\w-]{1,64}$/.test(place)) throw new InvalidCursor();
  return place;
}

const excerptOf = (g: GrievanceItem) =>
  g.descriptionCheck === 'risky'
    ? '内容未通过审核'
    : g.descriptionCheck === 'pending'
      ? '内容审核中'
      : g.description.length > 60
        ? `${g.description.slice(0, 60)}…`
        : g.description;

const placeText = (g: GrievanceItem) =>
  g.location.kind === 'place'
    ? (g.location.detail ?? '公共区域')
    : [g.location.buildingName, g.location.kind === 'building' ? g.location.detail : undefined]
        .filter(Boolean)
        .join(' ') || '公共区域';

export async function streetQueue({ streetId, cursor, limit, now }: StreetQueueRequest) {
  const after = decode(cursor);
  const { communities } = await streetScope(streetId);
  const perCommunity = await Promise.all(
    communities.map(async ({ community, settings }) => {
      const { Items = [] } = await grievanceQueries.query
        .openCases({ communityId: community.communityId, level: 'street' })
        .send();
      const cases = Items as GrievanceItem[];
      const names = cases.length ? await gridNamesOf(community.communityId) : new Map<string, string>();
      return cases.map((g) => ({ g, community, settings, names, place: placeOf(g, now) }));
    }),
  );
  const ordered = perCommunity
    .flat()
    .filter((x) => !after || x.place > after)
    .sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
  const pageOf = ordered.slice(0, limit);
  const items: StreetQueueItemView[] = pageOf.map(({ g, community, settings, names }) => ({
    communityId: community.communityId,
    communityName: community.name,
    grievanceId: g.grievanceId,
    number: caseNumber(g.grievanceId),
    category: g.category,
    categoryLabel: categoryLabel(settings, g.category),
    excerpt: excerptOf(g),
    gridId: g.gridId,
    gridName: gridName(names, g.gridId),
    place: placeText(g),
    status: g.status,
    level: g.level,
    urgency: g.urgency,
    dueAt: g.dueAt,
    overdue: isOverdue(g, now),
    overdueCount: g.overdueCount,
    assigneeName: g.assignee?.name,
    createdAt: g.createdAt,
  }));
  const last = pageOf[pageOf.length - 1];
  return { items, nextCursor: ordered.length > limit && last ? encode(last.place) : undefined };
}
