import { attendanceAction, checkInOpensAt, checkOutClosesAt, minutesBetween } from '@linli/shared';
import { registrations } from '../db/entities/registration';
import { conflict, forbidden } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { loadActivity, type ActivityRequest } from './activities';
import { organiserCode, verifyOrganiserCode, verifyVolunteerPass } from './attendanceCodes';
import { assertOrganiser } from './organisers';
import { registrationSummary } from './views';

/**
 * 签到/签退 for one volunteer with a verified code: the first scan checks in, the next (with a newer
 * code) checks out and puts the measured minutes up for the organiser's review. Conditions on the
 * registration make a double scan a no-op rather than a second check-out.
 */
async function attend(
  communityId: string,
  activityId: string,
  userId: string,
  proof: string,
  method: 'code' | 'pass',
  now: Date,
) {
  const activity = await loadActivity(communityId, activityId);
  const { Item: reg } = await registrations.get({ communityId, activityId, userId }, { consistent: true });
  if (!reg) throw forbidden('没有报名该活动，不能签到');
  if (activity.cancelledAt) throw conflict('活动已取消，不能签到');
  const nowIso = now.toISOString();
  const decision = attendanceAction(reg, activity, nowIso, proof);
  if ('refused' in decision) throw conflict(decision.refused);
  try {
    if (decision.action === 'checkIn') {
      await registrations.update(
        { communityId, activityId, userId, checkedInAt: nowIso, checkInProof: proof, checkInMethod: method },
        {
          condition: {
            and: [
              { attr: 'status', eq: 'confirmed' },
              { attr: 'checkedInAt', exists: false },
            ],
          },
        },
      );
      return {
        action: 'checkIn' as const,
        at: nowIso,
        nickname: reg.nickname,
        registration: registrationSummary({ ...reg, checkedInAt: nowIso }, activity, nowIso),
      };
    }
    const claimedMinutes = minutesBetween(reg.checkedInAt as string, nowIso);
    await registrations.update(
      { communityId, activityId, userId, checkedOutAt: nowIso, claimedMinutes, reviewStatus: 'pending' },
      {
        condition: {
          and: [
            { attr: 'checkedInAt', exists: true },
            { attr: 'checkedOutAt', exists: false },
            { attr: 'checkInProof', ne: proof },
          ],
        },
      },
    );
    const updated = { ...reg, checkedOutAt: nowIso, claimedMinutes, reviewStatus: 'pending' as const };
    return {
      action: 'checkOut' as const,
      at: nowIso,
      nickname: reg.nickname,
      registration: registrationSummary(updated, activity, nowIso),
    };
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('刚刚已经记录过了，请勿重复扫码');
    throw error;
  }
}

/** The volunteer scans the organiser's QR (or types its six digits). */
export async function recordAttendance({
  principal,
  communityId,
  activityId,
  code,
  now,
}: ActivityRequest & { code: string }) {
  const proof = await verifyOrganiserCode(code, communityId, activityId, now);
  return attend(communityId, activityId, principal.userId, proof, 'code', now);
}

/** The organiser scans a volunteer's personal code (for someone without the app at hand). */
export async function scanVolunteerPass({
  principal,
  communityId,
  activityId,
  pass,
  now,
}: ActivityRequest & { pass: string }) {
  await assertOrganiser(principal, await loadActivity(communityId, activityId));
  const { userId, proof } = await verifyVolunteerPass(pass, communityId, now);
  return attend(communityId, activityId, userId, proof, 'pass', now);
}

/** The rotating code the organiser's phone shows, only while attendance is open. */
export async function attendanceCode({ principal, communityId, activityId, now }: ActivityRequest) {
  const activity = await loadActivity(communityId, activityId);
  await assertOrganiser(principal, activity);
  if (activity.cancelledAt) throw conflict('活动已取消，不能签到');
  const nowIso = now.toISOString();
  if (nowIso < checkInOpensAt(activity)) throw conflict('签到码在活动开始前 1 小时开放');
  if (nowIso > checkOutClosesAt(activity)) throw conflict('活动已结束超过 4 小时，签到已关闭');
  return organiserCode(communityId, activityId, now);
}
