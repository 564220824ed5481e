import type { CatalogueItemView } from '@linli/shared';

/** Most of one item in one order. */
const MAX_PER_ORDER = 10;

/**
 * Why the ＋ stops where it does, said under it rather than a button that silently does nothing: the tightest of
 * the per-person limit, the stock, one order's most, and what the balance pays for.
 */
export function quantityCap(item: CatalogueItemView, balance: number): { max: number; why: string } {
  const left = item.perPersonLimit ? item.perPersonLimit - (item.myRedeemed ?? 0) : undefined;
  const caps = [
    left !== undefined && {
      max: left,
      why: `每人限兑 ${item.perPersonLimit} 件${item.myRedeemed ? `，您已兑 ${item.myRedeemed} 件` : ''}`,
    },
    { max: item.stock, why: `只剩 ${item.stock} 件` },
    { max: MAX_PER_ORDER, why: `一次最多兑 ${MAX_PER_ORDER} 件` },
    { max: Math.floor(balance / item.price), why: `您的 ${balance} 积分够兑 ${Math.floor(balance / item.price)} 件` },
  ].filter((c): c is { max: number; why: string } => !!c);
  return caps.reduce((tightest, c) => (c.max < tightest.max ? c : tightest));
}
