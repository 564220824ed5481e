import { upcomingOrder } from './upcomingOrder';

describe('即将开始 order', () => {
  it('leads with what can still be joined; a closed or cancelled one ending sooner comes after', () => {
    const byEnd = [
      { id: 'running', phase: 'closed' as const },
      { id: 'cancelled', phase: 'cancelled' as const },
      { id: 'tomorrow', phase: 'open' as const },
      { id: 'deadline-passed', phase: 'closed' as const },
      { id: 'next-week', phase: 'open' as const },
    ];
    expect(upcomingOrder(byEnd).map((a) => a.id)).toEqual([
      'tomorrow',
      'next-week',
      'running',
      'deadline-passed',
      'cancelled',
    ]);
  });
});
