import { parseAccount } from '@linli/shared';
import { loadUsers } from '../../identity/users';
import { timebank } from '../../db/registries/timebank';

const PIECE_LABELS = { supply: '入库来源', stock: '库存', redeemed: '已兑出' } as const;

/** Readable names of ledger accounts for the committee: residents by nickname, stock by item name. */
export async function accountNames(communityId: string, accountIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(accountIds)];
  const parsed = ids.map((id) => [id, parseAccount(id)] as const);
  const userIds = parsed.flatMap(([, p]) => (p.kind === 'resident' ? [p.ref as string] : []));
  const needItems = parsed.some(([, p]) => p.kind === 'stock' || p.kind === 'supply' || p.kind === 'redeemed');
  const [people, items] = await Promise.all([
    loadUsers(userIds),
    needItems ? timebank.query.catalogue({ communityId }).send() : Promise.resolve({ Items: [] }),
  ]);
  const itemName = new Map((items.Items ?? []).map((i) => [i.itemId, i.name]));
  const names = new Map<string, string>();
  for (const [id, p] of parsed) {
    if (p.kind === 'issuance') names.set(id, '社区发行账户');
    else if (p.kind === 'fund') names.set(id, '爱心基金');
    else if (p.kind === 'settlement') names.set(id, `通存通兑结算·${p.ref as string}`);
    else if (p.kind === 'resident') {
      const u = people.get(p.ref as string);
      names.set(id, u && u.status === 'active' ? u.nickname : '已注销用户');
    } else
      names.set(
        id,
        `${itemName.get(p.ref as string) ?? '兑换项目'}·${PIECE_LABELS[p.kind as keyof typeof PIECE_LABELS]}`,
      );
  }
  return names;
}
