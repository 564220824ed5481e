import { startWeChatStandIn, type WeChatStandIn } from '../../../devstack/wechat/server';
import { useTestTable } from '../../test/testTable';
import { createWeChatClient, InMemoryAccessTokenStore } from '../wechat/client';
import { users } from '../db/entities/user';
import { httpApi } from '../http/api';
import { identityHandlers } from './handler';
import { identityLambdaApi, MINUTE_MS } from '@linli/shared';
import { refreshSession, signInWithWeChat } from './signIn';
import { verifyAccessToken } from '../http/tokens';

useTestTable();

let standIn: WeChatStandIn;
let wechat: ReturnType<typeof createWeChatClient>;
beforeAll(async () => {
  standIn = await startWeChatStandIn({ appId: 'wx-linli-local', appSecret: 'local-dev-secret' });
  wechat = createWeChatClient({
    baseUrl: standIn.url,
    appId: 'wx-linli-local',
    secret: async () => 'local-dev-secret',
    tokenStore: new InMemoryAccessTokenStore(),
  });
});
afterAll(() => standIn.close());

const now = () => new Date();

describe('sign in with a wx.login code', () => {
  it('creates the user on first sign-in and finds the same user afterwards', async () => {
    const first = await signInWithWeChat({ code: standIn.state.mintLoginCode('openid-alice'), now: now() }, { wechat });
    const again = await signInWithWeChat({ code: standIn.state.mintLoginCode('openid-alice'), now: now() }, { wechat });
    expect(again.me.userId).toBe(first.me.userId);
    expect(first.me.privacy.mustAccept).toBe(true);
    const { Item } = await users.get({ userId: first.me.userId });
    expect(Item?.openid).toBe('openid-alice');
    // session_key never leaves the server, and the openid is not part of what the client sees.
    expect(JSON.stringify(first)).not.toMatch(/session_key|openid-alice/);
  });

  it('answers 401 for an unknown code and for a code used twice (WeChat 40029 / 40163)', async () => {
    await expect(signInWithWeChat({ code: 'not-a-real-code', now: now() }, { wechat })).rejects.toMatchObject({
      status: 401,
    });
    const code = standIn.state.mintLoginCode('openid-bob');
    await signInWithWeChat({ code, now: now() }, { wechat });
    await expect(signInWithWeChat({ code, now: now() }, { wechat })).rejects.toMatchObject({ status: 401 });
  });

  it('creates exactly one user when the same person signs in from two phones at once', async () => {
    const codes = Array.from({ length: 8 }, () => standIn.state.mintLoginCode('openid-carol'));
    const sessions = await Promise.all(codes.map((c) => signInWithWeChat({ code: c, now: now() }, { wechat })));
    expect(new Set(sessions.map((s) => s.me.userId)).size).toBe(1);
  });

  it('rotates refresh tokens within the session, and a replayed one ends the session (theft signal)', async () => {
    const session = await signInWithWeChat({ code: standIn.state.mintLoginCode('openid-dan'), now: now() }, { wechat });
    const rotated = await refreshSession(session.refreshToken, now());
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    const sid = (token: string) => token.split('.')[1];
    expect(sid(rotated.refreshToken)).toBe(sid(session.refreshToken));
    const again = await refreshSession(rotated.refreshToken, now());
    // The first token again: whoever holds it is not the one who rotated it, so neither keeps the session.
    await expect(refreshSession(session.refreshToken, now())).rejects.toMatchObject({ status: 401 });
    await expect(refreshSession(again.refreshToken, now())).rejects.toMatchObject({ status: 401 });
  });

  it('issues access tokens that expire after 15 minutes', async () => {
    const t0 = now();
    const session = await signInWithWeChat({ code: standIn.state.mintLoginCode('openid-erin'), now: t0 }, { wechat });
    await expect(verifyAccessToken(session.accessToken, t0)).resolves.toMatchObject({ userId: session.me.userId });
    await expect(verifyAccessToken(session.accessToken, new Date(t0.getTime() + 16 * MINUTE_MS))).rejects.toMatchObject(
      {
        status: 401,
      },
    );
  });
});

describe('the identity Lambda over its HTTP event', () => {
  const handler = () => httpApi(identityLambdaApi, identityHandlers({ wechat: () => wechat }));
  const event = (method: string, path: string, body?: unknown, token?: string) =>
    ({
      rawPath: path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      requestContext: { http: { method, sourceIp: '127.0.0.1' }, requestId: 'req-12345678' },
      isBase64Encoded: false,
    }) as never;

  it('signs in, reads /me, and refuses a forged token', async () => {
    const h = handler();
    const signIn = await h(event('POST', '/auth/wechat', { code: standIn.state.mintLoginCode('openid-frank') }));
    expect(signIn.statusCode).toBe(200);
    const { accessToken } = JSON.parse(signIn.body as string);
    const me = await h(event('GET', '/me', undefined, accessToken));
    expect(me.statusCode).toBe(200);
    expect(JSON.parse(me.body as string)).toMatchObject({ nickname: expect.any(String), grants: [] });
    const forged = `${accessToken.slice(0, -4)}AAAA`;
    expect((await h(event('GET', '/me', undefined, forged))).statusCode).toBe(401);
  });

  it('answers 400 with the field and a Chinese message for bad input, and 415 for non-JSON', async () => {
    const h = handler();
    const bad = await h(event('POST', '/auth/wechat', { code: '', extra: 1 }));
    expect(bad.statusCode).toBe(400);
    const body = JSON.parse(bad.body as string);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['body.code']));
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const notJson = await h({
      ...(event('POST', '/auth/wechat') as object),
      headers: { 'content-type': 'text/plain' },
      body: 'code=1',
    } as never);
    expect(notJson.statusCode).toBe(415);
  });
});
