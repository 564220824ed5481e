import { buildPath, fieldProblems, type ResponseOf, type RouteContract, type SessionView } from '@linli/shared';
import type { z } from 'zod/mini';
import { ApiFailure } from './failure';
import type { TokenStore } from './tokens';
import type { HttpRequest, HttpTransport } from './transport';

type Input<S extends z.ZodMiniType> = z.input<S>;
type Slot<K extends string, S extends z.ZodMiniType> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends X`: is every field of X optional?
  {} extends Input<S> ? { [P in K]?: Input<S> } : { [P in K]: Input<S> };

/** What a page passes to `call`: path params, query and body, typed by the route contract. */
export type CallArgs<C extends RouteContract> = Slot<'params', C['params']> &
  Slot<'query', C['query']> & { body?: Input<C['body']> };

export interface ApiClientOptions {
  baseUrl: () => string;
  transport: HttpTransport;
  tokens: TokenStore;
  /** The refresh route (identity.refreshSession); injected so the client stays contract-agnostic. */
  refreshRoute: RouteContract;
  /** Called with the new session after a successful refresh (the session keeps `me` current). */
  onRefreshed?: (session: SessionView) => void;
  /** Called once when the session cannot be recovered; the app then shows the sign-in page. */
  onSessionLost?: (failure: ApiFailure) => void;
  timeoutMs?: number;
  now?: () => number;
  /** 亲情代办: the `x-linli-acting-for` value for this route while acting for a resident, else undefined. */
  actingFor?: (routeId: string) => string | undefined;
}

export interface ApiClient {
  call<C extends RouteContract>(contract: C, args?: CallArgs<C>): Promise<ResponseOf<C>>;
  /** Exchanges the refresh token for new tokens; concurrent callers share one attempt. */
  refresh(): Promise<boolean>;
  /** A request outside the contracts (the WeChat stand-in's demo routes), same error mapping. */
  raw(request: Omit<HttpRequest, 'timeoutMs' | 'headers'> & { headers?: Record<string, string> }): Promise<unknown>;
}

const EXPIRY_MARGIN_MS = 30_000;

/**
 * The one request module: validates inputs with the contract's own schemas before sending (so a
 * form gets the same Chinese field messages instantly), adds the bearer token, refreshes once on
 * 401 (single flight, then one retry), and turns every failure into an ApiFailure.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { transport, tokens } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  let refreshing: Promise<boolean> | null = null;

  async function send(request: Omit<HttpRequest, 'timeoutMs'>) {
    try {
      return await transport({ ...request, timeoutMs });
    } catch {
      throw ApiFailure.network();
    }
  }

  function refresh(): Promise<boolean> {
    if (!refreshing) {
      refreshing = (async () => {
        const stored = tokens.read();
        if (!stored) return false;
        const res = await send({
          method: 'POST',
          url: options.baseUrl() + options.refreshRoute.path,
          headers: { 'content-type': 'application/json' },
          body: { refreshToken: stored.refreshToken },
        });
        if (res.status < 200 || res.status >= 300) {
          if (res.status === 401 || res.status === 400) return false;
          throw ApiFailure.fromResponse(res.status, res.data);
        }
        const session = res.data as SessionView;
        tokens.write(session);
        options.onRefreshed?.(session);
        return true;
      })().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  function sessionLost(): ApiFailure {
    tokens.clear();
    const failure = new ApiFailure(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    options.onSessionLost?.(failure);
    return failure;
  }

  async function call<C extends RouteContract>(
    contract: C,
    args: CallArgs<C> = {} as CallArgs<C>,
  ): Promise<ResponseOf<C>> {
    const { params, query, body } = args as { params?: unknown; query?: unknown; body?: unknown };

    const parsedParams = contract.params.safeParse(params ?? {});
    if (!parsedParams.success)
      throw new ApiFailure(400, 'VALIDATION', '链接中的编号无效', fieldProblems(parsedParams.error, 'params'));
    const parsedQuery = contract.query.safeParse(query ?? {});
    if (!parsedQuery.success) {
      throw new ApiFailure(
        400,
        'VALIDATION',
        parsedQuery.error.issues[0]?.message ?? '请求参数有误',
        fieldProblems(parsedQuery.error, 'query'),
      );
    }
    const parsedBody = contract.body.safeParse(body);
    if (!parsedBody.success) {
      throw new ApiFailure(
        400,
        'VALIDATION',
        parsedBody.error.issues[0]?.message ?? '请检查填写的内容',
        fieldProblems(parsedBody.error, 'body'),
      );
    }

    const url =
      options.baseUrl() +
      buildPath(contract.path, parsedParams.data as Record<string, unknown>) +
      queryString(parsedQuery.data);
    const needsAuth = contract.access.kind !== 'public';
    const hasBody = parsedBody.data !== undefined;

    if (needsAuth) {
      const stored = tokens.read();
      if (!stored) throw sessionLost();
      // Refresh ahead of a token we know has expired, rather than spending a round trip on a 401.
      if (Date.parse(stored.accessTokenExpiresAt) - EXPIRY_MARGIN_MS < now()) await refresh().catch(() => false);
    }

    const attempt = () => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (hasBody) headers['content-type'] = 'application/json';
      const token = needsAuth ? tokens.read()?.accessToken : undefined;
      if (needsAuth && !token) throw sessionLost();
      if (token) headers.authorization = `Bearer ${token}`;
      const acting = needsAuth ? options.actingFor?.(contract.id) : undefined;
      if (acting) headers['x-linli-acting-for'] = acting;
      return send({ method: contract.method, url, headers, body: hasBody ? parsedBody.data : undefined });
    };

    let res = await attempt();
    if (res.status === 401 && needsAuth) {
      const refreshed = await refresh();
      if (!refreshed) throw sessionLost();
      res = await attempt();
      if (res.status === 401) throw sessionLost();
    }
    if (res.status < 200 || res.status >= 300) throw ApiFailure.fromResponse(res.status, res.data);
    return res.data as ResponseOf<C>;
  }

  async function raw(request: Omit<HttpRequest, 'timeoutMs' | 'headers'> & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const res = await send({ ...request, headers });
    if (res.status < 200 || res.status >= 300) throw ApiFailure.fromResponse(res.status, res.data);
    return res.data;
  }

  return { call, refresh, raw };
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
