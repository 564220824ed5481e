import { attendanceAction, hoursState, minutesBetween, resolveReview, starLevel } from './rules';

const activity = { startAt: '2026-11-20T01:00:00Z', endAt: '2026-11-20T03:00:00Z' };
const at = (hhmm: string) => `2026-11-20T${hhmm}:00.000Z`;

describe('attendance (签到/签退)', () => {
  const confirmed = { status: 'confirmed' as const };

  it('checks in from an hour before the start until the end, then checks out on the next code', () => {
    expect(attendanceAction(confirmed, activity, at('23:59').replace('20T', '19T'), 'w1')).toEqual({
      refused: expect.stringMatching(/尚未开始/),
    });
    expect(attendanceAction(confirmed, activity, at('00:00'), 'w1')).toEqual({ action: 'checkIn' });
    expect(attendanceAction(confirmed, activity, at('03:01'), 'w1')).toEqual({
      refused: expect.stringMatching(/已结束/),
    });
    const checkedIn = { ...confirmed, checkedInAt: at('00:55'), checkInProof: 'w7' };
    expect(attendanceAction(checkedIn, activity, at('02:30'), 'w8')).toEqual({ action: 'checkOut' });
    expect(attendanceAction(checkedIn, activity, at('07:01'), 'w9')).toEqual({
      refused: expect.stringMatching(/签退时间已过/),
    });
  });

  it('refuses the same code twice (replay), waiters, the cancelled and the already checked out', () => {
    expect(
      attendanceAction({ ...confirmed, checkedInAt: at('01:00'), checkInProof: 'w7' }, activity, at('01:00'), 'w7'),
    ).toEqual({ refused: expect.stringMatching(/刚刚/) });
    expect(attendanceAction({ status: 'waitlisted' }, activity, at('01:00'), 'w1')).toEqual({
      refused: expect.stringMatching(/候补/),
    });
    expect(attendanceAction({ status: 'cancelled' }, activity, at('01:00'), 'w1')).toEqual({
      refused: expect.stringMatching(/取消/),
    });
    expect(
      attendanceAction(
        { ...confirmed, checkedInAt: at('01:00'), checkedOutAt: at('02:00') },
        activity,
        at('02:10'),
        'w9',
      ),
    ).toEqual({
      refused: expect.stringMatching(/已签退/),
    });
  });

  it('counts whole minutes between check-in and check-out', () => {
    expect(minutesBetween(at('01:00'), at('02:59'))).toBe(119);
    expect(minutesBetween(at('02:00'), at('01:00'))).toBe(0);
  });
});

describe('hours state', () => {
  it('flags a missing check-out after the grace period instead of guessing', () => {
    const reg = { status: 'confirmed' as const, checkedInAt: at('01:00') };
    expect(hoursState(reg, activity, at('04:00'))).toBe('checkedIn');
    expect(hoursState(reg, activity, at('07:01'))).toBe('missingCheckOut');
    expect(hoursState({ status: 'confirmed' }, activity, at('00:00'))).toBe('upcoming');
    expect(hoursState({ status: 'confirmed' }, activity, at('03:01'))).toBe('absent');
    expect(hoursState({ ...reg, checkedOutAt: at('02:00'), reviewStatus: 'pending' }, activity, at('09:00'))).toBe(
      'pending',
    );
    expect(hoursState({ status: 'waitlisted' }, activity, at('09:00'))).toBeUndefined();
  });
});

describe('reviewing hours (确认时长)', () => {
  const checkedOut = {
    status: 'confirmed' as const,
    checkedInAt: at('01:00'),
    checkedOutAt: at('03:00'),
    claimedMinutes: 120,
    reviewStatus: 'pending' as const,
  };

  it('confirms the checked time as is, or an adjustment with a reason', () => {
    expect(resolveReview(checkedOut, { decision: 'approve' })).toEqual({ ok: true, minutes: 120, adjusted: false });
    expect(resolveReview(checkedOut, { decision: 'approve', minutes: 90 })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(resolveReview(checkedOut, { decision: 'approve', minutes: 90, reason: '提前离开' })).toEqual({
      ok: true,
      minutes: 90,
      adjusted: true,
    });
  });

  it('needs verified minutes and a reason for a missing check-out, and a reason to decline', () => {
    const missing = { status: 'confirmed' as const, checkedInAt: at('01:00') };
    expect(resolveReview(missing, { decision: 'approve' })).toMatchObject({ ok: false, field: 'minutes' });
    expect(resolveReview(missing, { decision: 'approve', minutes: 100 })).toMatchObject({ ok: false, field: 'reason' });
    expect(resolveReview(missing, { decision: 'approve', minutes: 100, reason: '忘记签退，现场核实' })).toMatchObject({
      ok: true,
      minutes: 100,
    });
    expect(resolveReview(checkedOut, { decision: 'decline' })).toMatchObject({ ok: false, field: 'reason' });
    expect(resolveReview(checkedOut, { decision: 'decline', reason: '未参加' })).toMatchObject({
      ok: true,
      minutes: 0,
    });
  });

  it('refuses what cannot be reviewed: no check-in, or already decided', () => {
    expect(resolveReview({ status: 'confirmed' }, { decision: 'approve', minutes: 60, reason: 'x' })).toMatchObject({
      ok: false,
    });
    expect(resolveReview({ ...checkedOut, reviewStatus: 'approved' }, { decision: 'approve' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/已处理/),
    });
  });
});

describe('star volunteers (星级志愿者)', () => {
  it('rates by verified hours and tells how far the next star is', () => {
    expect(starLevel(0)).toEqual({ stars: 0, label: '志愿者', nextAtHours: 100, hoursToNext: 100 });
    expect(starLevel(100 * 60)).toMatchObject({ stars: 1, label: '一星志愿者', nextAtHours: 300 });
    expect(starLevel(1500 * 60)).toEqual({ stars: 5, label: '五星志愿者' });
  });
});
