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

const CHOICES_KEY = 'linli.agora.choices';

export interface KeptChoice {
  choices: string[];
  savedAt: string;
}

/**
 * 保存在本机: the voter's own record of what they chose, kept only on this phone. The server shows a
 * secret ballot's choice once (on the cast screen, from what the phone sent) and never again.
 */
export function keepChoice(receipt: string, choices: string[], now = new Date()): void {
  const all = (Taro.getStorageSync(CHOICES_KEY) as Record<string, KeptChoice> | '') || {};
  all[receipt] = { choices, savedAt: now.toISOString() };
  Taro.setStorageSync(CHOICES_KEY, all);
}

export function keptChoiceOf(receipt: string): KeptChoice | undefined {
  const all = (Taro.getStorageSync(CHOICES_KEY) as Record<string, KeptChoice> | '') || {};
  return all[receipt];
}
