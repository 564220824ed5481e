import { acceptDeadline, DEFAULT_GRIEVANCE_SETTINGS, deadlineAt, deadlineIn, ratingDeadline } from './settings';
import { isOverdue, sweepStep, type SupervisedCase } from './supervision';
import { addHours } from '../time/chinaTime';

const T0 = new Date('2026-11-02T02:00:00.000Z');
const hours = (h: number) => addHours(T0, h);
const s = DEFAULT_GRIEVANCE_SETTINGS;

function pendingAtGrid(overrides: Partial<SupervisedCase> = {}): SupervisedCase {
  return { status: 'pending', level: 'grid', version: 1, ...acceptDeadline(T0, 'grid', 'normal', s), ...overrides };
}

describe('deadlines', () => {
  it('reminds remindBeforeHours ahead, or halfway through a shorter window', () => {
    expect(deadlineIn(T0, 24, s)).toEqual({ dueAt: hours(24).toISOString(), remindAt: hours(20).toISOString() });
    expect(deadlineIn(T0, 2, s)).toEqual({ dueAt: hours(2).toISOString(), remindAt: hours(1).toISOString() });
    expect(deadlineAt(T0, hours(-1), s).remindAt).toBe(hours(-1).toISOString());
  });

  it('takes the hours from the level and urgency', () => {
    expect(acceptDeadline(T0, 'grid', 'urgent', s).dueAt).toBe(hours(2).toISOString());
    expect(acceptDeadline(T0, 'committee', 'normal', s).dueAt).toBe(hours(24).toISOString());
    expect(acceptDeadline(T0, 'street', 'normal', s).dueAt).toBe(hours(48).toISOString());
    expect(ratingDeadline(T0, s).dueAt).toBe(hours(7 * 24).toISOString());
  });
});

describe('the sweep (催办 then 督办)', () => {
  it('does nothing before the reminder time', () => {
    expect(sweepStep(pendingAtGrid(), hours(19.9))).toBe('none');
  });

  it('reminds once per version, then escalates only after the deadline', () => {
    const c = pendingAtGrid();
    expect(sweepStep(c, hours(20))).toBe('remind');
    const reminded = { ...c, remindedVersion: 1 };
    expect(sweepStep(reminded, hours(21))).toBe('none');
    expect(sweepStep(reminded, hours(24))).toBe('escalate');
  });

  it('reminds first even when it first looks after the deadline: nothing escalates unannounced', () => {
    expect(sweepStep(pendingAtGrid(), hours(100))).toBe('remind');
  });

  it('a reminder for an earlier version does not count for the next step', () => {
    expect(sweepStep(pendingAtGrid({ version: 2, remindedVersion: 1 }), hours(30))).toBe('remind');
  });

  it('at the street office flags 超时 once instead of escalating', () => {
    const atStreet = pendingAtGrid({ level: 'street', remindedVersion: 1 });
    expect(sweepStep(atStreet, hours(24))).toBe('flagOverdue');
    expect(sweepStep({ ...atStreet, overdueVersion: 1 }, hours(500))).toBe('none');
  });

  it('escalates accepted and committed cases whose promise passed', () => {
    for (const status of ['accepted', 'committed'] as const)
      expect(sweepStep(pendingAtGrid({ status, remindedVersion: 1 }), hours(25))).toBe('escalate');
  });

  it('closes a resolved case as 未评价 when the rating window ends, never earlier', () => {
    const resolved: SupervisedCase = { status: 'resolved', level: 'grid', version: 4, ...ratingDeadline(T0, s) };
    expect(sweepStep(resolved, hours(7 * 24 - 1))).toBe('none');
    expect(sweepStep(resolved, hours(7 * 24))).toBe('autoClose');
  });

  it('leaves closed and withdrawn cases and cases without a deadline alone', () => {
    for (const status of ['closed', 'withdrawn'] as const)
      expect(sweepStep(pendingAtGrid({ status }), hours(1000))).toBe('none');
    expect(sweepStep({ status: 'pending', level: 'grid', version: 1 }, hours(1000))).toBe('none');
  });

  it('counts only handlers’ deadlines as overdue', () => {
    expect(isOverdue(pendingAtGrid(), hours(24))).toBe(true);
    expect(isOverdue(pendingAtGrid(), hours(23))).toBe(false);
    expect(isOverdue({ status: 'resolved', ...ratingDeadline(T0, s) }, hours(1000))).toBe(false);
  });
});
