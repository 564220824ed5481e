import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { secrets } from '../../commons/secrets';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A fresh 委托码: 8 symbols without 0/O/1/I (40 bits), read out by the owner and typed back by the proxy. */
export const newProxyCode = () =>
  Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * What the table keeps of a 委托码: HMAC-SHA256 under the stage's ballot secret (SSM), scoped to the community.
 * Keyed, not salted: the proxy enters only the code, so the stored value must be found by an index (GSI1) from
 * the code alone, which a per-record salt would forbid; and with 40 bits a plain hash falls to a brute force
 * over the table's copy, which the secret (never in the table) prevents.
 */
export async function proxyCodeHash(communityId: string, code: string): Promise<string> {
  return createHmac('sha256', await secrets.ballot())
    .update(`agora-proxy-code|${communityId}|${code}`)
    .digest('hex');
}

/** Whether a code entered matches a stored hash, compared in constant time. */
export async function proxyCodeMatches(communityId: string, code: string, stored: string): Promise<boolean> {
  const given = Buffer.from(await proxyCodeHash(communityId, code), 'hex');
  const expected = Buffer.from(stored, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
