import { noticeKindOf } from './notices';
import { nearTimeLabel } from './wording';
import { rankWaiting, urgencyTier, type Rankable } from './ordering';

const NOW = new Date('2026-12-07T02:00:00.000Z');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();
const item = (kind: Rankable['kind'], extra: Partial<Rankable> & { name: string }) => ({
  kind,
  overdue: false,
  ...extra,
});
const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('待我处理: most urgent first', () => {
  it('puts overdue items first, the longest overdue first', () => {
    const ranked = rankWaiting(
      [
        item('vote', { name: 'vote in 2 h', dueAt: inHours(2) }),
        item('staffCase', { name: 'overdue 1 h', dueAt: inHours(-1), overdue: true }),
        item('staffCase', { name: 'overdue 5 h', dueAt: inHours(-5), overdue: true }),
      ],
      NOW,
    );
    expect(names(ranked)).toEqual(['overdue 5 h', 'overdue 1 h', 'vote in 2 h']);
  });

  it('ranks deadlines within a day above every kind, the soonest first', () => {
    const ranked = rankWaiting(
      [
        item('rating', { name: 'rating', since: inHours(-3) }),
        item('activity', { name: 'activity in 20 h', dueAt: inHours(20) }),
        item('vote', { name: 'vote in 3 h', dueAt: inHours(3) }),
        item('staffCase', { name: 'case due in 30 h', dueAt: inHours(30) }),
      ],
      NOW,
    );
    expect(names(ranked)).toEqual(['vote in 3 h', 'activity in 20 h', 'case due in 30 h', 'rating']);
  });

  it('orders the rest by kind: what only I can settle before what only informs', () => {
    const ranked = rankWaiting(
      [
        item('support', { name: 'support' }),
        item('notice', { name: 'notice', since: inHours(-1) }),
        item('caseNews', { name: 'news', since: inHours(-2) }),
        item('pickup', { name: 'pickup', since: inHours(-30) }),
        item('activity', { name: 'activity in 40 h', dueAt: inHours(40) }),
        item('vote', { name: 'vote in 3 days', dueAt: inHours(72) }),
        item('rating', { name: 'rating' }),
      ],
      NOW,
    );
    expect(names(ranked)).toEqual([
      'rating',
      'vote in 3 days',
      'activity in 40 h',
      'pickup',
      'news',
      'notice',
      'support',
    ]);
  });

  it('within a kind: the earlier deadline first, then the newest, then as given', () => {
    const ranked = rankWaiting(
      [
        item('notice', { name: 'old notice', since: inHours(-48) }),
        item('notice', { name: 'new notice', since: inHours(-1) }),
        item('notice', { name: 'undated A' }),
        item('notice', { name: 'undated B' }),
        item('vote', { name: 'vote in 5 days', dueAt: inHours(120) }),
        item('vote', { name: 'vote in 2 days', dueAt: inHours(48) }),
      ],
      NOW,
    );
    expect(names(ranked)).toEqual([
      'vote in 2 days',
      'vote in 5 days',
      'new notice',
      'old notice',
      'undated A',
      'undated B',
    ]);
  });

  it('treats a deadline exactly a day away as imminent, and one a minute later as not', () => {
    expect(urgencyTier(item('vote', { name: 'a', dueAt: inHours(24) }), NOW)).toBe(1);
    expect(urgencyTier(item('vote', { name: 'b', dueAt: inHours(24 + 1 / 60) }), NOW)).toBe(2);
    expect(urgencyTier(item('activity', { name: 'c', dueAt: inHours(-1) }), NOW)).toBe(1);
    expect(urgencyTier(item('staffCase', { name: 'd', overdue: true }), NOW)).toBe(0);
  });

  it('does not change its input', () => {
    const input = [item('support', { name: 's' }), item('rating', { name: 'r' })];
    rankWaiting(input, NOW);
    expect(names(input)).toEqual(['s', 'r']);
  });
});

describe('nearTimeLabel', () => {
  // 2026-12-07 10:00 in China
  it('says 今天 and 明天 by the China calendar day, else the date', () => {
    expect(nearTimeLabel('2026-12-07T15:59:00.000Z', NOW)).toBe('今天 23:59');
    expect(nearTimeLabel('2026-12-07T16:00:00.000Z', NOW)).toBe('明天 00:00');
    expect(nearTimeLabel('2026-12-08T15:59:00.000Z', NOW)).toBe('明天 23:59');
    expect(nearTimeLabel('2026-12-08T16:00:00.000Z', NOW)).toBe('12月9日 00:00');
  });
});

describe('noticeKindOf', () => {
  it('shows news on a request as caseNews and the rest as notices', () => {
    expect(noticeKindOf('grievance.accepted')).toBe('caseNews');
    expect(noticeKindOf('grievance.escalated')).toBe('caseNews');
    expect(noticeKindOf('broadcast.published')).toBe('notice');
    expect(noticeKindOf('agora.resultPublished')).toBe('notice');
  });
  it('leaves out what the feed shows as its own item', () => {
    for (const e of ['agora.topicOpened', 'grievance.resolved', 'timebank.orderReady', 'volunteer.reminder'])
      expect(noticeKindOf(e)).toBeUndefined();
  });
});
