import { addDays, type SessionView } from '@linli/shared';
import { openIdClaims } from '../db/entities/openIdClaim';
import { sessions } from '../db/entities/session';
import { users, type UserItem } from '../db/entities/user';
import { transact } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { epochSeconds } from '../commons/clock';
import { ulid } from '../commons/ids';
import { logger } from '../commons/logger';
import { ApiError, tooManyRequests, unauthenticated, unavailable } from '../http/errors';
import {
  newRefreshToken,
  parseRefreshToken,
  REFRESH_TOKEN_TTL_DAYS,
  secretMatches,
  signAccessToken,
} from '../http/tokens';
import { loadUser } from './principal';
import { meView } from './views';

/** The part of the WeChat client sign-in needs (injected so tests can pass the stand-in or a fake). */
export interface CodeExchange {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
}

interface WeChatErrorLike {
  errcode?: number;
  isInvalidCode?: boolean;
  isRateLimited?: boolean;
}

/**
 * 登录: exchanges a wx.login code for the openid (session_key is dropped inside the client and never
 * stored or returned), finds or creates the user, and opens a refresh session.
 */
export async function signInWithWeChat(
  { code, now, device = '未知设备' }: { code: string; now: Date; device?: string },
  { wechat }: { wechat: CodeExchange },
): Promise<SessionView> {
  let openid: string;
  try {
    ({ openid } = await wechat.code2Session(code));
  } catch (error) {
    const e = error as WeChatErrorLike;
    if (e.isInvalidCode) throw unauthenticated('登录凭证无效或已使用，请重新登录');
    if (e.isRateLimited) throw tooManyRequests(60);
    logger.warn('jscode2session failed', { errcode: e.errcode });
    throw unavailable();
  }
  const user = await findOrCreateUser(openid, now);
  return openSession(user, now, device);
}

async function findOrCreateUser(openid: string, now: Date): Promise<UserItem> {
  const { Item: claim } = await openIdClaims.get({ openid }, { consistent: true });
  if (claim) {
    const user = await loadUser(claim.userId);
    if (user) return user;
  }
  const userId = ulid(now.getTime());
  const fresh: UserItem = {
    userId,
    openid,
    nickname: `邻居${userId.slice(-4)}`,
    largeText: false,
    grants: {},
    memberships: {},
    status: 'active',
    createdAt: now.toISOString(),
  } as UserItem;
  try {
    // The claim's condition makes the openid unique even when two sign-ins race.
    await transact({
      user: users.transactPut(fresh, { condition: { attr: 'userId', exists: false } }),
      claim: openIdClaims.transactPut({ openid, userId }, { condition: { attr: 'openid', exists: false } }),
    });
    return (await loadUser(userId)) ?? fresh;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item: winner } = await openIdClaims.get({ openid }, { consistent: true });
    const user = winner && (await loadUser(winner.userId));
    if (!user) throw unavailable(1);
    return user;
  }
}

/**
 * The refresh part of a session (a new secret, 30 more days) for the user: the fields to store and
 * the tokens to hand out. A new session gets a new id; a rotation keeps the session's id.
 */
function mintRefresh(userId: string, sessionId: string, now: Date) {
  const refresh = newRefreshToken(userId, sessionId);
  const expires = addDays(now, REFRESH_TOKEN_TTL_DAYS);
  return {
    sessionId,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: expires.toISOString(),
    item: {
      userId,
      sessionId,
      secretHash: refresh.secretHash,
      expiresAt: expires.toISOString(),
      ttl: epochSeconds(expires),
      lastSeenAt: now.toISOString(),
    },
  };
}

async function sessionView(user: UserItem, minted: ReturnType<typeof mintRefresh>, now: Date): Promise<SessionView> {
  const access = await signAccessToken(user.userId, minted.sessionId, now);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken: minted.refreshToken,
    refreshTokenExpiresAt: minted.refreshTokenExpiresAt,
    me: meView(user),
  };
}

async function openSession(user: UserItem, now: Date, device: string): Promise<SessionView> {
  const minted = mintRefresh(user.userId, ulid(now.getTime()), now);
  await sessions.put({ ...minted.item, device, signedInAt: now.toISOString() });
  return sessionView(user, minted, now);
}

/**
 * Rotates a refresh token: the session's secret hash is replaced on the condition that it is still the
 * one presented, so a token can be used once. A secret that was valid once but is no longer the
 * current one is a reused token — someone else holds a copy (RFC 9700 §4.14.2) — and the session ends
 * at once, for both holders. A double-send racing its own rotation loses the condition and gets 401
 * without ending the session (the winner holds the new token).
 */
export async function refreshSession(refreshToken: string, now: Date): Promise<SessionView> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) throw unauthenticated();
  const { Item: session } = await sessions.get(
    { userId: parsed.userId, sessionId: parsed.sessionId },
    { consistent: true },
  );
  if (!session || session.expiresAt <= now.toISOString()) throw unauthenticated();
  if (!secretMatches(parsed.secret, session.secretHash)) {
    await endReusedSession(session);
    throw unauthenticated('登录已失效，请重新登录');
  }
  const user = await loadUser(parsed.userId);
  if (!user) throw unauthenticated('账号不存在或已注销');

  const minted = mintRefresh(user.userId, session.sessionId, now);
  try {
    await sessions.update(minted.item, { condition: { attr: 'secretHash', eq: session.secretHash } });
  } catch (error) {
    if (isConditionFailure(error)) throw unauthenticated();
    throw error;
  }
  return sessionView(user, minted, now);
}

/**
 * A refresh secret of this session that is not its current one. Secrets are 256 random bits, so a
 * mismatch is not a guess: it is a token this session issued before (or a forgery naming the session).
 * Ending it costs the owner a sign-in; not ending it leaves a thief a working session.
 */
async function endReusedSession(session: { userId: string; sessionId: string }): Promise<void> {
  logger.warn('refresh token reused: session ended', { userId: session.userId, sessionId: session.sessionId });
  await sessions.delete({ userId: session.userId, sessionId: session.sessionId });
}

/** 退出登录: ends the session (its access tokens too); only the owner of the session can end it. */
export async function signOut(userId: string, refreshToken: string): Promise<void> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed || parsed.userId !== userId) throw new ApiError(400, 'VALIDATION', '刷新令牌不属于当前账号');
  await sessions.delete({ userId, sessionId: parsed.sessionId });
}
