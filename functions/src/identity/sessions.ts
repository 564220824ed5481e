import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import type { SessionListView } from '@linli/shared';
import { LinliTable } from '../db/table';
import { sessions, type SessionEntity } from '../db/entities/session';
import { users, type UserItem } from '../db/entities/user';
import { proxySessions, type ProxySessionItem } from '../db/entities/proxySession';
import { identity } from '../db/registries/identity';
import { logger } from '../commons/logger';
import { unavailable } from '../http/errors';

export type SessionItem = FormattedItem<typeof SessionEntity>;

/** The most devices the list shows (newest first); older sessions still end with 退出所有设备. */
const LISTED_SESSIONS = 50;

/**
 * #2 Who is calling: the user and the session their access token names, in one BatchGetItem
 * (strongly consistent, so a session ended a moment ago stops the very next request). One call on the
 * wire, as the user's GetItem was before; DynamoDB's unprocessed keys (throttling) are asked again, and
 * every attempt is counted. Under 亲情代办 the same call also reads the resident and the 代办 session.
 */
export async function loadCaller(
  userId: string,
  sessionId: string,
  actingFor?: { residentId: string; proxySessionId: string },
): Promise<{
  user: UserItem | undefined;
  session: SessionItem | undefined;
  resident?: UserItem | undefined;
  proxySession?: ProxySessionItem | undefined;
}> {
  const proxyKeys = actingFor
    ? [users.batchGet({ userId: actingFor.residentId }), proxySessions.batchGet(actingFor)]
    : [];
  const read = LinliTable.build(BatchGetCommand)
    .requests(users.batchGet({ userId }), sessions.batchGet({ userId, sessionId }), ...proxyKeys)
    .options({ consistent: true });
  const { Responses, UnprocessedKeys } = await execute({ maxAttempts: 3 }, read);
  if (UnprocessedKeys && Object.keys(UnprocessedKeys).length) throw unavailable(1);
  const [user, session, resident, proxySession] = (Responses?.[0] ?? []) as [
    UserItem | undefined,
    SessionItem | undefined,
    UserItem | undefined,
    ProxySessionItem | undefined,
  ];
  return {
    user: user?.status === 'active' ? user : undefined,
    session,
    ...(actingFor ? { resident: resident?.status === 'active' ? resident : undefined, proxySession } : {}),
  };
}

/** A session still counts until it ends (deleted) or its refresh token expires. */
export const isLive = (session: SessionItem | undefined, now: Date): session is SessionItem =>
  !!session && session.expiresAt > now.toISOString();

/** 登录设备: a person's live sessions, newest first, the caller's own marked. */
export async function listSessions(userId: string, currentSessionId: string, now: Date): Promise<SessionListView> {
  const { Items = [] } = await identity.query.sessionsOfUser({ userId, page: { limit: LISTED_SESSIONS } }).send();
  return {
    sessions: Items.filter((s) => isLive(s, now)).map((s) => ({
      sessionId: s.sessionId,
      device: s.device ?? '未知设备',
      signedInAt: s.signedInAt ?? s.lastSeenAt ?? s.expiresAt,
      lastSeenAt: s.lastSeenAt ?? s.signedInAt ?? s.expiresAt,
      current: s.sessionId === currentSessionId,
    })),
  };
}

/**
 * Ends a person's sessions (all of them, or all but `keep`): each item is deleted, so the access tokens
 * naming it are refused on their next request and its refresh token finds nothing to rotate. Used by
 * 退出所有设备, erasure and role revocation. Returns how many ended.
 */
export async function endSessions(userId: string, { keep }: { keep?: string } = {}): Promise<number> {
  let ended = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await identity.query
      .sessionsOfUser({ userId, page: { start: cursor } })
      .send();
    const ending = Items.filter((s) => s.sessionId !== keep);
    await Promise.all(ending.map((s) => sessions.delete({ userId, sessionId: s.sessionId })));
    ended += ending.length;
    cursor = LastEvaluatedKey;
  } while (cursor);
  if (ended) logger.info('sessions ended', { userId, ended, keptCurrent: !!keep });
  return ended;
}

/** 「iPhone · 微信」 from a User-Agent: enough to recognise one's own devices, nothing more is kept. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const platform = /iPad/.test(ua)
    ? 'iPad'
    : /iPhone|iOS/.test(ua)
      ? 'iPhone'
      : /HarmonyOS|OpenHarmony/i.test(ua)
        ? '鸿蒙'
        : /Android/.test(ua)
          ? 'Android'
          : /Windows/.test(ua)
            ? 'Windows'
            : /Mac OS X|Macintosh/.test(ua)
              ? 'Mac'
              : /Linux/.test(ua)
                ? 'Linux'
                : '';
  const app = /miniProgram|MicroMessenger/i.test(ua)
    ? '微信'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  return [platform, app].filter(Boolean).join(' · ') || '未知设备';
}
