import { createHmac } from 'node:crypto';
import { secrets } from '../commons/secrets';

// 32 symbols without the look-alikes (no I, O, 0, 1): 12 of them carry 60 bits.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECEIPT_LENGTH = 12;

/**
 * The receipt code (核验码) of a voter's ballot, which is also the ballot's key. It is keyed by the
 * ballot secret, so it looks random and is not ordered by time; only code holding the secret can go
 * from a voter to their ballot (to replace it on a permitted change, to void it after a conflict, or
 * to answer a retried request with the same receipt). No stored attribute links the two.
 */
export async function receiptOf(ref: {
  communityId: string;
  topicId: string;
  voterKey: string;
  version: number;
}): Promise<string> {
  const mac = createHmac('sha256', await secrets.ballot())
    .update(`agora-ballot|${ref.communityId}|${ref.topicId}|${ref.voterKey}|${ref.version}`)
    .digest();
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of mac) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < RECEIPT_LENGTH) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length === RECEIPT_LENGTH) break;
  }
  return out;
}
