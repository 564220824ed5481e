import { identityApi, PRIVACY_GUIDELINE } from '@linli/shared';
import { SignJWT } from 'jose';
import { call, loginCode, raw, signIn } from './http';

const {
  signInWithWeChat,
  refreshSession,
  signOut,
  getMe,
  acceptPrivacy,
  updateMe,
  exportMyData,
  deleteMe,
  listMySessions,
  endAllSessions,
} = identityApi;
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

describe('sessions that end (logout, 退出所有设备, a reused refresh token)', () => {
  const IPHONE_WECHAT =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN miniProgram';
  /** A sign-in from a device with this User-Agent: the session's tokens. */
  const signInFrom = async (openid: string, userAgent?: string) => {
    const code = await loginCode(openid);
    const answer = await raw('POST', '/auth/wechat', {
      body: JSON.stringify({ code }),
      headers: userAgent ? { 'user-agent': userAgent } : {},
    });
    expect(answer.status).toBe(200);
    return answer.body as { accessToken: string; refreshToken: string; me: { userId: string } };
  };

  it('after logout the old access token gets 401 at once', async () => {
    const session = await signInFrom(fresh().openid);
    expect((await call(getMe, { token: session.accessToken })).status).toBe(200);
    const out = await call(signOut, { token: session.accessToken, body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(200);
    const after = await call(getMe, { token: session.accessToken });
    expect(after.status).toBe(401);
    expect((after.body as unknown as { error: { message: string } }).error.message).toMatch(/登录已失效/);
    expect((await call(refreshSession, { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });

  it('refuses a well-signed token naming a session that does not exist', async () => {
    const token = await signIn(fresh());
    const { sub } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const secret = new TextEncoder().encode('local-only-jwt-secret-not-for-any-real-stage');
    const nowS = Math.floor(Date.now() / 1000);
    const sign = (sid: string) =>
      new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('linli')
        .setAudience('linli-local')
        .setSubject(sub)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + 600)
        .sign(secret);
    expect((await call(getMe, { token: await sign('01J0000000000000000000NONE') })).status).toBe(401);
    // The same token with the real session id is accepted: what is refused above is only the session.
    const { sid } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    const real = await call(getMe, { token: await sign(sid) });
    expect(real.status).toBe(200);
    // The session is looked up in the call that reads the user: still one DynamoDB call for GET /me.
    expect(real.dbOps).toMatchObject({ reads: 1, writes: 0, commands: ['BatchGetItem'] });
  });

  it('lists the signed-in devices, and 退出所有设备 ends the others but keeps this one', async () => {
    const { openid } = fresh();
    const phone = await signInFrom(openid, IPHONE_WECHAT);
    const other = await signInFrom(openid);
    const listed = await call(listMySessions, { token: phone.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.filter((s) => s.current)).toEqual([
      expect.objectContaining({ device: 'iPhone · 微信', lastSeenAt: expect.any(String) }),
    ]);

    const ended = await call(endAllSessions, { token: phone.accessToken });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 1 });
    expect((await call(getMe, { token: other.accessToken })).status).toBe(401);
    expect((await call(refreshSession, { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await call(getMe, { token: phone.accessToken })).status).toBe(200);
    const left = await call(listMySessions, { token: phone.accessToken });
    expect(left.body.sessions.map((s) => s.current)).toEqual([true]);
  });

  it('a reused refresh token ends the session: the thief and the owner both sign in again', async () => {
    const session = await signInFrom(fresh().openid);
    const rotated = (await call(refreshSession, { body: { refreshToken: session.refreshToken } })).body;
    expect((await call(getMe, { token: rotated.accessToken })).status).toBe(200);
    // The rotation kept the session: the access token from before it still works until it expires.
    expect((await call(getMe, { token: session.accessToken })).status).toBe(200);

    expect((await call(refreshSession, { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await call(getMe, { token: rotated.accessToken })).status).toBe(401);
    expect((await call(getMe, { token: session.accessToken })).status).toBe(401);
    expect((await call(refreshSession, { body: { refreshToken: rotated.refreshToken } })).status).toBe(401);
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
