import {
  COMMENTABLE,
  holdsRole,
  seesModerated,
  PAPER_RECORDERS,
  RULE_PRESETS,
  STAGE_LABELS,
  stageOf,
  unitInScope,
  VOTER_BASIS_LABELS,
  abstentionWords,
  type Principal,
  type ResultView,
  type SeatView,
  type TopicSource,
  type TopicSummaryView,
  type TopicView,
} from '@linli/shared';
import type { ParticipationItem } from '../db/entities/participation';
import { scopeOf, type TopicItem } from '../db/entities/topic';
import type { TurnoutItem } from '../db/entities/turnout';
import { householdKey, ownerKey, personKey, type Seat } from './seats';

/** The page a notification, a share card or a QR poster opens. */
export const topicLink = (communityId: string, topicId: string) =>
  `/packages/agora/pages/topic/index?communityId=${communityId}&topicId=${topicId}`;

const inScopeOf = (principal: Principal, topic: TopicItem) =>
  !topic.vote ||
  principal.memberships.some((m) => m.communityId === topic.communityId && unitInScope(scopeOf(topic.vote!), m));

/**
 * Voter keys this person might hold in a poll, straight from their memberships (no reads): used by
 * lists to show 已投票 without computing every seat.
 */
export function candidateKeys(principal: Principal, topic: TopicItem): string[] {
  const vote = topic.vote;
  if (!vote) return [];
  const mine = principal.memberships.filter(
    (m) => m.communityId === topic.communityId && unitInScope(scopeOf(vote), m),
  );
  if (vote.basis === 'person') return mine.length ? [personKey(principal.userId)] : [];
  if (vote.basis === 'household') return mine.map((m) => householdKey(m.unitId));
  return [
    ...new Set(mine.filter((m) => m.relation === 'owner' && m.ownerId).map((m) => ownerKey(m.ownerId as string))),
  ];
}

export function turnoutByBuilding(
  topic: TopicItem,
  counted: { byBuilding: Record<string, { count: number; area: number }> } | undefined,
) {
  const electorate = topic.vote?.electorate.byBuilding ?? {};
  return Object.entries(electorate)
    .map(([buildingId, b]) => ({
      buildingId,
      name: b.name,
      voted: counted?.byBuilding[buildingId]?.count ?? 0,
      total: b.count,
      area: (counted?.byBuilding[buildingId]?.area ?? 0) / 100,
      areaTotal: b.area / 100,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
}

/** 举报与内容审核: a hidden or removed proposal is seen by its proposer and the committee only. */
export const seesTopic = (principal: Principal, topic: TopicItem) =>
  seesModerated(topic.moderation, {
    isAuthor: topic.createdBy === principal.userId,
    moderates: holdsRole(principal, ['committee', 'admin'], topic.communityId),
  });

export function summaryView(
  topic: TopicItem,
  ctx: { principal: Principal; now: Date; turnout?: TurnoutItem; voted: boolean },
): TopicSummaryView {
  const stage = stageOf(
    {
      phase: topic.phase,
      opensAt: topic.vote?.opensAt,
      closesAt: topic.vote?.closesAt,
      hasCommitment: !!topic.commitment,
    },
    ctx.now,
  );
  const inScope = inScopeOf(ctx.principal, topic);
  const canVote = stage === 'voting' && candidateKeys(ctx.principal, topic).length > 0;
  return {
    topicId: topic.topicId,
    title: topic.title,
    phase: topic.phase,
    stage,
    stageLabel: STAGE_LABELS[stage],
    origin: topic.origin,
    scopeText: topic.vote?.scopeLabel ?? '全社区',
    basis: topic.vote?.basis,
    presetLabel: topic.vote ? RULE_PRESETS[topic.vote.preset].label : undefined,
    opensAt: topic.vote?.opensAt,
    closesAt: topic.vote?.closesAt,
    support:
      topic.origin === 'proposal'
        ? { count: topic.supportCount ?? 0, threshold: topic.supportThreshold ?? 0 }
        : undefined,
    turnout: topic.vote && ctx.turnout ? { heads: ctx.turnout.heads, total: topic.vote.electorate.heads } : undefined,
    inScope,
    myStatus: ctx.voted ? 'voted' : canVote ? 'canVote' : 'none',
    openConflicts: holdsRole(ctx.principal, ['committee', 'admin'], topic.communityId) ? (topic.openConflicts ?? 0) : 0,
    moderation: topic.moderation,
    street: topic.street ? { name: topic.street.name } : undefined,
    createdAt: topic.createdAt,
  };
}

export function seatView(
  seat: Seat,
  p: ParticipationItem | undefined,
  ctx: { userId: string; allowChanges: boolean; open: boolean },
): SeatView {
  const voted = p?.status === 'cast';
  return {
    voterKey: seat.voterKey,
    label: seat.label,
    status: voted ? 'voted' : 'open',
    castByName: voted ? p!.castByName : undefined,
    castByMe: voted && p!.castBy === ctx.userId,
    castAt: voted ? p!.castAt : undefined,
    channel: voted ? p!.channel : undefined,
    canChange: ctx.open && (!voted || (ctx.allowChanges && p!.channel === 'online')),
  };
}

export function topicView(
  topic: TopicItem,
  ctx: {
    principal: Principal;
    now: Date;
    turnout?: TurnoutItem;
    seats: SeatView[];
    supported: boolean;
    proposedByName?: string;
    result?: ResultView;
    sourceGrievance?: TopicSource;
    streetTotal?: TopicView['streetTotal'];
  },
): TopicView {
  const summary = summaryView(topic, {
    principal: ctx.principal,
    now: ctx.now,
    turnout: ctx.turnout,
    voted: ctx.seats.some((s) => s.status === 'voted'),
  });
  const vote = topic.vote;
  const { principal } = ctx;
  const communityId = topic.communityId;
  const isResident = holdsRole(principal, ['resident'], communityId);
  return {
    ...summary,
    description: topic.description,
    sourceGrievance: ctx.sourceGrievance,
    proposedByName: ctx.proposedByName,
    proposedByMe: topic.origin === 'proposal' && topic.createdBy === ctx.principal.userId,
    declineReason: topic.declineReason,
    summary: topic.summary ? { text: topic.summary.text, publishedAt: topic.summary.publishedAt } : undefined,
    vote: vote && {
      scope: scopeOf(vote),
      basisLabel: VOTER_BASIS_LABELS[vote.basis],
      preset: vote.preset,
      legalBasis: RULE_PRESETS[vote.preset].legalBasis,
      abstentionRule: abstentionWords(RULE_PRESETS[vote.preset].rule, vote.basis),
      ballot: { kind: vote.ballot.kind, options: vote.ballot.options, maxChoices: vote.ballot.maxChoices },
      opensAt: vote.opensAt,
      closesAt: vote.closesAt,
      allowChanges: vote.allowChanges,
      secrecy: vote.secrecy,
      electorate: {
        heads: vote.electorate.heads,
        area: vote.electorate.area / 100,
        units: vote.electorate.units,
        frozenAt: vote.electorate.frozenAt,
      },
    },
    scheduleChanges: (topic.scheduleChanges ?? []).map((c) => ({
      action: c.action,
      from: c.from,
      to: c.to,
      reason: c.reason,
      byName: c.byName,
      at: c.at,
    })),
    liveTurnout:
      vote && ctx.turnout && (topic.phase === 'voting' || topic.phase === 'counting')
        ? { heads: ctx.turnout.heads, area: ctx.turnout.area / 100, byBuilding: turnoutByBuilding(topic, ctx.turnout) }
        : undefined,
    mySeats: ctx.seats,
    supported: ctx.supported,
    result: ctx.result,
    streetTotal: ctx.streetTotal,
    commitment: topic.commitment
      ? { text: topic.commitment.text, status: topic.commitment.status, updatedAt: topic.commitment.updatedAt }
      : undefined,
    can: {
      manage: holdsRole(principal, ['committee', 'admin'], communityId),
      recordPaper:
        summary.stage === 'voting' &&
        vote?.basis !== 'person' &&
        // 亲情代办: the helper records her household's signed paper (never an online ballot for her).
        (holdsRole(principal, PAPER_RECORDERS, communityId) || !!principal.actingFor),
      support: isResident && (topic.phase === 'proposed' || topic.phase === 'queued') && !ctx.supported,
      comment: COMMENTABLE.includes(topic.phase),
    },
  };
}
