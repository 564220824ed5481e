import { HOUR_MS } from '@linli/shared';

// Server-only, kept out of shared/: every shared export ships in the mini-program's main package.
/** A poll's "closing in 24 h" reminder waits for this long after its opening notice (请参与表决) went out. */
export const CLOSING_REMINDER_QUIET_MS = 4 * HOUR_MS;
/** How long before closing the reminder goes out. */
export const CLOSING_REMINDER_LEAD_MS = 24 * HOUR_MS;

/**
 * Whether a poll's "投票即将截止" reminder may go out now: voting has opened, it closes within a day, and the
 * opening notice is not fresh. A short poll (closing in 2 hours) would otherwise send both notices a minute apart;
 * a reminder that would fall in the quiet time is simply not sent (the opening notice said when it closes), or
 * goes out once the quiet time is over for a longer poll.
 */
export function closingReminderDue(
  poll: { opensAt: string; closesAt: string; openingNoticeAt: string },
  now: Date,
): boolean {
  const t = now.getTime();
  return (
    Date.parse(poll.opensAt) <= t &&
    Date.parse(poll.closesAt) - t <= CLOSING_REMINDER_LEAD_MS &&
    Date.parse(poll.closesAt) > t &&
    t - Date.parse(poll.openingNoticeAt) >= CLOSING_REMINDER_QUIET_MS
  );
}
