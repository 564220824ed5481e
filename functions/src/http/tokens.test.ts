import { SignJWT } from 'jose';
import { signAccessToken, verifyAccessToken } from './tokens';

/**
 * Access tokens are verified with node:crypto on every request (not jose's WebCrypto job): everything
 * jose refused, this refuses too.
 */
const secret = () => new TextEncoder().encode(process.env.JWT_SECRET as string);
const now = new Date('2026-11-23T02:00:00Z');
const nowS = Math.floor(now.getTime() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
  key: Uint8Array = secret(),
) {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}
const good = { iss: 'linli', aud: 'linli-local', sub: 'u1', sid: 's1', iat: nowS - 10, exp: nowS + 600 };
const refused = { status: 401 };

it('accepts its own tokens and says who and which session', async () => {
  const { token } = await signAccessToken('u1', 's1', now);
  await expect(verifyAccessToken(token, now)).resolves.toEqual({ userId: 'u1', sessionId: 's1' });
  await expect(verifyAccessToken(await sign(good), now)).resolves.toEqual({ userId: 'u1', sessionId: 's1' });
  await expect(verifyAccessToken(await sign({ ...good, aud: ['x', 'linli-local'] }), now)).resolves.toBeTruthy();
});

it('refuses an expired token with its own message, and one not yet valid', async () => {
  await expect(verifyAccessToken(await sign({ ...good, exp: nowS }), now)).rejects.toMatchObject({
    status: 401,
    message: '登录已过期，请重新登录',
  });
  await expect(verifyAccessToken(await sign({ ...good, nbf: nowS + 60 }), now)).rejects.toMatchObject(refused);
});

it('refuses other algorithms, none, crit headers, another key and any tampering', async () => {
  await expect(verifyAccessToken(await sign(good, { alg: 'HS512' }), now)).rejects.toMatchObject(refused);
  await expect(
    verifyAccessToken(await sign(good, { alg: 'HS256', crit: ['b64'], b64: true }), now),
  ).rejects.toMatchObject(refused);
  const none = `${b64({ alg: 'none' })}.${b64(good)}.`;
  await expect(verifyAccessToken(none, now)).rejects.toMatchObject(refused);
  const otherKey = await sign(good, undefined, new TextEncoder().encode('another-secret-another-secret-32b'));
  await expect(verifyAccessToken(otherKey, now)).rejects.toMatchObject(refused);
  const [h, , s] = (await sign(good)).split('.');
  const raised = `${h}.${b64({ ...good, sub: 'admin' })}.${s}`;
  await expect(verifyAccessToken(raised, now)).rejects.toMatchObject(refused);
  for (const broken of ['', 'a.b', 'a.b.c.d', `${h}.${b64(good)}.${s}=`, `${h}.${b64(good)}.!${s}`])
    await expect(verifyAccessToken(broken, now)).rejects.toMatchObject(refused);
});

it('refuses a token of another issuer or stage, or without sub, sid, iat or exp', async () => {
  for (const claims of [
    { ...good, iss: 'someone' },
    { ...good, aud: 'linli-prod' },
    { ...good, sub: undefined },
    { ...good, sid: 7 },
    { ...good, iat: undefined },
    { ...good, exp: undefined },
    { ...good, exp: String(nowS + 600) },
  ])
    await expect(verifyAccessToken(await sign(claims), now)).rejects.toMatchObject(refused);
});
