import {
  categoryLabel,
  evaluate,
  monthBounds,
  chinaMonth,
  NO_GRID,
  type CaseFacts,
  type EvaluationView,
  type GrievanceDashboard,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';
import { grievanceEvaluations } from '../db/entities/grievanceEvaluation';
import { badRequest, conflict } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { settingsOf } from './repository';
import { grievances as grievanceQueries } from '../db/registries/grievances';
import { roster } from '../db/registries/roster';
import { noteStaffChange } from '../db/staffLog';
import { transact } from '../db/transactions';

/**
 * The committee's dashboard and the monthly 群众性评议, computed from bounded queries: the month's
 * requests (public and private feeds between the month's bounds), the open queue, and the grid names.
 */

async function casesCreated(communityId: string, from: string, to: string): Promise<GrievanceItem[]> {
  const feeds = await Promise.all(
    (['public', 'private'] as const).map((v) =>
      grievanceQueries.query.createdBetween({ communityId, visibility: v, from, to }).send(),
    ),
  );
  return feeds.flatMap((f) => (f.Items ?? []) as GrievanceItem[]);
}

export async function openCases(communityId: string): Promise<GrievanceItem[]> {
  const { Items = [] } = await grievanceQueries.query.openCases({ communityId }).send();
  return Items as GrievanceItem[];
}

async function gridNames(communityId: string): Promise<Map<string, string>> {
  const { Items = [] } = await roster.query.grids({ communityId }).send();
  return new Map([...Items.map((g) => [g.gridId, g.name] as const), [NO_GRID, '公共区域（居委会）']]);
}

const facts = (g: GrievanceItem): CaseFacts => ({
  category: g.category,
  gridId: g.gridId,
  level: g.level,
  status: g.status,
  createdAt: g.createdAt,
  firstAcceptedAt: g.firstAcceptedAt,
  resolvedAt: g.resolvedAt,
  dueAt: g.dueAt,
  overdueCount: g.overdueCount,
  ratings: g.ratings,
});

async function figuresFor(communityId: string, month: string, now: Date) {
  const { from, to } = monthBounds(month);
  const [cohort, open, names, { settings }] = await Promise.all([
    casesCreated(communityId, from, to),
    openCases(communityId),
    gridNames(communityId),
    settingsOf(communityId),
  ]);
  return { figures: evaluate(cohort.map(facts), open.map(facts), now), names, settings };
}

const nameOf = (names: Map<string, string>, gridId: string) => names.get(gridId) ?? '已撤销的网格';

export async function dashboard(
  communityId: string,
  month: string | undefined,
  now: Date,
): Promise<GrievanceDashboard> {
  const period = month ?? chinaMonth(now);
  const { figures: f, names, settings } = await figuresFor(communityId, period, now);
  return {
    month: period,
    generatedAt: now.toISOString(),
    ...f,
    openByGrid: f.openByGrid.map((g) => ({ ...g, gridName: nameOf(names, g.gridId) })),
    byGrid: f.byGrid.map((g) => ({ ...g, gridName: nameOf(names, g.gridId) })),
    topCategories: f.topCategories.map((c) => ({ ...c, label: categoryLabel(settings, c.category) })),
  };
}

/**
 * 群众性评议: freezes a finished month's satisfaction by grid and by handler for residents to see.
 * Put once, on the condition that the month was not published before.
 */
export async function publishEvaluation({
  communityId,
  month,
  publishedBy,
  now,
}: {
  communityId: string;
  month: string;
  /** The committee member who publishes. */
  publishedBy: string;
  now: Date;
}): Promise<EvaluationView> {
  if (month >= chinaMonth(now))
    throw badRequest('只能发布已经结束的月份', [{ field: 'body.month', message: '只能发布已经结束的月份' }]);
  noteStaffChange({ objectId: month });
  const { figures: f, names } = await figuresFor(communityId, month, now);
  const view: EvaluationView = {
    month,
    publishedAt: now.toISOString(),
    submitted: f.submitted,
    closed: f.closed,
    slaRate: f.slaRate,
    satisfaction: f.satisfaction,
    byGrid: f.byGrid.map((g) => ({ ...g, gridName: nameOf(names, g.gridId) })),
    byHandler: f.byHandler,
  };
  try {
    // A transaction of one, so the staff-log entry commits with the evaluation (or neither does).
    await transact({
      evaluation: grievanceEvaluations.transactPut(
        { communityId, month, figures: view, publishedAt: view.publishedAt, publishedBy },
        { condition: { attr: 'month', exists: false } },
      ),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict(`${month} 的评议已经发布过`);
    throw error;
  }
  return view;
}

export async function latestEvaluation(communityId: string): Promise<{ evaluation?: EvaluationView }> {
  const { Items = [] } = await grievanceQueries.query.evaluations({ communityId, page: { limit: 1 } }).send();
  const latest = Items[0];
  return { evaluation: latest ? (latest.figures as EvaluationView) : undefined };
}
