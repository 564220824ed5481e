import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  nearTimeLabel,
  STAFF,
  holdsRole,
  type GrievanceSummary,
  type Principal,
  type WaitingItem,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';
import { grievanceSupports, type GrievanceSupportItem } from '../db/entities/grievanceSupport';
import { LinliTable } from '../db/table';
import type { CommunityRequest } from '../commons/serviceRequest';
import { accessTo, canSupport } from './access';
import { caseLink } from './notify';
import { queueSlices } from './queries';
import { grievances as grievanceQueries } from '../db/registries/grievances';
import { settingsOf } from './repository';
import { summaryView } from './views';

/** My own requests looked at for one waiting for my rating: the newest. */
const MINE_READ = 50;
/** The community's newest public requests looked at for neighbours' ones I may join. */
const PUBLIC_READ = 30;
/** Of those, how many the home page offers. */
const SUPPORT_SHOWN = 3;
/** A handler's queue items on the home page (the queue page has them all). */
const QUEUE_SHOWN = 20;

const caseTitle = (s: GrievanceSummary) => `${s.categoryLabel}：${s.excerpt}`;

/**
 * 诉求 for the home page: my resolved requests waiting for my rating; open public requests at my
 * buildings I have not joined (我也遇到); for handlers, their queue (overdue first, by deadline). Reads
 * the community's settings once, my requests and the public feed with one query each, my supports of
 * the candidates with one BatchGet, and each slice of a handler's queue with one query.
 */
export async function casesAwaitingMe({ principal, communityId, now }: CommunityRequest): Promise<WaitingItem[]> {
  const resident = principal.memberships.some((m) => m.communityId === communityId);
  const handler = holdsRole(principal, STAFF, communityId);
  const [{ settings }, mine, neighbours, queue] = await Promise.all([
    settingsOf(communityId),
    resident
      ? grievanceQueries.query
          .reportedBy({
            userId: principal.userId,
            communityId,
            newestFirst: true,
            status: 'resolved',
            page: { limit: MINE_READ },
          })
          .send()
      : undefined,
    resident ? supportableNearMe(principal, communityId) : [],
    handler ? queueOf(principal, communityId) : [],
  ]);
  const view = (c: GrievanceItem) => {
    const access = accessTo(principal, c);
    return access ? { c, access, s: summaryView(c, access, settings, now) } : undefined;
  };
  const ratings = (mine?.Items ?? []).flatMap((c) => {
    const v = view(c);
    return v?.access.isReporter ? [ratingItem(v.s, c)] : [];
  });
  const staffCases = queue.flatMap((c) => {
    const v = view(c);
    return v?.access.handlerRole ? [staffItem(v.s, c, now)] : [];
  });
  const supports = neighbours.flatMap((c) => {
    const v = view(c);
    return v && canSupport(v.access, c) ? [supportItem(v.s, c)] : [];
  });
  return [...staffCases, ...ratings, ...supports.slice(0, SUPPORT_SHOWN)];
}

function ratingItem(s: GrievanceSummary, c: GrievanceItem): WaitingItem {
  return {
    kind: 'rating',
    key: `rating:${c.grievanceId}`,
    title: caseTitle(s),
    detail: `已办结，请评价办理结果 · 编号 ${s.number}`,
    action: '去评价',
    link: caseLink(c),
    overdue: false,
    since: c.resolvedAt ?? c.createdAt,
  };
}

function staffItem(s: GrievanceSummary, c: GrievanceItem, now: Date): WaitingItem {
  const due = s.dueAt ? `${nearTimeLabel(s.dueAt, now)} ${s.overdue ? '已超时' : '到期'}` : '待处理';
  return {
    kind: 'staffCase',
    key: `staffCase:${c.grievanceId}`,
    title: caseTitle(s),
    detail: `${s.location || '公共区域'} · ${due}`,
    action: '去处理',
    link: caseLink(c),
    dueAt: s.dueAt,
    overdue: s.overdue,
    since: c.createdAt,
  };
}

function supportItem(s: GrievanceSummary, c: GrievanceItem): WaitingItem {
  return {
    kind: 'support',
    key: `support:${c.grievanceId}`,
    title: caseTitle(s),
    detail: `${s.location} · ${s.supportCount} 位邻居也遇到`,
    action: '我也遇到',
    link: caseLink(c),
    overdue: false,
    since: c.createdAt,
  };
}

/** Open public requests at one of my buildings, not mine, that I have not joined yet. */
async function supportableNearMe(principal: Principal, communityId: string): Promise<GrievanceItem[]> {
  const buildings = new Set(
    principal.memberships.filter((m) => m.communityId === communityId).map((m) => `B#${m.buildingId}`),
  );
  const { Items: items = [] } = await grievanceQueries.query
    .publicCases({ communityId, status: 'open', page: { limit: PUBLIC_READ } })
    .send();
  const near = items.filter((c) => buildings.has(c.locationKey) && c.reporterId !== principal.userId);
  if (!near.length) return [];
  const { Responses } = await execute(
    LinliTable.build(BatchGetCommand).requests(
      ...near.map((c) =>
        grievanceSupports.batchGet({ communityId, grievanceId: c.grievanceId, userId: principal.userId }),
      ),
    ),
  );
  const joined = new Set(
    ((Responses?.[0] ?? []) as (GrievanceSupportItem | undefined)[]).flatMap((s) => (s ? [s.grievanceId] : [])),
  );
  return near.filter((c) => !joined.has(c.grievanceId));
}

/** The handler's slices of the open queue (a grid worker's grids, the committee's levels), most urgent first. */
async function queueOf(principal: Principal, communityId: string): Promise<GrievanceItem[]> {
  const slices = await Promise.all(
    queueSlices(principal, communityId, undefined).map((slice) =>
      grievanceQueries.query.openCases({ communityId, ...slice, page: { limit: QUEUE_SHOWN } }).send(),
    ),
  );
  return slices.flatMap((s) => s.Items ?? []);
}
