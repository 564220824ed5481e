import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * 积分账号: eight characters without look-alikes, derived from (community, user) so every posting that
 * touches the account writes the same code, whichever creates the account first. 31^8 ≈ 8.5e11 codes
 * against a few thousand accounts per community; a lookup that finds two refuses rather than guesses.
 */
export function accountCodeOf(communityId: string, userId: string): string {
  let n = createHash('sha256').update(`account-code|${communityId}|${userId}`).digest().readBigUInt64BE(0);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code += ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return code;
}
