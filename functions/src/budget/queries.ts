import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import type { BudgetBallotItem } from '../db/entities/budgetBallot';
import type { BudgetCommentItem } from '../db/entities/budgetComment';
import type { BudgetObjectionItem } from '../db/entities/budgetObjection';
import type { BudgetParticipationItem } from '../db/entities/budgetParticipation';
import type { BudgetProgressItem } from '../db/entities/budgetProgress';
import { budgetProjects, type BudgetProjectItem } from '../db/entities/budgetProject';
import { budgetResults, type BudgetResultItem } from '../db/entities/budgetResult';
import { budgetRounds, type BudgetRoundItem } from '../db/entities/budgetRound';
import { budget } from '../db/registries/budget';
import { budgetSupports, type BudgetSupportItem } from '../db/entities/budgetSupport';
import { LinliTable } from '../db/table';
import { notFound } from '../http/errors';

/*
 * The reads the budget services share, over the named access patterns of `db/registries/budget.ts`
 * (docs/DATA.md, B1–B13): services never build a key or a query of their own.
 */

export async function loadRound(communityId: string, roundId: string, consistent = false): Promise<BudgetRoundItem> {
  const { Item } = await budgetRounds.get({ communityId, roundId }, { consistent });
  if (!Item) throw notFound('预算轮次');
  return Item;
}

export async function loadProject(
  communityId: string,
  roundId: string,
  projectId: string,
  consistent = false,
): Promise<BudgetProjectItem> {
  const { Item } = await budgetProjects.get({ communityId, roundId, projectId }, { consistent });
  if (!Item) throw notFound('项目');
  return Item;
}

/** B1: a community's rounds, newest first. */
export async function roundsOf(communityId: string): Promise<BudgetRoundItem[]> {
  const { Items = [] } = await budget.query.rounds({ communityId }).send();
  return Items;
}

/** B2: every project of a round (proposals, merged ones included), oldest first. */
export async function projectsOf(
  communityId: string,
  roundId: string,
  consistent = false,
): Promise<BudgetProjectItem[]> {
  const { Items = [] } = await budget.query.projectsOf({ communityId, roundId, consistent }).send();
  return Items.sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : 0));
}

/** B2: the published selection, once there is one. */
export async function resultOf(communityId: string, roundId: string): Promise<BudgetResultItem | undefined> {
  return (await budgetResults.get({ communityId, roundId })).Item;
}

/** B2: which of these projects this person has supported (附议). */
export async function mySupports(
  communityId: string,
  roundId: string,
  userId: string,
  projectIds: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < projectIds.length; i += 100) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...projectIds
          .slice(i, i + 100)
          .map((projectId) => budgetSupports.batchGet({ communityId, roundId, projectId, userId })),
      ),
    );
    for (const s of (Responses?.[0] ?? []) as (BudgetSupportItem | undefined)[]) if (s) found.add(s.projectId);
  }
  return found;
}

export { participationsOf } from './participations';

/** B2, B13: a round's objections, oldest first. */
export async function objectionsOf(communityId: string, roundId: string): Promise<BudgetObjectionItem[]> {
  const { Items = [] } = await budget.query.objectionsOf({ communityId, roundId }).send();
  return Items.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
}

/** B8: rounds whose current phase has ended by its date (or is being counted), across communities. */
export async function roundsDue(now: Date): Promise<BudgetRoundItem[]> {
  const { Items = [] } = await budget.query.roundsDue({ dueBy: now.toISOString() }).send();
  return Items;
}

/** B10: every ballot of a round, read back from the table (strongly consistent, all pages). */
export async function ballotsOf(communityId: string, roundId: string): Promise<BudgetBallotItem[]> {
  const { Items = [] } = await budget.query.ballotsOf({ communityId, roundId }).send();
  return Items;
}

/** B10: every "who voted" record of a round. */
export async function votersOf(communityId: string, roundId: string): Promise<BudgetParticipationItem[]> {
  const { Items = [] } = await budget.query.votersOf({ communityId, roundId }).send();
  return Items;
}

/** B11: a project's monthly reports, oldest first. */
export async function reportsOf(
  communityId: string,
  roundId: string,
  projectId: string,
): Promise<BudgetProgressItem[]> {
  const { Items = [] } = await budget.query.progressOf({ communityId, roundId, projectId }).send();
  return Items;
}

/** B12: a project's comments and 居民议事会 notes, oldest first. */
export async function commentsOf(
  communityId: string,
  roundId: string,
  projectId: string,
): Promise<BudgetCommentItem[]> {
  const { Items = [] } = await budget.query.commentsOf({ communityId, roundId, projectId }).send();
  return Items.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
