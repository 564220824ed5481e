import {
  addCounters,
  categoryLabel,
  counterKeyOf,
  countersOf,
  emptyCounters,
  monthBounds,
  NO_GRID,
  threeRates,
  topCategories,
  type CaseCounters,
} from '@linli/shared';
import type { GrievanceItem } from '../../db/entities/grievance';
import { ulid } from '../../commons/ids';
import { grievances as grievanceQueries } from '../../db/registries/grievances';
import { LEDGER_HEADERS, ledgerRow } from '../../grievances/ledger/exportLedger';
import { presignDownload, writeObject } from '../../media/storage';
import { sheetName, writeWorkbook, type XlsxCell, type XlsxSheet } from '../../roster/transfer/xlsxWriter';
import { gridNamesOf, streetScope } from './street';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The summary sheet's columns: one row per community and the street's total, the month's 三率 and what they count. */
export const SUMMARY_HEADERS = [
  '社区',
  '提交诉求',
  '按时受理',
  '响应率(%)',
  '居民评价过的诉求',
  '评价满意而办结',
  '解决率(%)',
  '评价轮次',
  '满意及基本满意',
  '满意率(%)',
  '已办结',
  '超时(网格)',
  '超时(社区)',
  '超时(街道)',
  '主要类别',
];
export const SUMMARY_SHEET = '汇总';

const percent = (rate?: number) => (rate === undefined ? '' : Math.round(rate * 1000) / 10);

function summaryRow(name: string, c: CaseCounters, label: (key: string) => string): XlsxCell[] {
  const rates = threeRates(c);
  return [
    name,
    c.raised,
    c.acceptedInTime,
    percent(rates.response),
    c.rated,
    c.resolved,
    percent(rates.resolution),
    c.ratings,
    c.satisfiedRatings,
    percent(rates.satisfaction),
    c.closed,
    c.overdue.grid,
    c.overdue.committee,
    c.overdue.street,
    topCategories(c, 3)
      .map((t) => `${label(t.category)} ${t.count}`)
      .join('、'),
  ];
}

const widths = (header: string[]) => header.map((h) => Math.max(10, h.length * 2 + 2));

/**
 * 街道诉求台账 of a month: one .xlsx — the summary (a row per community and the street's total) and a
 * sheet per community with every request raised in the month, the same 40 columns a community's own
 * 台账 has (anonymous reporters stay 匿名, phones masked). Reads S2, then per community the month's two
 * feeds and its grids (S11: three Queries per community).
 */
export async function exportStreetLedger({ streetId, month, now }: { streetId: string; month: string; now: Date }) {
  const { from, to } = monthBounds(month);
  const { street, communities } = await streetScope(streetId);
  const perCommunity = await Promise.all(
    communities.map(async ({ community, settings }) => {
      const [feeds, names] = await Promise.all([
        Promise.all(
          (['public', 'private'] as const).map((visibility) =>
            grievanceQueries.query.createdBetween({ communityId: community.communityId, visibility, from, to }).send(),
          ),
        ),
        gridNamesOf(community.communityId),
      ]);
      const cases = feeds
        .flatMap((f) => (f.Items ?? []) as GrievanceItem[])
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const label = (k: string) => categoryLabel(settings, k);
      const ctx = { grid: (id?: string) => names.get(id ?? NO_GRID) ?? id ?? '', category: label };
      const counters = cases
        .filter((g) => counterKeyOf(g).month === month)
        .reduce((sum, g) => addCounters(sum, countersOf(g)), emptyCounters());
      return { community, label, counters, rows: cases.map((g) => ledgerRow(g, ctx)) };
    }),
  );

  const total = perCommunity.reduce((sum, c) => addCounters(sum, c.counters), emptyCounters());
  const firstLabel = perCommunity[0]?.label ?? ((k: string) => k);
  const taken = new Set([SUMMARY_SHEET]);
  const uniqueName = (name: string, id: string) => {
    let n = sheetName(name);
    if (taken.has(n)) n = sheetName(`${name.slice(0, 20)}-${id}`);
    taken.add(n);
    return n;
  };
  const sheets: XlsxSheet[] = [
    {
      name: SUMMARY_SHEET,
      header: SUMMARY_HEADERS,
      rows: [
        ...perCommunity.map((c) => summaryRow(c.community.name, c.counters, c.label)),
        summaryRow(`${street.name}合计`, total, firstLabel),
      ],
      widths: widths(SUMMARY_HEADERS),
    },
    ...perCommunity.map((c) => ({
      name: uniqueName(c.community.name, c.community.communityId),
      header: LEDGER_HEADERS,
      rows: c.rows,
      widths: widths(LEDGER_HEADERS),
    })),
  ];
  const body = writeWorkbook(sheets);
  const fileName = `${street.name}诉求台账-${month}.xlsx`;
  const key = `exports/street-${streetId}/${ulid(now.getTime())}.xlsx`;
  await writeObject(key, body, XLSX, fileName);
  const link = await presignDownload(key, now);
  return {
    url: link.url,
    fileName,
    expiresAt: link.expiresAt,
    rows: perCommunity.reduce((n, c) => n + c.rows.length, 0),
    sheets: sheets.map((s) => s.name),
  };
}
