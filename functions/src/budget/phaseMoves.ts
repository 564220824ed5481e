import { createHash } from 'node:crypto';
import { $add, $append, $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  chinaDateTimeText,
  NEXT_PHASE,
  OBJECTION_PERIOD_DAYS,
  ROUND_PHASE_LABELS,
  scopeAudience,
  SELECTION_STATUS_LABELS,
  selectProjects,
  yuanText,
  type BudgetResultView,
  type RoundPhase,
} from '@linli/shared';
import { allBoxes } from '../db/ballotBoxNumbers';
import { budgetBallotBoxes } from '../db/entities/budgetBallotBox';
import type { BudgetBallotItem } from '../db/entities/budgetBallot';
import { budgetResults } from '../db/entities/budgetResult';
import {
  budgetRounds,
  roundIndexKeys,
  roundScopeOf,
  type BudgetRoundItem,
  type RoundFields,
} from '../db/entities/budgetRound';
import type { WriteTx } from '../db/transactions';
import { addDays } from '@linli/shared';
import { logger } from '../commons/logger';
import { badRequest, conflict } from '../http/errors';
import { notificationIntent } from '../notifications/outbox';
import { computeElectorate } from '../agora/electorate';
import { ballotsOf, loadRound, projectsOf, votersOf } from './queries';
import { roundLink } from './views';
import { failedWrites, transact } from '../db/transactions';

/** Who moved a round: the committee (early, with a reason) or the clock (on the date). */
export interface Mover {
  userId: string;
  name: string;
}
export const CLOCK: Mover = { userId: 'system', name: '系统' };
const ON_TIME = '到达预定时间';

/** What residents in scope are told when a round enters a phase. */
function noticeOf(round: RoundFields, to: RoundPhase, extra: { until?: string; summary?: string }): string {
  const until = extra.until ? chinaDateTimeText(new Date(extra.until)) : '';
  switch (to) {
    case 'proposing':
      return `新一轮民生微实事开始点单：预算 ${yuanText(round.totalAmount)}，${until}截止，欢迎提出项目、为邻居的项目附议`;
    case 'screening':
      return '点单已截止，居委会正在审核各项提议、核定预算';
    case 'deliberation':
      return `审核完成，${round.eligibleCount ?? 0} 个项目进入评议，欢迎发表意见`;
    case 'voting':
      return `投票已开始，${until}截止：请在 ${yuanText(round.totalAmount)} 预算内选择支持的项目`;
    case 'publicity':
      return `${extra.summary ?? '评选结果已公布'}公示 ${OBJECTION_PERIOD_DAYS} 天，${until}前可提出异议`;
    case 'implementation':
      return '公示期结束，入选项目开始实施，每月公开进度和支出';
    case 'acceptance':
      return '入选项目已全部完工，请为项目验收评价';
    default:
      return `进入${ROUND_PHASE_LABELS[to]}阶段`;
  }
}

/** The "phase changed" notice to the round's scope, in the same transaction as the move. */
export function phaseNotice(
  round: RoundFields,
  to: RoundPhase,
  now: Date,
  extra: { until?: string; summary?: string } = {},
): WriteTx {
  return notificationIntent(
    {
      communityId: round.communityId,
      event: 'budget.phaseChanged',
      dedupeKey: `${round.roundId}:${to}`,
      audience: scopeAudience(roundScopeOf(round)),
      title: `民生微实事：${round.title}`,
      body: noticeOf(round, to, extra),
      link: roundLink(round.communityId, round.roundId),
      data: {
        title: round.title,
        phase: ROUND_PHASE_LABELS[to],
        until: extra.until ? chinaDateTimeText(new Date(extra.until)) : '',
      },
    },
    now,
  );
}

const change = (from: RoundPhase, to: RoundPhase, by: Mover, reason: string, early: boolean, now: Date) => ({
  from,
  to,
  reason,
  by: by.userId,
  byName: by.name,
  at: now.toISOString(),
  early,
});

/**
 * The round's own update for a move: the phase, the log entry, its index keys (it leaves the clock's
 * index where the next phase has no date), on the condition that it is still in the phase it leaves.
 */
function roundMove(
  round: BudgetRoundItem,
  to: RoundPhase,
  by: Mover,
  reason: string,
  early: boolean,
  now: Date,
  opts: {
    schedule?: Partial<BudgetRoundItem['schedule']>;
    publicityUntil?: string;
    set?: Record<string, unknown>;
    and?: object[];
  } = {},
): WriteTx {
  const schedule = { ...round.schedule, ...opts.schedule };
  const keys = roundIndexKeys({
    ...round,
    phase: to,
    schedule,
    publicityUntil: opts.publicityUntil ?? round.publicityUntil,
  });
  return budgetRounds.transactUpdate(
    {
      communityId: round.communityId,
      roundId: round.roundId,
      phase: to,
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
      ...(opts.publicityUntil ? { publicityUntil: opts.publicityUntil } : {}),
      ...opts.set,
      phaseChanges: $append([change(round.phase, to, by, reason, early, now)]),
      ...keys,
      ...('GSI2PK' in keys ? {} : { GSI2PK: $remove(), GSI2SK: $remove() }),
    } as never,
    { condition: { and: [{ attr: 'phase', eq: round.phase }, ...(opts.and ?? [])] } as never },
  );
}

/**
 * The last selected project finished: the round moves to 验收 with the same write that counts it off
 * (condition: it was the last one), and its scope is told.
 */
export function acceptanceWrites(round: BudgetRoundItem, by: Mover, now: Date) {
  return {
    round: roundMove(round, 'acceptance', by, '入选项目全部完工', false, now, {
      set: { unfinished: $add(-1) },
      and: [{ attr: 'unfinished', eq: 1 }],
    }),
    notice: phaseNotice(round, 'acceptance', now),
  };
}

/** Why the committee may not end a phase now, or undefined. */
function moveProblem(round: BudgetRoundItem): string | undefined {
  if (round.phase === 'screening' && (round.pendingScreening ?? 0) > 0)
    return `还有 ${round.pendingScreening} 个提议没有审核，审核完后才能进入评议`;
  if (round.phase === 'deliberation' && (round.eligibleCount ?? 0) === 0) return '没有符合条件的项目，不能开始投票';
  return undefined;
}

/**
 * Moves a round from the phase it is in to the next, as the clock does on the date or the committee
 * does early with a reason. Each move is one transaction conditioned on the phase it leaves and on what
 * the next phase needs (every proposal screened; a project to vote on; no objection unanswered), with
 * the notice to the round's scope. Entering voting freezes the electorate and opens the ballot boxes;
 * leaving it shuts them and counts at once. Returns false when the round had already moved on or is not
 * ready (the clock tries again on its next run).
 */
export async function moveRound(args: {
  round: BudgetRoundItem;
  by: Mover;
  reason?: string;
  early: boolean;
  now: Date;
  /** A new close of voting, when the committee opens voting (the planned one may be too near). */
  votingUntil?: string;
}): Promise<boolean> {
  const { round, by, early, now } = args;
  const reason = args.reason ?? ON_TIME;
  const problem = moveProblem(round);
  if (problem) {
    if (early) throw conflict(problem, 'ILLEGAL_TRANSITION');
    return false;
  }
  const at = now.toISOString();
  const base = { communityId: round.communityId, roundId: round.roundId };
  try {
    switch (round.phase) {
      case 'proposing':
        await transact({
          round: roundMove(round, 'screening', by, reason, early, now, {
            schedule: early ? { proposingUntil: at } : undefined,
          }),
          notice: phaseNotice(round, 'screening', now),
        });
        return true;
      case 'screening':
        await transact({
          round: roundMove(round, 'deliberation', by, reason, early, now, {
            schedule: early ? { screeningUntil: at } : undefined,
            and: [{ attr: 'pendingScreening', eq: 0 }],
          }),
          notice: phaseNotice(round, 'deliberation', now),
        });
        return true;
      case 'deliberation': {
        const closesAt = args.votingUntil ? new Date(args.votingUntil).toISOString() : round.schedule.votingUntil;
        if (closesAt <= at) {
          if (!early) {
            logger.warn('budget round cannot open voting: its close is past', base);
            return false;
          }
          throw badRequest('投票截止时间须晚于现在', [
            { field: 'body.votingUntil', message: '请重新设定投票截止时间' },
          ]);
        }
        const electorate = await computeElectorate({
          communityId: round.communityId,
          scope: roundScopeOf(round),
          basis: round.basis,
          now,
        });
        await transact({
          round: roundMove(round, 'voting', by, reason, early, now, {
            schedule: { ...(early ? { deliberationUntil: at } : {}), votingUntil: closesAt },
            set: {
              // A whole new map: an update would otherwise merge into an `electorate` that is not there.
              electorate: $set({
                heads: electorate.heads,
                frozenAt: electorate.frozenAt,
                buildings: Object.fromEntries(Object.keys(electorate.byBuilding).map((b) => [b, true])),
              }),
            },
            and: [{ attr: 'eligibleCount', gt: 0 }],
          }),
          boxes: allBoxes().map((box) =>
            budgetBallotBoxes.transactPut({ ...base, box, open: true, opensAt: at, closesAt }),
          ),
          notice: phaseNotice(round, 'voting', now, { until: closesAt }),
        });
        return true;
      }
      case 'voting':
        await closeVoting(round, by, reason, early, now);
        return true;
      case 'counting':
        return (await publishResult(round.communityId, round.roundId, now)) === 'published';
      case 'publicity': {
        if (!round.publicityUntil || round.publicityUntil > at)
          throw conflict(
            `公示期到 ${chinaDateTimeText(new Date(round.publicityUntil ?? at))} 结束`,
            'ILLEGAL_TRANSITION',
          );
        const to = (round.unfinished ?? 0) > 0 ? 'implementation' : 'acceptance';
        await transact({
          round: roundMove(round, to, by, reason, early, now, { and: [{ attr: 'openObjections', eq: 0 }] }),
          notice: phaseNotice(round, to, now),
        });
        return true;
      }
      default:
        throw conflict(`${ROUND_PHASE_LABELS[round.phase]}阶段不能手动结束`, 'ILLEGAL_TRANSITION');
    }
  } catch (error) {
    if (!failedWrites(error)?.has('round')) throw error;
    if (!early) return false;
    const fresh = await loadRound(round.communityId, round.roundId, true);
    throw conflict(
      fresh.phase !== round.phase
        ? `该轮已进入${ROUND_PHASE_LABELS[fresh.phase]}阶段`
        : (moveProblem(fresh) ?? '有异议尚未答复，不能结束公示'),
      'ILLEGAL_TRANSITION',
    );
  }
}

/**
 * 投票截止: one transaction moves the round to counting and shuts every ballot box (after it no cast can
 * succeed; an early close records the new close time), then the ballots are counted and published.
 */
async function closeVoting(round: BudgetRoundItem, by: Mover, reason: string, early: boolean, now: Date) {
  const at = now.toISOString();
  if (!early && round.schedule.votingUntil > at) return;
  try {
    await transact({
      round: roundMove(round, 'counting', by, reason, early, now, {
        schedule: early ? { votingUntil: at } : undefined,
        and: early ? [] : [{ attr: 'schedule.votingUntil', lte: at }],
      }),
      boxes: allBoxes().map((box) =>
        budgetBallotBoxes.transactUpdate({ communityId: round.communityId, roundId: round.roundId, box, open: false }),
      ),
    });
  } catch (error) {
    // Closed already (the clock and the committee at once): whoever is first, the count happens once.
    if (!failedWrites(error)?.has('round')) throw error;
  }
  await publishResult(round.communityId, round.roundId, now);
}

/** Fingerprint of the ballots counted (receipt, projects, total; in receipt order): same digest, same ballots. */
export function ballotsDigest(items: BudgetBallotItem[]): string {
  const lines = items.map((b) => `${b.receipt}:${[...b.projectIds].sort().join(',')}:${b.total}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * 计票: from the ballots themselves (never from a counter) — votes per project, then the greedy
 * selection within the budget (shared/src/budget/selection.ts), with the rule and the ties in words.
 */
export async function countRound(
  round: BudgetRoundItem,
  now: Date,
): Promise<{ result: BudgetResultView; selected: string[] }> {
  const [ballots, voters, projects] = await Promise.all([
    ballotsOf(round.communityId, round.roundId),
    votersOf(round.communityId, round.roundId),
    projectsOf(round.communityId, round.roundId, true),
  ]);
  const votes = new Map<string, number>();
  for (const b of ballots) for (const id of new Set(b.projectIds)) votes.set(id, (votes.get(id) ?? 0) + 1);
  const candidates = projects
    .filter((p) => p.status === 'eligible' && p.cost !== undefined)
    .map((p) => ({
      projectId: p.projectId,
      title: p.title,
      cost: p.cost as number,
      votes: votes.get(p.projectId) ?? 0,
      proposedAt: p.proposedAt,
    }));
  const s = selectProjects(round.totalAmount, candidates);
  const title = new Map(candidates.map((c) => [c.projectId, c.title]));
  const result: BudgetResultView = {
    countedAt: now.toISOString(),
    budget: s.budget,
    allocated: s.allocated,
    leftover: s.leftover,
    ballots: ballots.length,
    electorate: round.electorate?.heads ?? 0,
    rule: s.rule,
    summary: s.summary,
    ranked: s.ranked.map((p) => ({
      projectId: p.projectId,
      title: p.title,
      cost: p.cost,
      votes: p.votes,
      rank: p.rank,
      status: p.status,
      statusLabel: SELECTION_STATUS_LABELS[p.status],
      remainingBefore: p.remainingBefore,
    })),
    ties: s.ties.map((t) => ({ votes: t.votes, titles: t.projectIds.map((id) => title.get(id) ?? id) })),
    digest: ballotsDigest(ballots),
    integrity: {
      participations: voters.length,
      ballots: ballots.length,
      consistent: voters.length === ballots.length && ballots.every((b) => b.total <= round.totalAmount),
    },
  };
  return { result, selected: s.selected };
}

/**
 * 公示: the count written once as the immutable result, the round moved to publicity with its 7-day
 * objection period and the number of projects to implement, and the notice — one transaction
 * conditioned on the round still counting. Running it twice publishes once.
 */
export async function publishResult(
  communityId: string,
  roundId: string,
  now: Date,
): Promise<'published' | 'alreadyPublished' | 'notCounting'> {
  const round = await loadRound(communityId, roundId, true);
  if (round.phase !== 'counting') return round.publicityUntil ? 'alreadyPublished' : 'notCounting';
  const { result, selected } = await countRound(round, now);
  const publicityUntil = addDays(now, OBJECTION_PERIOD_DAYS).toISOString();
  try {
    await transact({
      result: budgetResults.transactPut(
        { communityId, roundId, countedAt: result.countedAt, digest: result.digest, selected, result },
        { condition: { attr: 'roundId', exists: false } },
      ),
      round: roundMove(round, 'publicity', CLOCK, '计票完成', false, now, {
        publicityUntil,
        set: { unfinished: selected.length },
      }),
      notice: phaseNotice(round, 'publicity', now, {
        until: publicityUntil,
        summary: result.summary.split('。')[0] + '。',
      }),
    });
  } catch (error) {
    if (!failedWrites(error)?.size) throw error;
    return 'alreadyPublished';
  }
  logger.info('budget round published', { communityId, roundId, ballots: result.ballots, selected: selected.length });
  return 'published';
}

export const nextPhaseOf = (phase: RoundPhase) => NEXT_PHASE[phase];
