import { fieldProblems, type SessionView, identityApi, rosterRoutes } from '@linli/shared';
import { createApiClient } from './client';
import { ApiFailure, fieldErrorsOf } from './failure';
import type { StoredTokens, TokenStore } from './tokens';
import type { HttpRequest, HttpResponse } from './transport';

const later = () => new Date(Date.now() + 3600_000).toISOString();

function memoryTokens(initial?: StoredTokens): TokenStore & { current?: StoredTokens } {
  const store: TokenStore & { current?: StoredTokens } = {
    current: initial,
    read: () => store.current,
    write: (t) => {
      store.current = {
        accessToken: t.accessToken,
        accessTokenExpiresAt: t.accessTokenExpiresAt,
        refreshToken: t.refreshToken,
        refreshTokenExpiresAt: t.refreshTokenExpiresAt,
      };
    },
    clear: () => {
      store.current = undefined;
    },
  };
  return store;
}

const tokens = (access: string): StoredTokens => ({
  accessToken: access,
  accessTokenExpiresAt: later(),
  refreshToken: 'refresh-old-0123456789abcdefgh',
  refreshTokenExpiresAt: later(),
});

const me = {
  userId: 'u1',
  nickname: '王阿姨',
  largeText: false,
  privacy: { currentVersion: 'v1', mustAccept: false },
  grants: [],
  memberships: [],
  createdAt: '2026-01-01T00:00:00Z',
};
const session = (access: string): SessionView => ({
  ...tokens(access),
  refreshToken: 'refresh-new-0123456789abcdefgh',
  me,
});

function setup(
  transport: (req: HttpRequest) => Promise<HttpResponse>,
  stored = tokens('old'),
  actingFor?: (routeId: string) => string | undefined,
) {
  const store = memoryTokens(stored);
  const onRefreshed = jest.fn();
  const onSessionLost = jest.fn();
  const requests: HttpRequest[] = [];
  const client = createApiClient({
    baseUrl: () => '/api',
    transport: (req) => {
      requests.push(req);
      return transport(req);
    },
    tokens: store,
    refreshRoute: identityApi.refreshSession,
    onRefreshed,
    onSessionLost,
    actingFor,
  });
  return { client, store, onRefreshed, onSessionLost, requests };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('the API client', () => {
  it('names the 代办 session only on the routes it applies to (亲情代办)', async () => {
    const { client, requests } = setup(
      async () => ({ status: 200, data: me }),
      tokens('old'),
      (routeId) => (routeId === 'identity.listMyBindings' ? 'demo_gao.01J' : undefined),
    );
    await client.call(identityApi.listMyBindings).catch(() => undefined);
    await client.call(identityApi.getMe);
    expect(requests[0]!.headers['x-linli-acting-for']).toBe('demo_gao.01J');
    expect(requests[1]!.headers['x-linli-acting-for']).toBeUndefined();
  });

  it('builds the path from the contract, sends the bearer token and returns the body', async () => {
    const { client, requests } = setup(async () => ({ status: 200, data: { items: [], nextCursor: undefined } }));
    await client.call(rosterRoutes.listUnits, {
      params: { communityId: 'c1' },
      query: { buildingId: 'b3', cursor: 'eyJrIjoxfQ-_' },
    });
    expect(requests[0]!.url).toBe('/api/communities/c1/roster/units?buildingId=b3&cursor=eyJrIjoxfQ-_&limit=20');
    expect(requests[0]!.headers.authorization).toBe('Bearer old');
    expect(requests[0]!.body).toBeUndefined();
  });

  it('on 401 refreshes once for concurrent calls, then retries each with the new token', async () => {
    let refreshes = 0;
    const { client, store, onRefreshed, requests } = setup(async (req) => {
      if (req.url === '/api/auth/refresh') {
        refreshes++;
        await new Promise((r) => setTimeout(r, 10));
        return { status: 200, data: session('new') };
      }
      return req.headers.authorization === 'Bearer new'
        ? { status: 200, data: me }
        : { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } } };
    });

    const results = await Promise.all([
      client.call(identityApi.getMe),
      client.call(identityApi.getMe),
      client.call(identityApi.listMyBindings),
    ]);

    expect(refreshes).toBe(1);
    expect(results[0]).toEqual(me);
    expect(store.current?.accessToken).toBe('new');
    expect(store.current?.refreshToken).toBe('refresh-new-0123456789abcdefgh');
    expect(onRefreshed).toHaveBeenCalledTimes(1);
    const refreshBody = requests.find((r) => r.url === '/api/auth/refresh')!.body;
    expect(refreshBody).toEqual({ refreshToken: 'refresh-old-0123456789abcdefgh' });
    expect(requests.filter((r) => r.headers.authorization === 'Bearer new')).toHaveLength(3);
  });

  it('signs out when the refresh token is refused, and does not loop', async () => {
    const { client, store, onSessionLost, requests } = setup(async () => ({
      status: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } },
    }));
    await expect(client.call(identityApi.getMe)).rejects.toMatchObject({
      status: 401,
      message: '登录已失效，请重新登录',
    });
    expect(store.current).toBeUndefined();
    expect(onSessionLost).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.url)).toEqual(['/api/me', '/api/auth/refresh']);
  });

  it('retries only once: a second 401 after a successful refresh signs out', async () => {
    const { client, onSessionLost, requests } = setup(async (req) =>
      req.url === '/api/auth/refresh'
        ? { status: 200, data: session('new') }
        : { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: '账号不存在或已注销' } } },
    );
    await expect(client.call(identityApi.getMe)).rejects.toBeInstanceOf(ApiFailure);
    expect(onSessionLost).toHaveBeenCalledTimes(1);
    expect(requests.filter((r) => r.url === '/api/me')).toHaveLength(2);
  });

  it("maps the server's error body, keeping its Chinese message and per-field messages", async () => {
    const { client } = setup(async () => ({
      status: 400,
      data: {
        error: {
          code: 'VALIDATION',
          message: '真实姓名不能超过 20 个字',
          fields: [{ field: 'body.realName', message: '真实姓名不能超过 20 个字' }],
        },
      },
    }));
    const failure = await failureOf(
      client.call(identityApi.requestBinding, {
        body: { communityId: 'c1', unitId: 'u1', relation: 'owner', realName: '王' },
      }),
    );
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.status).toBe(400);
    expect(failure.message).toBe('真实姓名不能超过 20 个字');
    expect(failure.fieldMessage('body.realName')).toBe('真实姓名不能超过 20 个字');
    expect(fieldErrorsOf(failure)).toEqual({ 'body.realName': '真实姓名不能超过 20 个字' });
  });

  it('checks the body with the contract before sending, with the same field paths and Chinese messages', async () => {
    const { client, requests } = setup(async () => ({ status: 200, data: {} }));
    const failure = await failureOf(
      client.call(identityApi.requestBinding, {
        body: { communityId: 'c1', unitId: 'u1', relation: 'owner', realName: '   ' },
      }),
    );
    expect(requests).toHaveLength(0);
    expect(failure.code).toBe('VALIDATION');
    // Exactly what the server's parse of the same contract answers (shared messages, shared paths).
    const server = identityApi.requestBinding.body.safeParse({
      communityId: 'c1',
      unitId: 'u1',
      relation: 'owner',
      realName: '   ',
    });
    expect(failure.fields).toEqual(fieldProblems(server.error!, 'body'));
    expect(failure.fieldMessage('body.realName')).toMatch(/^请填写/);
  });

  it('sends the parsed body (trimmed, normalised) as JSON', async () => {
    const { client, requests } = setup(async () => ({ status: 200, data: {} }));
    await client.call(identityApi.redeemInvitation, { body: { code: 'abcd-2345', realName: ' 王芳 ' } });
    expect(requests[0]!.body).toEqual({ code: 'ABCD2345', realName: '王芳' });
    expect(requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('turns timeouts and lost connections into a readable message', async () => {
    const { client } = setup(async () => {
      throw new Error('request:fail timeout');
    });
    await expect(client.call(identityApi.getMe)).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络不稳定，请重试',
    });
  });

  it('gives a readable message for a gateway error page', async () => {
    const { client } = setup(async () => ({ status: 502, data: '<html>Bad Gateway</html>' }));
    await expect(client.call(identityApi.getMe)).rejects.toMatchObject({
      status: 502,
      message: '服务暂时繁忙，请稍后再试',
    });
  });

  it('does not send a token to public routes', async () => {
    const { client, requests } = setup(async () => ({ status: 200, data: session('a') }), undefined);
    await client.call(identityApi.signInWithWeChat, { body: { code: 'wx-code-1' } });
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('refreshes ahead of an access token it knows has expired', async () => {
    const expired = { ...tokens('stale'), accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() };
    const { client, requests } = setup(
      async (req) =>
        req.url === '/api/auth/refresh' ? { status: 200, data: session('fresh') } : { status: 200, data: me },
      expired,
    );
    await client.call(identityApi.getMe);
    expect(requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/auth/refresh', undefined],
      ['/api/me', 'Bearer fresh'],
    ]);
  });
});
