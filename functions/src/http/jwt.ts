import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Compact HS256 JWTs with node:crypto: the one algorithm Linli signs and accepts (session tokens, attendance
 * codes, volunteer passes). It replaces jose (15 KB of every API Lambda, and a WebCrypto sign or verify per
 * call) and checks what jose's jwtVerify checked for us: three base64url parts, a JSON header naming HS256
 * and nothing we do not understand (no `crit`, no `b64`), the signature in constant time, a JSON object payload,
 * the registered claims' types, `exp` (expired at or before now), `nbf`, issuer, audience, required claims.
 */
export type JwtPayload = Record<string, unknown> & {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  jti?: string;
  iat?: number;
  nbf?: number;
  exp?: number;
};

/** The token was valid but its `exp` has passed. */
export class JwtExpired extends Error {
  override name = 'JwtExpired';
}
/** Anything else: malformed, another algorithm, a bad signature, a claim that does not hold. */
export class JwtInvalid extends Error {
  override name = 'JwtInvalid';
}

/** A signing key for a secret, made once per distinct secret (keys are reused across requests). */
export function hmacKey(secret: string | Uint8Array): KeyObject {
  return createSecretKey(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret));
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const mac = (key: KeyObject, input: string) => createHmac('sha256', key).update(input).digest();

export function signJwt(payload: JwtPayload, key: KeyObject, header: { typ?: 'JWT' } = {}): string {
  const input = `${encode({ alg: 'HS256', ...header })}.${encode(payload)}`;
  return `${input}.${mac(key, input).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtInvalid('not JSON');
  }
}

export function verifyJwt(
  token: string,
  key: KeyObject,
  options: { now: Date; issuer?: string; audience?: string; requiredClaims?: (keyof JwtPayload)[] },
): JwtPayload {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw new JwtInvalid('malformed');
  const [head, body, signature] = parts as [string, string, string];
  const header = decodeJson(head);
  if (!isObject(header) || header.alg !== 'HS256' || 'crit' in header || 'b64' in header)
    throw new JwtInvalid('unsupported header');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, `${head}.${body}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtInvalid('signature');
  const payload = decodeJson(body);
  if (!isObject(payload)) throw new JwtInvalid('payload');

  for (const claim of ['iss', 'sub', 'jti'] as const)
    if (claim in payload && typeof payload[claim] !== 'string') throw new JwtInvalid(`${claim} type`);
  for (const claim of ['iat', 'nbf', 'exp'] as const)
    if (claim in payload && typeof payload[claim] !== 'number') throw new JwtInvalid(`${claim} type`);
  const aud = payload.aud;
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string')))
    throw new JwtInvalid('aud type');
  for (const claim of options.requiredClaims ?? []) if (!(claim in payload)) throw new JwtInvalid(`missing ${claim}`);
  if (options.issuer !== undefined && payload.iss !== options.issuer) throw new JwtInvalid('issuer');
  if (
    options.audience !== undefined &&
    !(Array.isArray(aud) ? aud.includes(options.audience) : aud === options.audience)
  )
    throw new JwtInvalid('audience');
  const now = Math.floor(options.now.getTime() / 1000);
  if (typeof payload.nbf === 'number' && payload.nbf > now) throw new JwtInvalid('not yet valid');
  if (typeof payload.exp === 'number' && payload.exp <= now) throw new JwtExpired('expired');
  return payload as JwtPayload;
}
