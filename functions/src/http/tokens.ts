import { createHash, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { config } from '../commons/config';
import { secrets } from '../commons/secrets';
import { unauthenticated } from './errors';
import { hmacKey, JwtExpired, signJwt, verifyJwt } from './jwt';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 30;

const ISSUER = 'linli';
const audience = () => `linli-${config.stage}`;

/** The HMAC key, made once per secret value and reused by every sign and verify. */
let keyCache: { raw: string; key: KeyObject } | undefined;
async function signingKey(): Promise<KeyObject> {
  const raw = await secrets.jwt();
  if (keyCache?.raw !== raw) keyCache = { raw, key: hmacKey(raw) };
  return keyCache.key;
}

/** A short-lived session token: HS256, bound to this stage by audience, naming the user and session. */
export async function signAccessToken(
  userId: string,
  sessionId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const token = signJwt({ sid: sessionId, iss: ISSUER, aud: audience(), sub: userId, iat, exp }, await signingKey(), {
    typ: 'JWT',
  });
  return { token, expiresAt: new Date(exp * 1000) };
}

/**
 * Verifies signature, algorithm (only HS256: `none` and RS/HS confusion are refused), issuer,
 * audience (a token from another stage is refused) and expiry against the domain clock.
 */
export async function verifyAccessToken(token: string, now: Date): Promise<{ userId: string; sessionId: string }> {
  const key = await signingKey();
  try {
    const payload = verifyJwt(token, key, {
      issuer: ISSUER,
      audience: audience(),
      now,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw unauthenticated();
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof JwtExpired) throw unauthenticated('登录已过期，请重新登录');
    throw unauthenticated();
  }
}

/** Refresh tokens are `<userId>.<sessionId>.<secret>`; only a hash of the secret is stored. */
export function newRefreshToken(userId: string, sessionId: string): { token: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${userId}.${sessionId}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseRefreshToken(token: string): { userId: string; sessionId: string; secret: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]+$/.test(p))) return undefined;
  const [userId, sessionId, secret] = parts as [string, string, string];
  return { userId, sessionId, secret };
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
