import Taro from '@tarojs/taro';

const KEY = 'linli.agora.receipts';

/**
 * Receipts stay on the phone that voted: the server keeps no link from a voter to a ballot, so this
 * is the only place a voter can find their own receipt again.
 */
export function rememberReceipt(topicId: string, receipt: string): void {
  const all = (Taro.getStorageSync(KEY) as Record<string, string[]> | '') || {};
  all[topicId] = [...new Set([...(all[topicId] ?? []), receipt])];
  Taro.setStorageSync(KEY, all);
}

export function receiptsOf(topicId: string): string[] {
  const all = (Taro.getStorageSync(KEY) as Record<string, string[]> | '') || {};
  return all[topicId] ?? [];
}
