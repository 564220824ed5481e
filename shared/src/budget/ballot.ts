import { yuanText } from './money';

/**
 * A 民生微实事 ballot: the projects a voter supports, whose costs add up to at most the round's budget.
 * The mini-program shows the running total and refuses to send an over-budget selection; the API
 * applies the same rule (400 on `body.projectIds`), so a client that skips the check gets nowhere.
 */
export interface BallotProject {
  projectId: string;
  cost: number;
}

/** The sum of the chosen projects' costs (unknown ids count nothing). */
export function ballotTotal(projects: readonly BallotProject[], chosen: readonly string[]): number {
  const cost = new Map(projects.map((p) => [p.projectId, p.cost]));
  return chosen.reduce((sum, id) => sum + (cost.get(id) ?? 0), 0);
}

/** Why a selection cannot be cast, in words for the voter; undefined when it can. */
export function ballotProblem(
  round: { budget: number; projects: readonly BallotProject[] },
  chosen: readonly string[],
): string | undefined {
  if (chosen.length === 0) return '请至少选择一个项目';
  if (new Set(chosen).size !== chosen.length) return '同一个项目只能选一次';
  const known = new Set(round.projects.map((p) => p.projectId));
  if (chosen.some((id) => !known.has(id))) return '所选项目不在本轮投票中，请刷新后重选';
  const total = ballotTotal(round.projects, chosen);
  if (total > round.budget)
    return `所选项目合计 ${yuanText(total)}，超出预算 ${yuanText(total - round.budget)}，请减少项目`;
  return undefined;
}

/** Whether one more project still fits: what the ballot greys out as the total grows. */
export function fitsBudget(
  round: { budget: number; projects: readonly BallotProject[] },
  chosen: readonly string[],
  candidate: string,
): boolean {
  if (chosen.includes(candidate)) return true;
  return ballotTotal(round.projects, [...chosen, candidate]) <= round.budget;
}
