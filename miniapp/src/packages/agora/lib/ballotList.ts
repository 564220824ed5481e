import type { agoraRoutes, ResponseOf } from '@linli/shared';

type Exported = ResponseOf<typeof agoraRoutes.exportResult>;

/**
 * 选票清单 as CSV: what anyone needs to recount (choices and weights), the receipt commitment it is
 * checked against, and how the list is ordered. Receipts only on open (实名) ballots.
 */
export function ballotListCsv(data: Exported): string {
  const open = data.ballots.some((b) => b.receipt !== undefined);
  const root = data.result.receiptRoot;
  const head = [
    ...(root
      ? [`核验根（SHA-256 默克尔根）,${root.root}`, `核验根构造,"${root.construction.replace(/"/g, '""')}"`]
      : []),
    `排序,${data.order}`,
    '',
    [...(open ? ['核验码'] : []), '选择', '票数', '面积（㎡）'].join(','),
  ];
  const rows = data.ballots.map((b) =>
    [...(open ? [b.receipt ?? ''] : []), b.choices.join('、'), b.heads, b.area].join(','),
  );
  return [...head, ...rows].join('\n');
}
