import { createHmac } from 'node:crypto';
import { secrets } from '../../commons/secrets';

// The receipts' alphabet: 32 symbols without the look-alikes (no I, O, 0, 1).
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SHEET_CODE_LENGTH = 8;

/** 8 symbols of an HMAC (40 bits): what a keyed code of a 表决票 looks like, from its key and message. */
export function codeOf(key: string, message: string): string {
  const mac = createHmac('sha256', key).update(message).digest();
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of mac) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < SHEET_CODE_LENGTH) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === SHEET_CODE_LENGTH) break;
  }
  return out;
}

/**
 * The code printed on a seat's 表决票 (ABCD-EFGH): keyed by the ballot secret, so a forged sheet's code
 * finds no seat; the same seat always gets the same code, so a reprint matches the first print.
 */
export async function sheetCoder(communityId: string, topicId: string) {
  const key = await secrets.ballot();
  return (voterKey: string) => codeOf(key, `agora-sheet|${communityId}|${topicId}|${voterKey}`);
}

export const showCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
