/**
 * 志愿服务 rules: activities, sign-up with a waiting list, check-in/out and the review of hours.
 * Pure functions; the Lambdas enforce the same rules with DynamoDB conditions.
 */

import type { Role } from '../identity/roles';
import { addMinutes, MINUTE_MS } from '../time/chinaTime';

/** Residents take part; `volunteer` is granted on the first sign-up or team membership. */
export const PARTICIPANTS: readonly Role[] = ['resident', 'volunteer'];
/** Who may open organiser tools: the committee, and residents who lead a team (checked per activity). */
export const ORGANISERS: readonly Role[] = ['resident', 'volunteer', 'committee', 'admin'];

export const ACTIVITY_CATEGORIES = {
  policy: '政策宣讲',
  patrol: '治安巡逻',
  environment: '环境监督',
  elderly: '敬老爱幼',
  culture: '文体活动',
  service: '便民服务',
  other: '其他',
} as const;
export type ActivityCategory = keyof typeof ACTIVITY_CATEGORIES;

/** A sign-up (报名): confirmed within capacity, waiting in line, or withdrawn. */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};

/** The organiser's review of hours: pending after check-out, then approved (credits points) or declined. */
export const REVIEW_STATUSES = ['pending', 'approved', 'declined'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Where a confirmed volunteer's hours stand, as the volunteer and the organiser see it. */
export const HOURS_STATES = [
  'upcoming',
  'checkedIn',
  'missingCheckOut',
  'absent',
  'pending',
  'approved',
  'declined',
] as const;
export type HoursState = (typeof HOURS_STATES)[number];
export const HOURS_STATE_LABELS: Record<HoursState, string> = {
  upcoming: '未开始',
  checkedIn: '已签到',
  missingCheckOut: '缺签退',
  absent: '未签到',
  pending: '待确认时长',
  approved: '时长已确认',
  declined: '未通过',
};

/** Check-in opens this long before the start, so volunteers can arrive early. */
export const CHECK_IN_OPENS_MINUTES = 60;
/** Check-out stays open this long after the end; past it a check-in without check-out is flagged. */
export const CHECK_OUT_GRACE_MINUTES = 240;
/** The organiser's rotating code lives this long (and the previous one is still accepted). */
export const ATTENDANCE_CODE_SECONDS = 30;
/** Longest service one sign-up can be credited with. */
export const MAX_SERVICE_MINUTES = 24 * 60;

export interface ActivityTimes {
  startAt: string;
  endAt: string;
}

export const checkInOpensAt = (a: ActivityTimes) =>
  addMinutes(new Date(a.startAt), -CHECK_IN_OPENS_MINUTES).toISOString();
export const checkOutClosesAt = (a: ActivityTimes) =>
  addMinutes(new Date(a.endAt), CHECK_OUT_GRACE_MINUTES).toISOString();

/** Whole minutes of service between check-in and check-out (never negative). */
export function minutesBetween(checkedInAt: string, checkedOutAt: string): number {
  return Math.max(0, Math.floor((Date.parse(checkedOutAt) - Date.parse(checkedInAt)) / MINUTE_MS));
}

/** Which attendance action a scan means: the first scan checks in, the next one checks out. */
export type AttendanceAction = 'checkIn' | 'checkOut';

/**
 * What scanning the organiser's code (or the organiser scanning the volunteer) does now, or why it
 * cannot: only confirmed volunteers, check-in from an hour before the start until the end,
 * check-out until four hours after the end, and never with the same code twice.
 */
export function attendanceAction(
  reg: { status: RegistrationStatus; checkedInAt?: string; checkedOutAt?: string; checkInProof?: string },
  activity: ActivityTimes,
  now: string,
  /** Identifies the code used (the organiser's code window, or the volunteer pass); one code, one action. */
  proof: string,
): { action: AttendanceAction } | { refused: string } {
  if (reg.status !== 'confirmed')
    return { refused: reg.status === 'waitlisted' ? '您在候补名单中，尚未报名成功' : '您已取消报名' };
  if (reg.checkedOutAt) return { refused: '您已签退，本次服务时长待组织者确认' };
  if (!reg.checkedInAt) {
    if (now < checkInOpensAt(activity)) return { refused: '签到尚未开始（活动开始前 1 小时开放）' };
    if (now > activity.endAt) return { refused: '活动已结束，无法签到' };
    return { action: 'checkIn' };
  }
  if (reg.checkInProof === proof) return { refused: '刚刚已用这个签到码签到，请稍后扫描新的签到码签退' };
  if (now > checkOutClosesAt(activity)) return { refused: '签退时间已过，请联系组织者确认时长' };
  return { action: 'checkOut' };
}

export function hoursState(
  reg: { status: RegistrationStatus; checkedInAt?: string; checkedOutAt?: string; reviewStatus?: ReviewStatus },
  activity: ActivityTimes,
  now: string,
): HoursState | undefined {
  if (reg.status !== 'confirmed') return undefined;
  if (reg.reviewStatus) return reg.reviewStatus;
  if (reg.checkedInAt) return now > checkOutClosesAt(activity) ? 'missingCheckOut' : 'checkedIn';
  return now > activity.endAt ? 'absent' : 'upcoming';
}

export interface ReviewDecision {
  decision: 'approve' | 'decline';
  minutes?: number;
  reason?: string;
  round?: number;
}

/**
 * 确认时长: what an organiser's decision credits. Confirming the checked time needs nothing more;
 * changing it, crediting a missing check-out (never guessed) or declining needs a reason.
 */
export function resolveReview(
  reg: {
    status: RegistrationStatus;
    checkedInAt?: string;
    checkedOutAt?: string;
    claimedMinutes?: number;
    reviewStatus?: ReviewStatus;
  },
  d: ReviewDecision,
): { ok: true; minutes: number; adjusted: boolean } | { ok: false; field?: 'minutes' | 'reason'; message: string } {
  if (reg.status !== 'confirmed' || !reg.checkedInAt)
    return { ok: false, message: '该志愿者没有签到记录，无法确认时长' };
  if (reg.reviewStatus && reg.reviewStatus !== 'pending') return { ok: false, message: '该志愿者的时长已处理' };
  if (d.decision === 'decline')
    return d.reason
      ? { ok: true, minutes: 0, adjusted: false }
      : { ok: false, field: 'reason', message: '不通过时请写明原因' };
  const claimed = reg.checkedOutAt ? reg.claimedMinutes : undefined;
  const minutes = d.minutes ?? claimed;
  if (minutes === undefined)
    return { ok: false, field: 'minutes', message: '该志愿者缺少签退记录，请填写核实的服务时长' };
  if (minutes < 1 || minutes > MAX_SERVICE_MINUTES)
    return { ok: false, field: 'minutes', message: '服务时长应在 1 分钟到 24 小时之间' };
  const adjusted = minutes !== claimed;
  if (adjusted && !d.reason) return { ok: false, field: 'reason', message: '调整时长时请写明原因' };
  return { ok: true, minutes, adjusted };
}

/** 星级志愿者, by verified hours (the thresholds of 《志愿服务记录与证明出具办法》's star rating). */
export const STAR_LEVELS = [
  { stars: 1, hours: 100, label: '一星志愿者' },
  { stars: 2, hours: 300, label: '二星志愿者' },
  { stars: 3, hours: 600, label: '三星志愿者' },
  { stars: 4, hours: 1000, label: '四星志愿者' },
  { stars: 5, hours: 1500, label: '五星志愿者' },
] as const;

/** Star level for verified minutes and how far the next level is. */
export function starLevel(verifiedMinutes: number): {
  stars: number;
  label: string;
  nextAtHours?: number;
  hoursToNext?: number;
} {
  const hours = verifiedMinutes / 60;
  let reached: (typeof STAR_LEVELS)[number] | undefined;
  for (const level of STAR_LEVELS) if (hours >= level.hours) reached = level;
  const next = STAR_LEVELS.find((l) => hours < l.hours);
  return {
    stars: reached?.stars ?? 0,
    label: reached?.label ?? '志愿者',
    ...(next ? { nextAtHours: next.hours, hoursToNext: Math.ceil((next.hours - hours) * 10) / 10 } : {}),
  };
}

/** Hours for people: 90 → "1.5". */
export const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);
