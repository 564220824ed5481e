import Taro from '@tarojs/taro';
import type { MeView } from '@linli/shared';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  headers: Record<string, string>;
}

export type FakeAnswer = { status: number; body?: unknown };
/** A canned body (or answer), or a function of the request; not `unknown`, which would swallow the function's parameter types. */
export type FakeRoute = ((req: FakeRequest) => unknown) | object | string | number | boolean | null;

const isAnswer = (x: unknown): x is FakeAnswer =>
  !!x &&
  typeof x === 'object' &&
  'status' in x &&
  typeof (x as FakeAnswer).status === 'number' &&
  Object.keys(x as object).every((k) => k === 'status' || k === 'body');

/**
 * Scripts the backend for a test: `'GET /me': me` answers 200 with `me`; a function gets the request
 * and may return `{ status, body }`. Paths are matched without the `/api` base and the query string.
 * Returns the log of requests so tests can assert what was sent.
 */
export function fakeApi(routes: Record<string, FakeRoute>): FakeRequest[] {
  const log: FakeRequest[] = [];
  (Taro.request as unknown as jest.Mock).mockImplementation(
    async (opts: { url: string; method: string; data?: unknown; header: Record<string, string> }) => {
      const [rawPath = '', qs = ''] = opts.url.split('?');
      const path = rawPath.replace(/^\/api/, '');
      const req: FakeRequest = {
        method: opts.method,
        path,
        query: new URLSearchParams(qs),
        body: opts.data,
        headers: opts.header ?? {},
      };
      log.push(req);
      const route = routes[`${opts.method} ${path}`];
      if (route === undefined)
        return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '接口不存在' } } };
      const answer = typeof route === 'function' ? await (route as (r: FakeRequest) => unknown)(req) : route;
      if (isAnswer(answer)) return { statusCode: answer.status, data: answer.body };
      return { statusCode: 200, data: answer };
    },
  );
  return log;
}

export function validationError(message: string, fields: { field: string; message: string }[]): FakeAnswer {
  return { status: 400, body: { error: { code: 'VALIDATION', message, fields } } };
}

const future = () => new Date(Date.now() + 3600_000).toISOString();

/** Puts a session's tokens in storage, as after a sign-in. */
export function storeTokens(accessToken = 'access-1', refreshToken = 'refresh-token-0123456789abcdef'): void {
  Taro.setStorageSync('linli.session', {
    accessToken,
    accessTokenExpiresAt: future(),
    refreshToken,
    refreshTokenExpiresAt: future(),
  });
}

export function makeMe(overrides: Partial<MeView> = {}): MeView {
  return {
    userId: 'u1',
    nickname: '王阿姨',
    phoneMasked: '138****5678',
    largeText: false,
    privacy: {
      currentVersion: '2026-11-01',
      acceptedVersion: '2026-11-01',
      acceptedAt: '2026-11-02T08:00:00Z',
      mustAccept: false,
    },
    grants: [],
    memberships: [
      {
        communityId: 'c1',
        communityName: '军门社区',
        unitId: 'u-301',
        unitLabel: '3栋1单元301',
        buildingId: 'b3',
        gridId: 'g1',
        relation: 'owner',
      },
    ],
    createdAt: '2026-11-01T08:00:00Z',
    ...overrides,
  };
}

export const committeeGrant = { role: 'committee' as const, communityId: 'c1' };
