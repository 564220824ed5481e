import { $get } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  addDays,
  countReach,
  isWholeCommunity,
  managedGrids,
  pollOpenedKey,
  REACH_EVENTS,
  scopeAudience,
  type Principal,
  type ReachSubject,
  type ReachView,
  type Scope,
} from '@linli/shared';
import { broadcasts } from '../db/entities/broadcast';
import { INBOX_RETENTION_DAYS } from '../db/entities/inboxItem';
import { reachMarks } from '../db/entities/reachMark';
import { scopeOf, topics } from '../db/entities/topic';
import { units, type UnitItem } from '../db/entities/unit';
import { users } from '../db/entities/user';
import { notifications } from '../db/registries/notifications';
import { roster } from '../db/registries/roster';
import { epochSeconds } from '../commons/clock';
import { logger } from '../commons/logger';
import type { CommunityRequest } from '../commons/serviceRequest';
import { forbidden, notFound } from '../http/errors';
import { intentIdOf } from './outbox';

/** What a reach mark needs of an intent: the notice it belongs to, and when that was sent. */
interface ReachedIntent {
  intentId: string;
  event: string;
  communityId: string;
  parentId?: string;
  createdAt: string;
}

/** The notice (its audience intent) whose reach a recipient's intent counts in, if it is counted at all. */
export const reachSubjectOf = (intent: { event: string; parentId?: string }) =>
  intent.parentId && REACH_EVENTS.includes(intent.event) ? intent.parentId : undefined;

/**
 * Marks the households of `userId` in the intent's community as reached: `sent` when a subscribe message
 * went out to WeChat, `read` when the person first opened the inbox entry. One UpdateItem per household,
 * keeping the first time (`if_not_exists`), so repeats and a second member change nothing. Best effort:
 * the delivery or the read already happened, and a lost mark only undercounts (logged).
 */
export async function noteReach({
  intent,
  userId,
  memberships,
  channel,
  at,
}: {
  intent: ReachedIntent;
  userId: string;
  /** The person's households, when the caller has them (the dispatcher has the account); read otherwise. */
  memberships?: readonly { communityId: string; unitId: string; buildingId: string }[];
  channel: 'sent' | 'read';
  at: Date;
}): Promise<void> {
  const subjectId = reachSubjectOf(intent);
  if (!subjectId) return;
  try {
    const homes = (memberships ?? Object.values((await users.get({ userId })).Item?.memberships ?? {})).filter(
      (m) => m.communityId === intent.communityId,
    );
    const ttl = epochSeconds(addDays(new Date(intent.createdAt), INBOX_RETENTION_DAYS));
    const attr = channel === 'sent' ? 'sentAt' : 'readAt';
    await Promise.all(
      homes.map((m) =>
        reachMarks.update({
          subjectId,
          unitId: m.unitId,
          communityId: intent.communityId,
          buildingId: m.buildingId,
          [attr]: $get(attr, at.toISOString()),
          ttl,
        }),
      ),
    );
  } catch (error) {
    logger.warn('reach not recorded', { intentId: intent.intentId, channel, error: (error as Error).name });
  }
}

/** Where a viewer may look: everything (committee), or their grids and buildings (grid worker, 楼长). */
interface Area {
  all: boolean;
  gridIds: string[];
  buildingIds: string[];
}

function areaOf(principal: Principal, communityId: string): Area {
  const grids = managedGrids(principal, communityId);
  if (grids === 'all') return { all: true, gridIds: [], buildingIds: [] };
  const buildingIds = principal.grants
    .filter((g) => g.communityId === communityId && g.role === 'buildingHead' && g.buildingId)
    .map((g) => g.buildingId as string);
  return { all: false, gridIds: grids, buildingIds };
}

const inScope = (scope: Scope, u: UnitItem) =>
  isWholeCommunity(scope) ||
  !!scope.gridIds?.includes(u.gridId) ||
  !!scope.buildingIds?.includes(u.buildingId) ||
  !!scope.unitIds?.includes(u.unitId);

/** The households of the scope the viewer may see, from the roster's unit indexes (never a Scan). */
async function householdsInView(communityId: string, scope: Scope, area: Area): Promise<UnitItem[]> {
  const lists: Promise<UnitItem[]>[] = [];
  const ofGrid = (gridId: string) =>
    roster.query
      .unitsOfGrid({ communityId, gridId })
      .send()
      .then((r) => r.Items ?? []);
  const ofBuilding = (buildingId: string) =>
    roster.query
      .unitsOfBuilding({ communityId, buildingId })
      .send()
      .then((r) => r.Items ?? []);
  if (!area.all) {
    lists.push(...area.gridIds.map(ofGrid), ...area.buildingIds.map(ofBuilding));
  } else if (isWholeCommunity(scope)) {
    lists.push(
      roster.query
        .unitsOfCommunity({ communityId })
        .send()
        .then((r) => r.Items ?? []),
    );
  } else {
    lists.push(...(scope.gridIds ?? []).map(ofGrid), ...(scope.buildingIds ?? []).map(ofBuilding));
    lists.push(
      Promise.all((scope.unitIds ?? []).map((unitId) => units.get({ communityId, unitId }))).then((r) =>
        r.flatMap(({ Item }) => (Item ? [Item] : [])),
      ),
    );
  }
  const seen = new Map<string, UnitItem>();
  for (const u of (await Promise.all(lists)).flat())
    if (inScope(scope, u) && !seen.has(u.unitId)) seen.set(u.unitId, u);
  return [...seen.values()];
}

/** The notice or poll: its title, who it was addressed to, and the audience intent its marks hang on. */
async function subjectOf(communityId: string, subject: ReachSubject, subjectId: string) {
  if (subject === 'notice') {
    const { Item } = await broadcasts.get({ communityId, broadcastId: subjectId });
    if (!Item) throw notFound('通知');
    return { title: Item.title, scope: Item.scope as Scope, intentId: Item.intentId };
  }
  const { Item } = await topics.get({ communityId, topicId: subjectId });
  if (!Item?.vote) throw notFound('表决');
  return {
    title: Item.title,
    scope: scopeAudience(scopeOf(Item.vote)).scope,
    intentId: intentIdOf('agora.topicOpened', pollOpenedKey(subjectId)),
  };
}

/**
 * 触达 of a notice or poll within the viewer's area: the households in scope (roster queries), the marks
 * of its audience intent (#32, one query), counted by building. A 楼长 or grid worker whose area the
 * notice did not address is refused.
 */
export async function reachOf({
  principal,
  communityId,
  subject,
  subjectId,
}: Omit<CommunityRequest, 'now'> & { subject: ReachSubject; subjectId: string }): Promise<ReachView> {
  return reachWithin({ communityId, subject, subjectId, area: areaOf(principal, communityId) });
}

/** 触达 of a notice over its whole audience: the street office reading its street-wide notice, community by community. */
export const wholeReachOf = (communityId: string, subject: ReachSubject, subjectId: string) =>
  reachWithin({ communityId, subject, subjectId, area: { all: true, gridIds: [], buildingIds: [] } });

async function reachWithin({
  communityId,
  subject,
  subjectId,
  area,
}: {
  communityId: string;
  subject: ReachSubject;
  subjectId: string;
  area: Area;
}): Promise<ReachView> {
  const found = await subjectOf(communityId, subject, subjectId);
  const [households, { Items: marks = [] }] = await Promise.all([
    householdsInView(communityId, found.scope, area),
    notifications.query.reachOf({ subjectId: found.intentId }).send(),
  ]);
  if (!area.all && !households.length) throw forbidden('只能查看本楼栋或本网格的触达情况');
  const count = countReach(
    households.map((u) => ({
      unitId: u.unitId,
      label: u.label,
      buildingId: u.buildingId,
      buildingName: u.buildingName,
    })),
    marks.map((m) => ({ unitId: m.unitId, sent: !!m.sentAt, read: !!m.readAt })),
  );
  return {
    subject,
    title: found.title,
    areaLabel: area.all ? '全部' : count.buildings.map((b) => b.name).join('、'),
    ...count,
  };
}
