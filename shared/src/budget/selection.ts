import { yuanText } from './money';

/**
 * 民生微实事 selection at the close of voting: the projects are ranked by votes and the budget is filled
 * greedily down the ranking — a project that still fits in what is left is selected and its cost taken
 * off, one that no longer fits is skipped and the next one looked at, until the ranking is exhausted.
 * A project nobody voted for is not selected. Pure and deterministic: the same votes give the same
 * result whatever order the projects arrive in, and the rule (ties included) is stated in the result.
 */

export interface Candidate {
  projectId: string;
  title: string;
  /** The committee's cost estimate, whole 元, > 0. */
  cost: number;
  /** Ballots that chose this project. */
  votes: number;
  /** When it was proposed (ISO): the last tie-break but the id. */
  proposedAt: string;
}

/** Why a project is or is not in the selection. */
export type SelectionStatus = 'selected' | 'doesNotFit' | 'noVotes';

export interface RankedProject extends Candidate {
  /** 1 = most votes. */
  rank: number;
  status: SelectionStatus;
  /** What was left of the budget when this project's turn came. */
  remainingBefore: number;
}

export interface TieGroup {
  votes: number;
  /** In the order the tie-break put them. */
  projectIds: string[];
}

export interface Selection {
  budget: number;
  ranked: RankedProject[];
  selected: string[];
  /** Sum of the selected projects' costs, never more than the budget. */
  allocated: number;
  leftover: number;
  /** Projects with the same number of votes (above zero), which the tie-break ordered. */
  ties: TieGroup[];
  /** The rule in words, published with the result. */
  rule: string;
  /** One paragraph: how much was allocated to what, what was skipped, the ties and how they were broken. */
  summary: string;
}

export const SELECTION_RULE =
  '按得票数从高到低依次确定：剩余预算足够的项目入选并扣除其预算，剩余预算不足的项目跳过，继续看下一个项目；' +
  '没有得票的项目不入选。得票相同时，预算较少的排在前面；仍相同时，先提交的排在前面。';

export const SELECTION_STATUS_LABELS: Record<SelectionStatus, string> = {
  selected: '入选',
  doesNotFit: '未入选（剩余预算不足）',
  noVotes: '未入选（无人投票）',
};

/** The ranking order: more votes first; then the cheaper; then the earlier proposal; then the id. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.votes !== b.votes) return b.votes - a.votes;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.proposedAt !== b.proposedAt) return a.proposedAt < b.proposedAt ? -1 : 1;
  return a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0;
}

export function selectProjects(budget: number, candidates: readonly Candidate[]): Selection {
  if (!Number.isInteger(budget) || budget < 0) throw new Error(`budget must be a whole number of 元: ${budget}`);
  const ids = new Set<string>();
  for (const c of candidates) {
    if (!Number.isInteger(c.cost) || c.cost <= 0) throw new Error(`cost of ${c.projectId} must be a positive integer`);
    if (!Number.isInteger(c.votes) || c.votes < 0) throw new Error(`votes of ${c.projectId} must be a count`);
    if (ids.has(c.projectId)) throw new Error(`project ${c.projectId} listed twice`);
    ids.add(c.projectId);
  }
  const order = [...candidates].sort(compareCandidates);
  let remaining = budget;
  const ranked: RankedProject[] = order.map((c, i) => {
    const remainingBefore = remaining;
    let status: SelectionStatus;
    if (c.votes === 0) status = 'noVotes';
    else if (c.cost <= remaining) {
      status = 'selected';
      remaining -= c.cost;
    } else status = 'doesNotFit';
    return { ...c, rank: i + 1, status, remainingBefore };
  });
  const selected = ranked.filter((p) => p.status === 'selected').map((p) => p.projectId);
  const ties: TieGroup[] = [];
  for (const p of ranked) {
    if (p.votes === 0) continue;
    const last = ties[ties.length - 1];
    const previous = ranked[p.rank - 2];
    if (previous && previous.votes === p.votes) {
      if (last && last.votes === p.votes) last.projectIds.push(p.projectId);
      else ties.push({ votes: p.votes, projectIds: [previous.projectId, p.projectId] });
    }
  }
  const allocated = budget - remaining;
  return {
    budget,
    ranked,
    selected,
    allocated,
    leftover: remaining,
    ties,
    rule: SELECTION_RULE,
    summary: summaryOf(budget, ranked, ties, allocated),
  };
}

function summaryOf(budget: number, ranked: RankedProject[], ties: TieGroup[], allocated: number): string {
  const title = new Map(ranked.map((p) => [p.projectId, `「${p.title}」`]));
  const selected = ranked.filter((p) => p.status === 'selected');
  const skipped = ranked.filter((p) => p.status === 'doesNotFit');
  const parts = [
    selected.length
      ? `预算 ${yuanText(budget)}，${selected.length} 个项目入选，共 ${yuanText(allocated)}，结余 ${yuanText(budget - allocated)}。`
      : `预算 ${yuanText(budget)}，没有项目入选。`,
  ];
  if (skipped.length)
    parts.push(
      `${skipped.map((p) => `${title.get(p.projectId)}（${p.votes} 票，${yuanText(p.cost)}）`).join('、')}轮到时剩余预算不足，未入选。`,
    );
  for (const t of ties)
    parts.push(
      `${t.projectIds.map((id) => title.get(id)).join('、')}同为 ${t.votes} 票，按预算较少、提交较早的顺序排列。`,
    );
  return parts.join('');
}
