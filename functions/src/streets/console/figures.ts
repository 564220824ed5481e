import {
  addCounters,
  categoryLabel,
  chinaMonth,
  counterKeyOf,
  countersOf,
  DEFAULT_GRIEVANCE_SETTINGS,
  emptyCounters,
  monthBounds,
  monthsEnding,
  RATE_DEFINITIONS,
  rateChange,
  threeRates,
  topCategories,
  type CaseCounters,
  type FiguresView,
  type GrievanceSettings,
  type StreetFiguresView,
  type CommunityGridsView,
  NO_GRID,
  parseGrievanceSettings,
} from '@linli/shared';
import { communities } from '../../db/entities/community';
import { notFound } from '../../http/errors';
import type { GrievanceItem } from '../../db/entities/grievance';
import { grievances as grievanceQueries } from '../../db/registries/grievances';
import { gridName, gridNamesOf, streetScope } from './street';

/**
 * 三率 of a street, per community and per grid, month by month — computed per request from each
 * community's requests raised in the months shown (DATA.md S10): the public and the private feed
 * between the first month's start and the last month's end (GSI1 of G11), and the grids' names —
 * three Queries per community whatever the number of months (more pages only for more requests),
 * in parallel; the street and its communities are S2.
 *
 * Why per request and not counters kept by the stream: the figures then come from the requests
 * themselves — nothing to keep in step, to backfill for cases raised before the console, or to
 * repair when a stream record is retried — and a community's own 看板 and 台账 read the same
 * query. A month of a busy community is a few hundred requests (one or two pages); the cost grows
 * with the requests of the months shown, which the trend caps at 12. `changeDelta`
 * (shared/src/streets/figures.ts) is the same arithmetic as stream deltas, for the day a street's
 * months no longer fit a request's time.
 */

export interface StreetFiguresRequest {
  streetId: string;
  month?: string;
  months?: number;
  now: Date;
}

async function casesRaisedIn(communityId: string, from: string, to: string): Promise<GrievanceItem[]> {
  const feeds = await Promise.all(
    (['public', 'private'] as const).map((visibility) =>
      grievanceQueries.query.createdBetween({ communityId, visibility, from, to }).send(),
    ),
  );
  return feeds.flatMap((f) => (f.Items ?? []) as GrievanceItem[]);
}

/** Counters by month, and by month and grid, of one community's requests. */
function tally(cases: GrievanceItem[]) {
  const byMonth = new Map<string, CaseCounters>();
  const byGrid = new Map<string, Map<string, CaseCounters>>();
  for (const g of cases) {
    const { month, gridId } = counterKeyOf(g);
    const counters = countersOf(g);
    byMonth.set(month, addCounters(byMonth.get(month) ?? emptyCounters(), counters));
    const grids = byGrid.get(month) ?? new Map<string, CaseCounters>();
    grids.set(gridId, addCounters(grids.get(gridId) ?? emptyCounters(), counters));
    byGrid.set(month, grids);
  }
  return { byMonth, byGrid };
}

function view(current: CaseCounters, previous: CaseCounters, label: (key: string) => string): FiguresView {
  const rates = threeRates(current);
  return {
    raised: current.raised,
    acceptedInTime: current.acceptedInTime,
    closed: current.closed,
    rated: current.rated,
    resolved: current.resolved,
    ratings: current.ratings,
    satisfiedRatings: current.satisfiedRatings,
    overdue: current.overdue,
    rates,
    change: rateChange(rates, threeRates(previous)),
    topCategories: topCategories(current).map((c) => ({ ...c, label: label(c.category) })),
  };
}

const trendOf = (months: string[], byMonth: Map<string, CaseCounters>) =>
  months.map((m) => {
    const c = byMonth.get(m) ?? emptyCounters();
    return { month: m, raised: c.raised, rates: threeRates(c) };
  });

export async function streetFigures({
  streetId,
  month,
  months = 6,
  now,
}: StreetFiguresRequest): Promise<StreetFiguresView> {
  const shown = month ?? chinaMonth(now);
  // One month more than the trend shows: the first month's change needs the month before it.
  const window = monthsEnding(shown, months + 1);
  const trendMonths = window.slice(1);
  const previous = window[window.length - 2]!;
  const from = monthBounds(window[0]!).from;
  const to = monthBounds(shown).to;
  const { street, communities } = await streetScope(streetId);

  const perCommunity = await Promise.all(
    communities.map(async ({ community, settings }) => {
      const [cases, names] = await Promise.all([
        casesRaisedIn(community.communityId, from, to),
        gridNamesOf(community.communityId),
      ]);
      return { community, settings, names, ...tally(cases) };
    }),
  );

  // Category labels: a community's own; for the street, the first community that names the key.
  const labelIn = (settings: GrievanceSettings) => (key: string) => categoryLabel(settings, key);
  const streetLabel = (key: string) =>
    categoryLabel(
      communities.find(({ settings }) => settings.categories.some((c) => c.key === key))?.settings ??
        DEFAULT_GRIEVANCE_SETTINGS,
      key,
    );

  const streetByMonth = new Map<string, CaseCounters>();
  for (const c of perCommunity)
    for (const [m, counters] of c.byMonth)
      streetByMonth.set(m, addCounters(streetByMonth.get(m) ?? emptyCounters(), counters));
  const at = (byMonth: Map<string, CaseCounters>, m: string) => byMonth.get(m) ?? emptyCounters();

  return {
    streetId: street.streetId,
    streetName: street.name,
    month: shown,
    months: trendMonths,
    generatedAt: now.toISOString(),
    street: view(at(streetByMonth, shown), at(streetByMonth, previous), streetLabel),
    trend: trendOf(trendMonths, streetByMonth),
    communities: perCommunity.map(({ community, settings, names, byMonth, byGrid }) => {
      const gridsNow = byGrid.get(shown) ?? new Map<string, CaseCounters>();
      const gridsBefore = byGrid.get(previous) ?? new Map<string, CaseCounters>();
      return {
        communityId: community.communityId,
        name: community.name,
        figures: view(at(byMonth, shown), at(byMonth, previous), labelIn(settings)),
        trend: trendOf(trendMonths, byMonth),
        grids: [...gridsNow]
          .map(([gridId, counters]) => ({
            gridId,
            gridName: gridName(names, gridId),
            figures: view(counters, gridsBefore.get(gridId) ?? emptyCounters(), labelIn(settings)),
          }))
          // Most requests first (then by name): where the street's attention goes.
          .sort((a, b) => b.figures.raised - a.figures.raised || a.gridName.localeCompare(b.gridName, 'zh')),
      };
    }),
    definitions: RATE_DEFINITIONS,
  };
}

/**
 * 网格下钻: one community of the street, and each of its grids month by month (DATA.md S12): GetItem
 * Community (404 unless it is this street's), then the same three Queries as S10 for this one community.
 */
export async function communityGridFigures({
  streetId,
  communityId,
  month,
  months = 6,
  now,
}: StreetFiguresRequest & { communityId: string }): Promise<CommunityGridsView> {
  const shown = month ?? chinaMonth(now);
  const window = monthsEnding(shown, months + 1);
  const trendMonths = window.slice(1);
  const previous = window[window.length - 2]!;
  const { Item: community } = await communities.get({ communityId });
  if (!community || community.streetId !== streetId) throw notFound('社区');
  const settings = parseGrievanceSettings(community.settings);
  const [cases, names] = await Promise.all([
    casesRaisedIn(communityId, monthBounds(window[0]!).from, monthBounds(shown).to),
    gridNamesOf(communityId),
  ]);
  const { byMonth, byGrid } = tally(cases);
  const label = (key: string) => categoryLabel(settings, key);
  const at = (m: string) => byMonth.get(m) ?? emptyCounters();
  const gridAt = (m: string, gridId: string) => byGrid.get(m)?.get(gridId) ?? emptyCounters();
  // Every grid the roster names, and any other grid a case of these months sits in (公共区域, a revoked grid).
  const gridIds = new Set([...names.keys()].filter((g) => g !== NO_GRID));
  for (const grids of byGrid.values()) for (const g of grids.keys()) gridIds.add(g);
  return {
    streetId,
    communityId,
    name: community.name,
    month: shown,
    months: trendMonths,
    generatedAt: now.toISOString(),
    figures: view(at(shown), at(previous), label),
    trend: trendOf(trendMonths, byMonth),
    grids: [...gridIds]
      .map((gridId) => ({
        gridId,
        gridName: gridName(names, gridId),
        figures: view(gridAt(shown, gridId), gridAt(previous, gridId), label),
        trend: trendMonths.map((m) => {
          const c = gridAt(m, gridId);
          return { month: m, raised: c.raised, rates: threeRates(c) };
        }),
      }))
      .sort((a, b) => b.figures.raised - a.figures.raised || a.gridName.localeCompare(b.gridName, 'zh')),
    definitions: RATE_DEFINITIONS,
  };
}
