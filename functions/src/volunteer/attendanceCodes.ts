import { createHmac, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ATTENDANCE_CODE_SECONDS } from '@linli/shared';
import { secrets } from '../commons/secrets';
import { badRequest } from '../http/errors';
import { hmacKey, signJwt, verifyJwt } from '../http/jwt';

/**
 * The codes of 签到/签退. A separate key derived from the JWT secret (HMAC with a purpose label), so an
 * attendance code can never pass as a session token and the other way round.
 */
let keyCache: { raw: string; key: KeyObject } | undefined;
async function attendanceKey(): Promise<KeyObject> {
  const raw = await secrets.jwt();
  if (keyCache?.raw !== raw)
    keyCache = { raw, key: hmacKey(createHmac('sha256', raw).update('linli/attendance/v1').digest()) };
  return keyCache.key;
}

export const windowOf = (now: Date) => Math.floor(now.getTime() / (ATTENDANCE_CODE_SECONDS * 1000));

async function shortCodeFor(communityId: string, activityId: string, window: number): Promise<string> {
  const mac = createHmac('sha256', await attendanceKey())
    .update(`${communityId}|${activityId}|${window}`)
    .digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/**
 * The organiser's rotating code for this moment: a signed token for the QR (activity, window,
 * expiry) and a six-digit code to type where there is no camera. Each lives 30 s; the previous one
 * is still accepted so a code read at the last second works.
 */
export async function organiserCode(communityId: string, activityId: string, now: Date) {
  const window = windowOf(now);
  const expiresAt = new Date((window + 1) * ATTENDANCE_CODE_SECONDS * 1000);
  const token = signJwt(
    {
      typ: 'att',
      cid: communityId,
      act: activityId,
      w: window,
      iat: Math.floor(now.getTime() / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000) + ATTENDANCE_CODE_SECONDS,
    },
    await attendanceKey(),
  );
  return {
    token,
    shortCode: await shortCodeFor(communityId, activityId, window),
    expiresAt: expiresAt.toISOString(),
    window,
  };
}

const INVALID = '签到码无效或已过期，请扫描组织者手机上最新的签到码';

/** Checks a scanned token or typed code against this activity and the current or previous window; answers the window as proof. */
export async function verifyOrganiserCode(
  code: string,
  communityId: string,
  activityId: string,
  now: Date,
): Promise<string> {
  const current = windowOf(now);
  const accepted = [current, current - 1];
  if (/^\d{6}$/.test(code)) {
    for (const w of accepted) {
      const expected = Buffer.from(await shortCodeFor(communityId, activityId, w));
      if (timingSafeEqual(expected, Buffer.from(code))) return `w${w}`;
    }
    throw badRequest(INVALID, [{ field: 'body.code', message: INVALID }]);
  }
  try {
    const payload = verifyJwt(code, await attendanceKey(), { now });
    if (
      payload.typ === 'att' &&
      payload.cid === communityId &&
      payload.act === activityId &&
      accepted.includes(Number(payload.w))
    )
      return `w${payload.w}`;
  } catch {
    // fall through: expired, forged or for another activity
  }
  throw badRequest(INVALID, [{ field: 'body.code', message: INVALID }]);
}

export const PASS_SECONDS = 600;

/** 志愿者个人码: a signed pass naming the volunteer, for the organiser to scan; ten minutes, one use per action. */
export async function volunteerPass(communityId: string, userId: string, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  const pass = signJwt(
    { typ: 'pass', cid: communityId, sub: userId, jti: randomUUID(), iat, exp: iat + PASS_SECONDS },
    await attendanceKey(),
  );
  return { pass, expiresAt: new Date((iat + PASS_SECONDS) * 1000).toISOString() };
}

const INVALID_PASS = '个人码无效或已过期，请志愿者刷新个人码';

export async function verifyVolunteerPass(
  pass: string,
  communityId: string,
  now: Date,
): Promise<{ userId: string; proof: string }> {
  try {
    const payload = verifyJwt(pass, await attendanceKey(), { now, requiredClaims: ['sub', 'jti', 'exp'] });
    if (payload.typ === 'pass' && payload.cid === communityId)
      return { userId: payload.sub as string, proof: `pass:${payload.jti}` };
  } catch {
    // fall through
  }
  throw badRequest(INVALID_PASS, [{ field: 'body.pass', message: INVALID_PASS }]);
}
