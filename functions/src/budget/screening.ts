import { $add, $append, $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { SCREENABLE, type Principal } from '@linli/shared';
import { budgetProjects, type BudgetProjectItem } from '../db/entities/budgetProject';
import { budgetRounds } from '../db/entities/budgetRound';
import { badRequest, conflict, notFound } from '../http/errors';
import { budgetLinkWrites, caseForBudget } from '../grievances/budgetLink';
import type { Mover } from './phaseMoves';
import { loadProject } from './queries';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';

/** The round's counters move with a screening, on the condition that screening is still open. */
const roundCounters = (
  communityId: string,
  roundId: string,
  delta: { pendingScreening: number; eligibleCount: number },
) =>
  budgetRounds.transactUpdate(
    {
      communityId,
      roundId,
      ...(delta.pendingScreening ? { pendingScreening: $add(delta.pendingScreening) } : {}),
      ...(delta.eligibleCount ? { eligibleCount: $add(delta.eligibleCount) } : {}),
    },
    { condition: { or: SCREENABLE.map((phase) => ({ attr: 'phase', eq: phase })) } as never },
  );

const screeningClosed = () => conflict('审核已结束', 'ILLEGAL_TRANSITION');

/**
 * 审核: the committee marks a proposal eligible (with its cost estimate, which the ballot counts) or
 * not (with the reason residents see), while 点单 and 审核 last; it may change its mind until then.
 * The project's condition is the status it was read in; the round's counters (awaiting screening,
 * eligible) move with it in one transaction.
 */
export async function screenProject(req: {
  by: Mover;
  communityId: string;
  roundId: string;
  projectId: string;
  input: { eligible: boolean; cost?: number; reason?: string };
  now: Date;
}) {
  const { by, communityId, roundId, projectId, input, now } = req;
  const p = await loadProject(communityId, roundId, projectId, true);
  if (p.status === 'merged') throw conflict('已合并的提议不能审核', 'ILLEGAL_TRANSITION');
  const to = input.eligible ? ('eligible' as const) : ('ineligible' as const);
  noteStaffChange({
    before: { status: p.status, cost: p.cost, reason: p.screening?.reason },
    after: { status: to, cost: input.eligible ? input.cost : undefined, reason: input.reason },
  });
  try {
    await transact({
      project: budgetProjects.transactUpdate(
        {
          communityId,
          roundId,
          projectId,
          status: to,
          cost: input.eligible ? input.cost : $remove(),
          screening: $set({
            eligible: input.eligible ? 'yes' : 'no',
            reason: input.reason,
            by: by.userId,
            byName: by.name,
            at: now.toISOString(),
          }),
        },
        { condition: { attr: 'status', eq: p.status } },
      ),
      round: roundCounters(communityId, roundId, {
        pendingScreening: p.status === 'proposed' ? -1 : 0,
        eligibleCount: (to === 'eligible' ? 1 : 0) - (p.status === 'eligible' ? 1 : 0),
      }),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw screeningClosed();
    if (failed?.has('project')) throw conflict('该提议刚刚被审核过，请刷新后再试');
    throw error;
  }
}

/**
 * 合并相似提议: each duplicate becomes `merged` into the project (it leaves the vote and its requests
 * join the project's), the project lists what it absorbed, and the round's counters move — one
 * transaction, each project conditioned on the status it was read in.
 */
export async function mergeProjects(req: {
  communityId: string;
  roundId: string;
  projectId: string;
  duplicateIds: string[];
  reason: string;
}) {
  const { communityId, roundId, projectId, duplicateIds, reason } = req;
  if (duplicateIds.includes(projectId))
    throw badRequest('不能把项目合并到它自己', [{ field: 'body.duplicateIds', message: '请选择其他相似提议' }]);
  const target = await loadProject(communityId, roundId, projectId, true);
  if (target.status !== 'proposed' && target.status !== 'eligible')
    throw conflict('只能合并到待审核或进入投票的项目', 'ILLEGAL_TRANSITION');
  const duplicates: BudgetProjectItem[] = [];
  for (const id of duplicateIds) {
    const found = await loadProject(communityId, roundId, id, true).catch(() => undefined);
    if (!found) throw notFound('相似提议');
    if (found.status === 'merged') throw conflict(`「${found.title}」已合并到其他项目`, 'ILLEGAL_TRANSITION');
    duplicates.push(found);
  }
  const requests = duplicates.flatMap((d) => d.grievanceIds ?? []);
  try {
    await transact({
      target: budgetProjects.transactUpdate(
        {
          communityId,
          roundId,
          projectId,
          mergedFrom: $append(duplicates.map((d) => ({ projectId: d.projectId, title: d.title }))),
          ...(requests.length ? { grievanceIds: $append(requests) } : {}),
        },
        { condition: { attr: 'status', eq: target.status } },
      ),
      duplicates: duplicates.map((d) =>
        budgetProjects.transactUpdate(
          {
            communityId,
            roundId,
            projectId: d.projectId,
            status: 'merged',
            cost: $remove(),
            mergedInto: $set({ projectId, title: target.title, reason }),
          },
          { condition: { attr: 'status', eq: d.status } },
        ),
      ),
      round: roundCounters(communityId, roundId, {
        pendingScreening: -duplicates.filter((d) => d.status === 'proposed').length,
        eligibleCount: -duplicates.filter((d) => d.status === 'eligible').length,
      }),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw screeningClosed();
    if (failed?.size) throw conflict('有提议刚刚被审核或合并，请刷新后再试');
    throw error;
  }
}

/**
 * 关联诉求: the committee records that a project answers a request (诉求) — the request then shows the
 * project, and the project (finished or not) lists the request. One transaction with the request's
 * side (grievances/budgetLink.ts); a request already linked here is a retry and writes nothing.
 */
export async function linkRequest(req: {
  principal: Principal;
  actor: Mover;
  communityId: string;
  roundId: string;
  projectId: string;
  grievanceId: string;
  now: Date;
}) {
  const { principal, communityId, roundId, projectId, grievanceId, now } = req;
  const project = await loadProject(communityId, roundId, projectId, true);
  if (project.status === 'merged')
    throw conflict(`该提议已合并到「${project.mergedInto?.title ?? ''}」，请关联到合并后的项目`);
  if ((project.grievanceIds ?? []).includes(grievanceId)) return;
  const source = await caseForBudget(principal, communityId, grievanceId, projectId);
  try {
    await transact({
      project: budgetProjects.transactUpdate(
        { communityId, roundId, projectId, grievanceIds: $append([grievanceId]) },
        { condition: { attr: 'projectId', exists: true } },
      ),
      grievance: budgetLinkWrites(source, { roundId, projectId, title: project.title }, req.actor, now),
    });
  } catch (error) {
    if (failedWrites(error)?.has('grievance')) throw conflict('该诉求刚刚纳入了其他民生微实事项目');
    throw error;
  }
}
