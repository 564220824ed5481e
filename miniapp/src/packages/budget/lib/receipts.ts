import Taro from '@tarojs/taro';

const KEY = 'linli.budget.receipts';

/**
 * A ballot's receipt stays on the phone that cast it: the server keeps no link from voter to ballot, so this is
 * where a voter finds it again to check it was counted.
 */
export function rememberReceipt(roundId: string, receipt: string): void {
  const all = (Taro.getStorageSync(KEY) as Record<string, string[]> | '') || {};
  all[roundId] = [...new Set([...(all[roundId] ?? []), receipt])];
  Taro.setStorageSync(KEY, all);
}

export function receiptsOf(roundId: string): string[] {
  const all = (Taro.getStorageSync(KEY) as Record<string, string[]> | '') || {};
  return all[roundId] ?? [];
}
