import { HOUR_MS, MINUTE_MS } from '@linli/shared';
import { CLOSING_REMINDER_QUIET_MS, closingReminderDue } from './closingReminder';

const t0 = Date.parse('2026-12-07T01:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('the "投票即将截止" reminder of a poll', () => {
  it('stays quiet for a short poll whose opening notice just went out (two notices a minute apart)', () => {
    const shortPoll = { opensAt: iso(t0), closesAt: iso(t0 + 2 * HOUR_MS), openingNoticeAt: iso(t0) };
    for (const after of [MINUTE_MS, HOUR_MS, 2 * HOUR_MS - MINUTE_MS])
      expect(closingReminderDue(shortPoll, new Date(t0 + after))).toBe(false);
  });

  it('goes out at the end of the quiet time, not a moment before', () => {
    const poll = { opensAt: iso(t0), closesAt: iso(t0 + 20 * HOUR_MS), openingNoticeAt: iso(t0) };
    expect(CLOSING_REMINDER_QUIET_MS).toBe(4 * HOUR_MS);
    expect(closingReminderDue(poll, new Date(t0 + CLOSING_REMINDER_QUIET_MS - 1))).toBe(false);
    expect(closingReminderDue(poll, new Date(t0 + CLOSING_REMINDER_QUIET_MS))).toBe(true);
  });

  it('waits for the last 24 hours, for voting to open, and never after closing', () => {
    const week = { opensAt: iso(t0), closesAt: iso(t0 + 7 * 24 * HOUR_MS), openingNoticeAt: iso(t0 - HOUR_MS) };
    expect(closingReminderDue(week, new Date(t0 + 5 * 24 * HOUR_MS))).toBe(false);
    expect(closingReminderDue(week, new Date(t0 + 6 * 24 * HOUR_MS))).toBe(true);
    // Scheduled yesterday to open tomorrow morning: the notice is old, but voting has not begun.
    const later = {
      opensAt: iso(t0 + 10 * HOUR_MS),
      closesAt: iso(t0 + 20 * HOUR_MS),
      openingNoticeAt: iso(t0 - 24 * HOUR_MS),
    };
    expect(closingReminderDue(later, new Date(t0 + 9 * HOUR_MS))).toBe(false);
    expect(closingReminderDue(later, new Date(t0 + 10 * HOUR_MS))).toBe(true);
    expect(closingReminderDue(later, new Date(t0 + 20 * HOUR_MS))).toBe(false);
  });
});
