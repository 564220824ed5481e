import { ballotProblem, chinaDateTimeText, type Principal } from '@linli/shared';
import { boxOf } from '../db/ballotBoxNumbers';
import { budgetBallotBoxes } from '../db/entities/budgetBallotBox';
import { budgetBallots } from '../db/entities/budgetBallot';
import { budgetParticipations, voterIndexKeys } from '../db/entities/budgetParticipation';
import type { BudgetRoundItem } from '../db/entities/budgetRound';
import type { UserItem } from '../db/entities/user';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { receiptOf } from '../agora/receipts';
import { loadRound, projectsOf } from './queries';
import { budgetSeatsOf } from './seats';
import { failedWrites, transact } from '../db/transactions';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';

/**
 * A budget ballot's receipt: the 议事厅's HMAC under the ballot secret, over a name space of its own
 * (`budget-<round>`), so it looks random, is not time-ordered, and only code holding the secret goes
 * from a voter to their ballot.
 */
export const budgetReceiptOf = (communityId: string, roundId: string, voterKey: string) =>
  receiptOf({ communityId, topicId: `budget-${roundId}`, voterKey, version: 1 });

function windowProblem(round: BudgetRoundItem, now: Date): string | undefined {
  if (round.phase === 'counting' || ['publicity', 'implementation', 'acceptance'].includes(round.phase))
    return '投票已截止';
  if (round.phase !== 'voting') return '本轮尚未开始投票';
  if (now.toISOString() >= round.schedule.votingUntil) return '投票已截止';
  return undefined;
}

/**
 * 投票: the projects a voter (person or household, as the round says) supports, whose costs add up to at
 * most the budget — checked against the costs fixed at screening (they cannot change once voting is
 * open), so an over-budget selection is a 400 on `body.projectIds`. One ballot per voter: the
 * participation put is conditioned on none existing, in one transaction with the anonymous ballot and
 * the check that the voter's ballot box is open. The same request retried gets the same receipt; a
 * second ballot for the same voter is 409 ALREADY_VOTED (budget ballots cannot be changed).
 */
export async function castBudgetBallot(req: {
  user: UserItem;
  principal: Principal;
  communityId: string;
  roundId: string;
  projectIds: string[];
  voterKey?: string;
  requestId: string;
  now: Date;
}): Promise<{ receipt: string; total: number }> {
  const { user, principal, communityId, roundId, now } = req;
  const round = await loadRound(communityId, roundId, true);
  const problem = windowProblem(round, now);
  if (problem) throw conflict(problem, 'POLL_NOT_OPEN');
  const seats = await budgetSeatsOf(user, principal, round);
  if (!seats.length) throw forbidden('您不在本轮投票的范围内（需在投票开始前绑定范围内的房屋）');
  const seat = req.voterKey ? seats.find((s) => s.voterKey === req.voterKey) : seats[0];
  if (!seat) throw forbidden('您不能代表该户投票');

  const projects = (await projectsOf(communityId, roundId))
    .filter((p) => p.status === 'eligible' && p.cost !== undefined)
    .map((p) => ({ projectId: p.projectId, cost: p.cost as number }));
  const invalid = ballotProblem({ budget: round.totalAmount, projects }, req.projectIds);
  if (invalid) throw badRequest(invalid, [{ field: 'body.projectIds', message: invalid }]);
  const total = projects.filter((p) => req.projectIds.includes(p.projectId)).reduce((n, p) => n + p.cost, 0);

  const key = { communityId, roundId, voterKey: seat.voterKey };
  // The seat scopes the key (another household is another ballot); the rest of the request is fingerprinted.
  const fingerprint = requestFingerprint({
    route: 'budget.castBallot',
    caller: user.userId,
    params: { communityId, roundId, voterKey: seat.voterKey },
    body: { projectIds: [...req.projectIds].sort(), requestId: req.requestId },
  });
  const receipt = await budgetReceiptOf(communityId, roundId, seat.voterKey);
  const castAt = now.toISOString();
  try {
    await transact({
      box: budgetBallotBoxes.transactCheck(
        { communityId, roundId, box: boxOf(seat.voterKey) },
        {
          and: [
            { attr: 'open', eq: true },
            { attr: 'opensAt', lte: castAt },
            { attr: 'closesAt', gt: castAt },
          ],
        },
      ),
      voter: budgetParticipations.transactPut(
        {
          ...key,
          label: seat.label,
          version: 1,
          castBy: user.userId,
          castByName: user.nickname,
          castAt,
          requestId: req.requestId,
          requestFingerprint: fingerprint,
          ...voterIndexKeys({ castBy: user.userId, castAt, roundId }),
        },
        { condition: { attr: 'voterKey', exists: false } },
      ),
      ballot: budgetBallots.transactPut(
        {
          communityId,
          roundId,
          receipt,
          projectIds: [...req.projectIds].sort(),
          total,
          voterLabel: round.secrecy === 'open' ? seat.label : undefined,
        },
        { condition: { attr: 'receipt', exists: false } },
      ),
    });
    return { receipt, total };
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('box')) throw conflict('投票已截止', 'POLL_NOT_OPEN');
    if (!failed?.has('voter')) throw error;
  }
  // This voter has a ballot: the same request retried gets its receipt, anyone else is told who voted.
  const { Item: existing } = await budgetParticipations.get(key, { consistent: true });
  if (!existing) throw conflict('投票记录刚刚发生变化，请重试');
  if (existing.requestId === req.requestId) {
    assertSameRequest(existing.requestFingerprint, fingerprint);
    const { Item: ballot } = await budgetBallots.get({ communityId, roundId, receipt }, { consistent: true });
    return { receipt, total: ballot?.total ?? total };
  }
  throw conflict(
    `${seat.voterKey.startsWith('P_') ? '您' : '本户'}已于 ${chinaDateTimeText(new Date(existing.castAt))} 由 ${existing.castByName} 投票，每${seat.voterKey.startsWith('P_') ? '人' : '户'}只能投一次`,
    'ALREADY_VOTED',
  );
}

/**
 * 核验: whether the ballot with this receipt is in the box, and whether the published count includes it.
 * Never what it chose — a receipt that showed the choice would let a voter prove their vote to someone
 * else — and never who cast it.
 */
export async function checkBudgetReceipt(communityId: string, roundId: string, receipt: string) {
  const round = await loadRound(communityId, roundId);
  const { Item } = await budgetBallots.get({ communityId, roundId, receipt }, { consistent: true });
  if (!Item) throw notFound('核验码对应的选票');
  const published = ['publicity', 'implementation', 'acceptance'].includes(round.phase);
  return { receipt: Item.receipt, inBox: true, counted: published };
}
