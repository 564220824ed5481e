import {
  addDays,
  caseNumber,
  categoryLabel,
  chinaDateTime,
  chinaDayStart,
  hoursBetween,
  LEVEL_LABELS,
  maskPhone,
  NO_GRID,
  RATING_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
  VISIBILITY_LABELS,
} from '@linli/shared';
import type { GrievanceItem } from '../../db/entities/grievance';
import { ulid } from '../../commons/ids';
import { presignDownload, writeObject } from '../../media/storage';
import { writeCells, type Cell } from '../../roster/transfer/sheetFiles';
import { settingsOf } from '../repository';
import { grievances as grievanceQueries } from '../../db/registries/grievances';
import { roster } from '../../db/registries/roster';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const time = (iso?: string) => (iso ? chinaDateTime(iso) : '');
/** Hours to one decimal, or blank when the step has not happened. */
const hoursTaken = (from?: string, to?: string) => (from && to ? Math.round(hoursBetween(from, to) * 10) / 10 : '');
const where = (g: GrievanceItem) =>
  (g.location.kind === 'unit'
    ? g.location.unitLabel
    : g.location.kind === 'building'
      ? [g.location.buildingName, g.location.detail].filter(Boolean).join(' ')
      : g.location.detail) ?? '';

/**
 * The columns of the 台账, one per field a request carries. The reporter of an anonymous request is
 * 匿名 here too, and a visited resident's phone stays masked: the register leaves the office.
 */
export interface LedgerContext {
  grid: (id?: string) => string;
  category: (k: string) => string;
}

const COLUMNS: [header: string, value: (g: GrievanceItem, ctx: LedgerContext) => Cell][] = [
  ['编号', (g) => caseNumber(g.grievanceId)],
  ['系统编号', (g) => g.grievanceId],
  ['提交时间', (g) => time(g.createdAt)],
  ['类别', (g, x) => x.category(g.category)],
  ['问题描述', (g) => g.description],
  ['内容审核', (g) => ({ pending: '审核中', pass: '通过', review: '待人工复核', risky: '未通过' })[g.descriptionCheck]],
  ['紧急程度', (g) => URGENCY_LABELS[g.urgency]],
  ['公开范围', (g) => VISIBILITY_LABELS[g.visibility]],
  ['匿名', (g) => (g.anonymous ? '是' : '否')],
  ['来源', (g) => SOURCE_LABELS[g.source]],
  ['提交人', (g) => (g.anonymous ? '匿名' : g.reporterId ? g.reporterName : '已注销用户')],
  ['走访居民', (g) => g.resident?.name ?? ''],
  ['居民电话', (g) => maskPhone(g.resident?.phone) ?? ''],
  ['位置', (g) => where(g)],
  ['网格', (g, x) => x.grid(g.gridId)],
  ['当前层级', (g) => LEVEL_LABELS[g.level]],
  ['状态', (g) => STATUS_LABELS[g.status]],
  ['当前时限', (g) => time(g.dueAt)],
  ['受理人', (g) => g.assignee?.name ?? ''],
  ['首次受理时间', (g) => time(g.firstAcceptedAt)],
  ['受理用时(小时)', (g) => hoursTaken(g.createdAt, g.firstAcceptedAt)],
  ['承诺内容', (g) => g.commitment?.text ?? ''],
  ['承诺完成时间', (g) => time(g.commitment?.dueBy)],
  ['承诺人', (g) => g.commitment?.byName ?? ''],
  ['办结方式', (g) => (g.resolution ? (g.resolution.outcome === 'done' ? '办结' : '转办') : '')],
  ['办结说明', (g) => g.resolution?.note ?? ''],
  ['转办单位', (g) => g.resolution?.referredTo ?? ''],
  ['办结人', (g) => g.resolution?.byName ?? ''],
  ['办结时间', (g) => time(g.resolvedAt)],
  ['办结用时(小时)', (g) => hoursTaken(g.createdAt, g.resolvedAt)],
  ['评价', (g) => (g.rating ? RATING_LABELS[g.rating.rating] : '')],
  ['评价意见', (g) => g.rating?.comment ?? ''],
  [
    '评价方式',
    (g) => (g.rating ? { reporter: '本人评价', callback: '回访评价', timeout: '逾期未评价' }[g.rating.via] : ''),
  ],
  [
    '历次评价',
    (g) =>
      g.ratings
        .map((r) => `${RATING_LABELS[r.rating]}(${LEVEL_LABELS[r.level]}${r.handlerName ? `·${r.handlerName}` : ''})`)
        .join('；'),
  ],
  ['超时次数', (g) => g.overdueCount],
  ['重办次数', (g) => g.reopenCount],
  ['附议人数', (g) => g.supportCount],
  ['照片数', (g) => Object.keys(g.photos).length],
  ['关联议题', (g) => g.topicId ?? ''],
  ['关闭时间', (g) => time(g.closedAt)],
];

/** 导出诉求台账: every request raised between two dates (China time, inclusive), public and private. */
export async function exportLedger(communityId: string, range: { from: string; to: string }, now: Date) {
  const from = chinaDayStart(range.from).toISOString();
  const to = addDays(chinaDayStart(range.to), 1).toISOString();
  const [feeds, gridsOf, { settings }] = await Promise.all([
    Promise.all(
      (['public', 'private'] as const).map((v) =>
        grievanceQueries.query.createdBetween({ communityId, visibility: v, from, to }).send(),
      ),
    ),
    roster.query.grids({ communityId }).send(),
    settingsOf(communityId),
  ]);
  const names = new Map((gridsOf.Items ?? []).map((g) => [g.gridId, g.name]));
  const ctx = {
    grid: (id?: string) => (id && id !== NO_GRID ? (names.get(id) ?? id) : '公共区域（居委会）'),
    category: (k: string) => categoryLabel(settings, k),
  };
  const cases = feeds
    .flatMap((f) => (f.Items ?? []) as GrievanceItem[])
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const rows = cases.map((g) => ledgerRow(g, ctx));
  const body = await writeCells(
    COLUMNS.map(([header]) => header),
    rows,
    'xlsx',
  );
  const fileName = `诉求台账-${range.from}至${range.to}.xlsx`;
  const key = `exports/${communityId}/${ulid(now.getTime())}.xlsx`;
  await writeObject(key, body, XLSX, fileName);
  const link = await presignDownload(key, now);
  return { url: link.url, fileName, expiresAt: link.expiresAt, rows: rows.length };
}

export const LEDGER_HEADERS = COLUMNS.map(([header]) => header);
/** One request as a row of the 台账 (the street's roll-up writes the same rows, a sheet per community). */
export const ledgerRow = (g: GrievanceItem, ctx: LedgerContext): Cell[] => COLUMNS.map(([, value]) => value(g, ctx));
