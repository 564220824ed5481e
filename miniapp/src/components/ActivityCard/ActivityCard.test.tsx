import { fireEvent, render, screen } from '@testing-library/react';
import type { ActivityView } from '@linli/shared';
import { activity as anActivity } from '@test/activityFixtures';
import { ActivityCard, activityTag, timeRange } from './index';

// Noon and half past one in both UTC and China: the same day wherever the test runs.
const START = '2026-03-02T04:00:00.000Z';
const activity = (over: Partial<ActivityView> = {}) =>
  anActivity({ startAt: START, endAt: '2026-03-02T05:30:00.000Z', ...over });

describe('activityTag', () => {
  it.each<[string, Partial<ActivityView>, string, string]>([
    ['open with places', {}, 'success', '报名中'],
    ['full', { confirmed: 10 }, 'warning', '已满，可候补'],
    ['closed', { phase: 'closed' }, 'neutral', '报名截止'],
    ['ended', { phase: 'ended' }, 'neutral', '已结束'],
    [
      'cancelled, even when I signed up',
      { phase: 'cancelled', mine: { status: 'confirmed' } as ActivityView['mine'] },
      'danger',
      '已取消',
    ],
    ['signed up', { mine: { status: 'confirmed' } as ActivityView['mine'] }, 'info', '已报名'],
    [
      'on the waiting list',
      { mine: { status: 'waitlisted', waitPosition: 2 } as ActivityView['mine'] },
      'warning',
      '候补第 2 位',
    ],
  ])('%s', (_, over, tone, text) => {
    expect(activityTag(activity(over))).toEqual({ tone, text });
  });
});

describe('timeRange', () => {
  it('shows the day once when the activity starts and ends on it', () => {
    expect(timeRange(START, '2026-03-02T05:30:00.000Z')).toMatch(/^2026-03-02 \d\d:00–\d\d:30$/);
  });
  it('shows both ends in full across days', () => {
    expect(timeRange(START, '2026-03-04T04:00:00.000Z')).toMatch(/^2026-03-02 \d\d:00 至 2026-03-04 \d\d:00$/);
  });
});

describe('<ActivityCard>', () => {
  it('says what, where, places and points, and opens on tap', () => {
    const onOpen = jest.fn();
    render(<ActivityCard activity={activity({ waitlisted: 2 })} onOpen={onOpen} />);
    const card = screen.getByTestId('activity-a1');
    expect(card.textContent).toContain('垃圾分类宣传');
    // The place is the line the place icon leads (an SVG icon, hidden from screen readers, not an emoji).
    expect(card.querySelector('.icon--place')?.parentElement?.textContent).toBe('3栋楼下');
    expect(card.textContent).toContain('3/10 人 · 候补 2');
    expect(screen.getByTestId('activity-tag').textContent).toBe('报名中');
    fireEvent.click(card);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});
