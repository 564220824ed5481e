import { POSTING_KIND_LABELS, unitOf, chinaDateTime } from '@linli/shared';
import { ulid } from '../../commons/ids';
import { loadUsers } from '../../identity/users';
import { presignDownload, writeObject } from '../../media/storage';
import { writeCells, type Cell } from '../../roster/transfer/sheetFiles';
import { accountNames } from '../ledger/accountNames';
import { timebank } from '../../db/registries/timebank';

const HEADER = ['时间', '记账编号', '类型', '账户', '账户名称', '金额', '单位', '摘要', '经办人', '冲正原记录'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导出积分账本: one row per entry (a posting is as many rows as its entries, same 记账编号), oldest
 * first, so the sheet can be summed per account or per posting to check the double entry by hand.
 */
export async function exportLedger(communityId: string, range: { from?: string; to?: string }, now: Date) {
  const { Items = [] } = await timebank.query.postingsInPeriod({ communityId, from: range.from, to: range.to }).send();
  const [names, actors] = await Promise.all([
    accountNames(
      communityId,
      Items.flatMap((p) => p.accountIds),
    ),
    loadUsers(Items.flatMap((p) => (p.actorId ? [p.actorId] : []))),
  ]);
  const rows: Cell[][] = Items.flatMap((p) =>
    p.entries.map((e) => [
      chinaDateTime(p.at, { seconds: true }),
      p.postingId,
      POSTING_KIND_LABELS[p.kind],
      e.account,
      names.get(e.account) ?? e.account,
      e.amount,
      unitOf(e.account) === 'pt' ? '积分' : '件',
      p.memo,
      p.actorId ? (actors.get(p.actorId)?.nickname ?? '已注销用户') : '系统',
      p.refs.reversalOf ?? '',
    ]),
  );
  const body = await writeCells(HEADER, rows, 'xlsx');
  const fileName = `积分账本-${now.toISOString().slice(0, 10)}.xlsx`;
  const key = `exports/${communityId}/ledger-${ulid(now.getTime())}.xlsx`;
  await writeObject(key, body, XLSX, fileName);
  const link = await presignDownload(key, now);
  return { url: link.url, fileName, expiresAt: link.expiresAt, rows: rows.length };
}
