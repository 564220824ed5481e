import {
  EARLY_ENDABLE,
  ROUND_PHASE_LABELS,
  scopeWords,
  stableHash,
  type Principal,
  type RoundBasis,
  type RoundPhase,
  type RoundSchedule,
  type TopicScope,
} from '@linli/shared';
import { budgetRounds, roundIndexKeys, type RoundFields } from '../db/entities/budgetRound';
import type { UserItem } from '../db/entities/user';
import { roster } from '../db/registries/roster';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { badRequest, conflict } from '../http/errors';
import { computeElectorate } from '../agora/electorate';
import { moveRound, nextPhaseOf, phaseNotice, type Mover } from './phaseMoves';
import { loadRound, mySupports, objectionsOf, participationsOf, projectsOf, resultOf, roundsOf } from './queries';
import { budgetSeatsOf, candidateKeys } from './seats';
import { roundSummary, roundView } from './views';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';

/** Ids derive from (community, author, request), so a retried open finds the round it made. */
export const roundIdOf = (communityId: string, userId: string, requestId: string) =>
  `r${stableHash(`${communityId}|${userId}|${requestId}`).slice(0, 16)}`;

async function scopeLabelOf(communityId: string, scope: TopicScope, buildingNames: Map<string, string>) {
  let gridNames = new Map<string, string>();
  if (scope.kind === 'grids') {
    const { Items = [] } = await roster.query.grids({ communityId }).send();
    gridNames = new Map(Items.map((g) => [g.gridId, g.name]));
  }
  return scopeWords(scope, {
    grid: (id) => gridNames.get(id) ?? id,
    building: (id) => buildingNames.get(id) ?? id,
  });
}

export interface OpenRoundRequest {
  principal: Principal;
  communityId: string;
  input: {
    title: string;
    description: string;
    totalAmount: number;
    scope: TopicScope;
    basis: RoundBasis;
    secrecy: 'secret' | 'open';
    schedule: RoundSchedule;
    requestId: string;
  };
  now: Date;
}

/**
 * 发起民生微实事: the round opens in 点单 at once. The scope is checked against the roster (its
 * buildings must exist and hold units) and named in words; the electorate itself is frozen later,
 * when voting opens. The round and the notice to its scope are one transaction.
 */
export async function openRound({ principal, communityId, input, now }: OpenRoundRequest): Promise<string> {
  const schedule = Object.fromEntries(
    Object.entries(input.schedule).map(([k, v]) => [k, new Date(v).toISOString()]),
  ) as unknown as RoundSchedule;
  if (schedule.proposingUntil <= now.toISOString())
    throw badRequest('点单截止时间须晚于现在', [
      { field: 'body.schedule.proposingUntil', message: '点单截止时间须晚于现在' },
    ]);
  const inScope = await computeElectorate({ communityId, scope: input.scope, basis: 'household', now });
  const names = new Map(Object.entries(inScope.byBuilding).map(([id, b]) => [id, b.name]));
  const roundId = roundIdOf(communityId, principal.userId, input.requestId);
  const fingerprint = requestFingerprint({
    route: 'budget.openRound',
    caller: principal.userId,
    params: { communityId },
    body: input,
  });
  const createdAt = now.toISOString();
  const round: RoundFields = {
    communityId,
    roundId,
    title: input.title,
    description: input.description,
    totalAmount: input.totalAmount,
    scope: input.scope,
    scopeLabel: await scopeLabelOf(communityId, input.scope, names),
    basis: input.basis,
    secrecy: input.secrecy,
    schedule,
    phase: 'proposing',
    createdBy: principal.userId,
    createdAt,
    requestId: input.requestId,
    requestFingerprint: fingerprint,
    projectCount: 0,
    pendingScreening: 0,
    eligibleCount: 0,
    openObjections: 0,
    unfinished: 0,
    phaseChanges: [],
  };
  noteStaffChange({ objectId: roundId });
  try {
    await transact({
      round: budgetRounds.transactPut(
        { ...round, ...roundIndexKeys(round) },
        { condition: { attr: 'roundId', exists: false } },
      ),
      notice: phaseNotice(round, 'proposing', now, { until: schedule.proposingUntil }),
    });
  } catch (error) {
    // A retry of the same request finds its round.
    if (!failedWrites(error)?.has('round')) throw error;
    const existing = await loadRound(communityId, roundId, true);
    if (existing.createdBy !== principal.userId) throw conflict('请求编号重复，请重试');
    assertSameRequest(existing.requestFingerprint, fingerprint);
  }
  return roundId;
}

/** 民生微实事列表: every round of the community, newest first, with my vote's state where voting is on. */
export async function listRounds(principal: Principal, communityId: string, now: Date) {
  const rounds = await roundsOf(communityId);
  const voted = new Set<string>();
  await Promise.all(
    rounds
      .filter((r) => r.phase === 'voting')
      .map(async (r) => {
        const cast = await participationsOf(communityId, r.roundId, candidateKeys(principal, r));
        if (cast.size) voted.add(r.roundId);
      }),
  );
  return { items: rounds.map((r) => roundSummary(r, { principal, now, voted: voted.has(r.roundId) })) };
}

/** 预算轮次页: the round, its projects, my seats and whether they voted, the result and the objections. */
export async function getRound(user: UserItem, principal: Principal, communityId: string, roundId: string, now: Date) {
  const round = await loadRound(communityId, roundId, true);
  const [projects, result, seats, objections] = await Promise.all([
    projectsOf(communityId, roundId),
    round.phase === 'publicity' || round.phase === 'implementation' || round.phase === 'acceptance'
      ? resultOf(communityId, roundId)
      : undefined,
    budgetSeatsOf(user, principal, round),
    objectionsOf(communityId, roundId),
  ]);
  const [supported, cast] = await Promise.all([
    mySupports(
      communityId,
      roundId,
      principal.userId,
      projects.map((p) => p.projectId),
    ),
    participationsOf(
      communityId,
      roundId,
      seats.map((s) => s.voterKey),
    ),
  ]);
  return roundView(round, { principal, now, projects, supported, seats, cast, result, objections });
}

/**
 * 提前结束当前阶段: the committee ends 点单, 审核, 评议 or 投票 before its date, with a reason that goes
 * on the round for everyone to see. `from` names the phase the committee saw, so two members pressing
 * at once move the round once.
 */
export async function advanceRound(req: {
  by: Mover;
  communityId: string;
  roundId: string;
  from: RoundPhase;
  reason: string;
  now: Date;
}) {
  const round = await loadRound(req.communityId, req.roundId, true);
  if (round.phase !== req.from)
    throw conflict(`该轮已进入${ROUND_PHASE_LABELS[round.phase]}阶段，请刷新`, 'ILLEGAL_TRANSITION');
  if (!EARLY_ENDABLE.includes(round.phase))
    throw conflict(`${ROUND_PHASE_LABELS[round.phase]}阶段不能提前结束`, 'ILLEGAL_TRANSITION');
  noteStaffChange({ before: { phase: round.phase }, after: { phase: nextPhaseOf(round.phase), reason: req.reason } });
  await moveRound({ round, by: req.by, reason: req.reason, early: true, now: req.now });
}
