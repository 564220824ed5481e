import { identityApi, PRIVACY_GUIDELINE } from '@linli/shared';
import { SignJWT } from 'jose';
import { call, loginCode, raw, signIn } from './http';

const { signInWithWeChat, refreshSession, getMe, acceptPrivacy, updateMe, exportMyData, deleteMe } = identityApi;
const fresh = () => ({ openid: `api-test-${Date.now()}-${Math.random().toString(36).slice(2)}` });

describe('sign-in over HTTP (POST /auth/wechat)', () => {
  it('signs in with a good code, refuses a bad one and a replayed one', async () => {
    const { openid } = fresh();
    const code = await loginCode(openid);
    const first = await call(signInWithWeChat, { body: { code } });
    expect(first.status).toBe(200);
    expect(first.body.me.privacy.mustAccept).toBe(true);
    expect(JSON.stringify(first.body)).not.toContain(openid);

    const replay = await call(signInWithWeChat, { body: { code } });
    expect(replay.status).toBe(401);
    expect((replay.body as unknown as { error: { message: string } }).error.message).toMatch(/登录凭证/);
    expect((await call(signInWithWeChat, { body: { code: 'made-up-code' } })).status).toBe(401);
  });

  it('refuses expired tokens, tokens of another stage, and alg:none', async () => {
    const token = await signIn(fresh());
    expect((await call(getMe, { token })).status).toBe(200);
    const { sub, sid } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const secret = new TextEncoder().encode('local-only-jwt-secret-not-for-any-real-stage');
    const sign = (aud: string, exp: number) =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('linli')
        .setAudience(aud)
        .setSubject(sub)
        .setIssuedAt(exp - 900)
        .setExpirationTime(exp)
        .sign(secret);
    const nowS = Math.floor(Date.now() / 1000);
    expect((await call(getMe, { token: await sign('linli-local', nowS - 60) })).status).toBe(401);
    expect((await call(getMe, { token: await sign('linli-prod', nowS + 600) })).status).toBe(401);
    expect((await call(getMe, { token: await sign('linli-local', nowS + 600) })).status).toBe(200);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${token.split('.')[1]}.`;
    expect((await call(getMe, { token: none })).status).toBe(401);
  });

  it('rotates the refresh token and refuses the old one', async () => {
    const code = await loginCode(fresh().openid);
    const session = (await call(signInWithWeChat, { body: { code } })).body;
    const rotated = await call(refreshSession, { body: { refreshToken: session.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((await call(refreshSession, { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });
});

describe('profile, privacy and personal data', () => {
  it('asks for the current privacy guideline only, then remembers the acceptance', async () => {
    const token = await signIn(fresh());
    expect((await call(acceptPrivacy, { token, body: { version: '2000-01-01' } })).status).toBe(409);
    const accepted = await call(acceptPrivacy, { token, body: { version: PRIVACY_GUIDELINE.version } });
    expect(accepted.body.privacy.mustAccept).toBe(false);
  });

  it('masks the phone, keeps large-text mode, and rejects unknown fields', async () => {
    const token = await signIn(fresh());
    const updated = await call(updateMe, {
      token,
      body: { nickname: '  老周 ', phone: '+86 139 1234 5678', largeText: true },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ nickname: '老周', phoneMasked: '139****5678', largeText: true });
    expect(JSON.stringify(updated.body)).not.toContain('13912345678');
    const sneaky = await raw('PATCH', '/me', {
      token,
      body: JSON.stringify({ nickname: 'x', grants: { admin: true } }),
    });
    expect(sneaky.status).toBe(400);
    expect(JSON.stringify(sneaky.body)).toContain('grants');
  });

  it('exports everything about me, and deleting the account ends its sessions', async () => {
    const token = await signIn(fresh());
    await call(updateMe, { token, body: { phone: '13712345678' } });
    const exported = await call(exportMyData, { token });
    expect(exported.status).toBe(200);
    expect(Object.keys(exported.body.sections)).toEqual(
      expect.arrayContaining(['profile', 'households', 'staffRoles']),
    );
    expect(JSON.stringify(exported.body.sections.profile)).toContain('13712345678');

    expect((await call(deleteMe, { token })).status).toBe(200);
    expect((await call(getMe, { token })).status).toBe(401);
  });
});
