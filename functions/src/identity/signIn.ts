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
  { code, now }: { code: string; now: Date },
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
  return openSession(user, now);
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

/** A new refresh session for the user: the item to store and the tokens to hand out. */
function mintSession(userId: string, now: Date) {
  const sessionId = ulid(now.getTime());
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
    },
  };
}

async function sessionView(user: UserItem, minted: ReturnType<typeof mintSession>, now: Date): Promise<SessionView> {
  const access = await signAccessToken(user.userId, minted.sessionId, now);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken: minted.refreshToken,
    refreshTokenExpiresAt: minted.refreshTokenExpiresAt,
    me: meView(user),
  };
}

async function openSession(user: UserItem, now: Date): Promise<SessionView> {
  const minted = mintSession(user.userId, now);
  await sessions.put(minted.item);
  return sessionView(user, minted, now);
}

/**
 * Rotates a refresh token: the old session is deleted on the condition that its hash still matches,
 * in the same transaction that creates the new one, so a replayed (already rotated) token fails.
 */
export async function refreshSession(refreshToken: string, now: Date): Promise<SessionView> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) throw unauthenticated();
  const { Item: session } = await sessions.get(
    { userId: parsed.userId, sessionId: parsed.sessionId },
    { consistent: true },
  );
  if (!session || !secretMatches(parsed.secret, session.secretHash) || session.expiresAt <= now.toISOString())
    throw unauthenticated();
  const user = await loadUser(parsed.userId);
  if (!user) throw unauthenticated('账号不存在或已注销');

  const minted = mintSession(user.userId, now);
  try {
    await transact({
      rotated: sessions.transactDelete(
        { userId: user.userId, sessionId: parsed.sessionId },
        { condition: { attr: 'secretHash', eq: session.secretHash } },
      ),
      session: sessions.transactPut(minted.item),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw unauthenticated();
    throw error;
  }
  return sessionView(user, minted, now);
}

/** 退出登录: removes the refresh session; only the owner of the session can end it. */
export async function signOut(userId: string, refreshToken: string): Promise<void> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed || parsed.userId !== userId) throw new ApiError(400, 'VALIDATION', '刷新令牌不属于当前账号');
  await sessions.delete({ userId, sessionId: parsed.sessionId });
}
