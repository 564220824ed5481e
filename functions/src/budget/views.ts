import {
  EARLY_ENDABLE,
  holdsRole,
  percentOf,
  phaseDeadline,
  PROJECT_STAGE_LABELS,
  projectStage,
  ROUND_PHASE_HINTS,
  ROUND_PHASE_LABELS,
  ROUND_PHASES,
  type BudgetResultView,
  type ObjectionView,
  type Principal,
  type ProjectSummaryView,
  type RoundPhase,
  type RoundSummaryView,
  type RoundView,
} from '@linli/shared';
import type { BudgetObjectionItem } from '../db/entities/budgetObjection';
import type { BudgetParticipationItem } from '../db/entities/budgetParticipation';
import type { BudgetProjectItem } from '../db/entities/budgetProject';
import type { BudgetRoundItem } from '../db/entities/budgetRound';
import { budgetResultOf, type BudgetResultItem } from '../db/entities/budgetResult';
import { candidateKeys, homesInScope, type BudgetSeat } from './seats';

export { projectLink, roundLink } from './links';

export const isCommittee = (principal: Principal, communityId: string) =>
  holdsRole(principal, ['committee', 'admin'], communityId);

export const deadlineOf = (round: BudgetRoundItem) => phaseDeadline(round.phase, round.schedule, round.publicityUntil);

/** Voting is open: the phase, and inside the window (the ballot boxes are the authority on a cast). */
export const votingOpen = (round: BudgetRoundItem, now: Date) =>
  round.phase === 'voting' && now.toISOString() < round.schedule.votingUntil;

export function roundSummary(
  round: BudgetRoundItem,
  ctx: { principal: Principal; now: Date; voted: boolean },
): RoundSummaryView {
  const canVote = votingOpen(round, ctx.now) && candidateKeys(ctx.principal, round).length > 0;
  return {
    roundId: round.roundId,
    title: round.title,
    phase: round.phase,
    phaseLabel: ROUND_PHASE_LABELS[round.phase],
    totalAmount: round.totalAmount,
    scopeText: round.scopeLabel,
    basis: round.basis,
    phaseEndsAt: deadlineOf(round),
    projectCount: round.projectCount ?? 0,
    myStatus: ctx.voted ? 'voted' : canVote ? 'canVote' : 'none',
    inScope: homesInScope(ctx.principal, round).length > 0,
    createdAt: round.createdAt,
  };
}

/** A project's place in the published selection, if there is one. */
export function selectionOf(result: BudgetResultItem | undefined, projectId: string) {
  if (!result) return undefined;
  const ranked = budgetResultOf(result).ranked.find((p) => p.projectId === projectId);
  return { selected: result.selected.includes(projectId), votes: ranked?.votes, rank: ranked?.rank };
}

const ratingsOf = (p: BudgetProjectItem) => {
  if (!p.ratings) return undefined;
  const { satisfied, basic, unsatisfied } = p.ratings;
  const total = satisfied + basic + unsatisfied;
  return {
    satisfied,
    basic,
    unsatisfied,
    total,
    satisfactionRate: total ? percentOf(satisfied + basic, total) : undefined,
  };
};

export function projectSummary(
  p: BudgetProjectItem,
  ctx: { round: BudgetRoundItem; result?: BudgetResultItem; supported: boolean },
): ProjectSummaryView {
  const placed = selectionOf(ctx.result, p.projectId);
  const stage = projectStage({
    status: p.status,
    phase: ctx.round.phase,
    selected: p.status === 'eligible' ? placed?.selected : undefined,
    finished: !!p.finished,
  });
  return {
    projectId: p.projectId,
    title: p.title,
    place: p.place,
    status: p.status,
    stage,
    stageLabel: PROJECT_STAGE_LABELS[stage],
    estimatedCost: p.estimatedCost,
    cost: p.cost,
    supportCount: p.supportCount ?? 0,
    supported: ctx.supported,
    screeningReason: p.mergedInto?.reason ?? (p.screening?.eligible === 'no' ? p.screening.reason : undefined),
    mergedIntoTitle: p.mergedInto?.title,
    mergedCount: p.mergedFrom?.length ?? 0,
    votes: placed?.votes,
    rank: placed?.rank,
    progress: p.progress
      ? { percent: p.progress.percent, spent: p.progress.spent, updatedAt: p.progress.at }
      : undefined,
    responsibleParty: p.implementation?.responsibleParty,
    ratings: ratingsOf(p),
    photoCount: p.photos?.length ?? 0,
    fromGrievance: (p.grievanceIds?.length ?? 0) > 0,
    proposedAt: p.proposedAt,
  };
}

/** The timeline of phases a round page draws: done, current, upcoming, with each phase's end date. */
function timelineOf(round: BudgetRoundItem) {
  const current = round.phase === 'counting' ? 'voting' : round.phase;
  const index = ROUND_PHASES.indexOf(current);
  return ROUND_PHASES.filter((phase) => phase !== 'counting').map((phase) => {
    const i = ROUND_PHASES.indexOf(phase);
    return {
      phase,
      label: ROUND_PHASE_LABELS[phase],
      hint: ROUND_PHASE_HINTS[phase],
      until: phaseDeadline(phase, round.schedule, round.publicityUntil),
      state: i < index ? ('done' as const) : i === index ? ('current' as const) : ('upcoming' as const),
    };
  });
}

export function objectionView(o: BudgetObjectionItem, viewerId: string): ObjectionView {
  return {
    objectionId: o.objectionId,
    body: o.body,
    projectTitle: o.projectTitle,
    authorTag: o.authorTag,
    mine: o.authorId === viewerId,
    createdAt: o.createdAt,
    answer: o.answer ? { text: o.answer.text, byName: o.answer.byName, at: o.answer.at } : undefined,
  };
}

export function roundView(
  round: BudgetRoundItem,
  ctx: {
    principal: Principal;
    now: Date;
    projects: BudgetProjectItem[];
    supported: Set<string>;
    seats: BudgetSeat[];
    cast: Map<string, BudgetParticipationItem>;
    result?: BudgetResultItem;
    objections: BudgetObjectionItem[];
  },
): RoundView {
  const { principal, now } = ctx;
  const mySeats = ctx.seats.map((s) => {
    const p = ctx.cast.get(s.voterKey);
    return {
      voterKey: s.voterKey,
      label: s.label,
      status: p ? ('voted' as const) : ('open' as const),
      castByName: p?.castByName,
      castAt: p?.castAt,
    };
  });
  const committee = isCommittee(principal, round.communityId);
  const member = principal.memberships.some((m) => m.communityId === round.communityId) || committee;
  const resident = holdsRole(principal, ['resident'], round.communityId);
  const objecting = round.phase === 'publicity' && !!round.publicityUntil && now.toISOString() < round.publicityUntil;
  return {
    ...roundSummary(round, { principal, now, voted: mySeats.some((s) => s.status === 'voted') }),
    description: round.description,
    secrecy: round.secrecy,
    schedule: { ...round.schedule, publicityUntil: round.publicityUntil },
    timeline: timelineOf(round),
    phaseChanges: (round.phaseChanges ?? []).map((c) => ({
      from: c.from,
      to: c.to,
      reason: c.reason,
      byName: c.byName,
      at: c.at,
      early: c.early,
    })),
    electorate: round.electorate ? { heads: round.electorate.heads, frozenAt: round.electorate.frozenAt } : undefined,
    projects: ctx.projects.map((p) =>
      projectSummary(p, { round, result: ctx.result, supported: ctx.supported.has(p.projectId) }),
    ),
    pendingScreening: round.pendingScreening ?? 0,
    mySeats,
    result: ctx.result ? budgetResultOf(ctx.result) : undefined,
    objections: ctx.objections.map((o) => objectionView(o, principal.userId)),
    openObjections: round.openObjections ?? 0,
    can: {
      propose: round.phase === 'proposing' && ((resident && homesInScope(principal, round).length > 0) || committee),
      vote: votingOpen(round, now) && mySeats.some((s) => s.status === 'open'),
      manage: committee,
      advance: committee && EARLY_ENDABLE.includes(round.phase),
      object: objecting && member,
    },
  };
}

/** The result view for the ranked projects, with the titles as they were when counted. */
export function resultViewOf(result: BudgetResultView): BudgetResultView {
  return result;
}

export const phaseWords = (phase: RoundPhase) => ROUND_PHASE_LABELS[phase];
