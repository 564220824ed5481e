import type { WaitingKind } from './contracts';

/**
 * Inbox events the feed already shows as their own item — a poll to vote in, a request to rate, an
 * order to pick up, an activity about to start, a case in a handler's queue. An unread notice about
 * them would say the same thing twice, and would stay after the thing is done.
 */
const SHOWN_AS_THEIR_OWN_ITEM = new Set([
  'agora.topicOpened',
  'agora.closingSoon',
  'grievance.resolved',
  'grievance.assigned',
  'grievance.dueSoon',
  'grievance.overdue',
  'timebank.orderReady',
  'volunteer.reminder',
  'volunteer.signUpConfirmed',
  'volunteer.promoted',
]);

/** How an unread inbox entry shows in 待我处理: news on a request, a notice, or not at all. */
export function noticeKindOf(event: string): Extract<WaitingKind, 'caseNews' | 'notice'> | undefined {
  if (SHOWN_AS_THEIR_OWN_ITEM.has(event)) return undefined;
  return event.startsWith('grievance.') ? 'caseNews' : 'notice';
}
