import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { hmacKey, JwtExpired, signJwt, verifyJwt, type JwtPayload } from './jwt';

// jose is what the tokens were made and checked with before; these tests hold jwt.ts to its answers.
const SECRET = 'test-secret-of-some-length-0123456789';
const key = hmacKey(SECRET);
const raw = new TextEncoder().encode(SECRET);
const NOW = new Date('2026-12-07T08:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);
const OPTIONS = { issuer: 'linli', audience: 'linli-local', requiredClaims: ['sub', 'exp', 'iat'] as const };

type Verdict = 'ok' | 'expired' | 'invalid';
async function joseVerdict(token: string): Promise<Verdict> {
  try {
    await jwtVerify(token, raw, {
      algorithms: ['HS256'],
      issuer: OPTIONS.issuer,
      audience: OPTIONS.audience,
      currentDate: NOW,
      requiredClaims: [...OPTIONS.requiredClaims],
    });
    return 'ok';
  } catch (error) {
    return error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
  }
}
function ourVerdict(token: string): Verdict {
  try {
    verifyJwt(token, key, { ...OPTIONS, requiredClaims: [...OPTIONS.requiredClaims], now: NOW });
    return 'ok';
  } catch (error) {
    return error instanceof JwtExpired ? 'expired' : 'invalid';
  }
}

const session = (over: Partial<JwtPayload> = {}): JwtPayload => ({
  sid: 's1',
  iss: 'linli',
  aud: 'linli-local',
  sub: 'u1',
  iat: now - 10,
  exp: now + 900,
  ...over,
});
const joseSign = (payload: JwtPayload, alg = 'HS256', secret = raw) =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(secret);

test('a token signed here is the token jose signs, and each verifies the other', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        sid: fc.string(),
        sub: fc.string({ minLength: 1 }),
        exp: fc.integer({ min: now + 1, max: now + 1e6 }),
      }),
      async (claims) => {
        const payload = session(claims);
        const ours = signJwt(payload, key, { typ: 'JWT' });
        expect(ours).toBe(await joseSign(payload));
        expect(await joseVerdict(ours)).toBe('ok');
        expect(verifyJwt(await joseSign(payload), key, { ...OPTIONS, requiredClaims: ['sub'], now: NOW })).toEqual(
          payload,
        );
      },
    ),
    { numRuns: 50 },
  );
});

test('expiry is judged as jose judged it, to the second', async () => {
  for (const exp of [now - 1000, now - 1, now, now + 1]) {
    const token = signJwt(session({ exp }), key);
    expect([exp - now, ourVerdict(token)]).toEqual([exp - now, await joseVerdict(token)]);
  }
});

test('what jose refused is refused', async () => {
  const good = signJwt(session(), key, { typ: 'JWT' });
  const [h, p, s] = good.split('.') as [string, string, string];
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  // A token with this header and payload, correctly signed: only the content can be wrong.
  const resign = (header: unknown, payload: unknown) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${createHmac('sha256', raw).update(input).digest('base64url')}`;
  };
  const cases: [string, string][] = [
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`],
    ['HS512', await joseSign(session(), 'HS512')],
    ['another key', await joseSign(session(), 'HS256', new TextEncoder().encode('another-secret-0123456789abcdef'))],
    ['payload changed', `${h}.${b64({ ...session(), sub: 'admin' })}.${s}`],
    ['signature cut', `${h}.${p}.${s.slice(0, -2)}`],
    ['four parts', `${good}.x`],
    ['crit header', resign({ alg: 'HS256', crit: ['exp'] }, session())],
    ['b64 header', resign({ alg: 'HS256', b64: false, crit: ['b64'] }, session())],
    ['payload an array', resign({ alg: 'HS256' }, [1, 2])],
    ['header not JSON', `${Buffer.from('{').toString('base64url')}.${p}.${s}`],
    ['another issuer', signJwt(session({ iss: 'elsewhere' }), key)],
    ['another stage', signJwt(session({ aud: 'linli-prod' }), key)],
    ['audience list without ours', signJwt(session({ aud: ['a', 'b'] }), key)],
    ['no subject', signJwt({ ...session(), sub: undefined }, key)],
    ['no iat', signJwt({ ...session(), iat: undefined }, key)],
    ['exp a string', resign({ alg: 'HS256' }, { ...session(), exp: String(now + 900) })],
    ['not yet valid', signJwt(session({ nbf: now + 60 }), key)],
  ];
  for (const [label, token] of cases) {
    expect([label, ourVerdict(token)]).toEqual([label, await joseVerdict(token)]);
    expect([label, ourVerdict(token)]).toEqual([label, 'invalid']);
  }
  // Stricter than jose, which decoded a padded signature and took any type of `sub` and `jti` (the callers then
  // refused a subject that is not a string): no token we sign is padded or carries such claims.
  expect(ourVerdict(`${h}.${p}.${s}=`)).toBe('invalid');
  expect(ourVerdict(resign({ alg: 'HS256' }, { ...session(), sub: 7 }))).toBe('invalid');
  expect(ourVerdict(resign({ alg: 'HS256' }, { ...session(), jti: 7 }))).toBe('invalid');
  // And what jose accepted is accepted: an audience list with ours, nbf reached.
  for (const token of [signJwt(session({ aud: ['x', 'linli-local'] }), key), signJwt(session({ nbf: now }), key)])
    expect([ourVerdict(token), await joseVerdict(token)]).toEqual(['ok', 'ok']);
});
