import { addHours } from '@linli/shared';
import { reminderWording } from './reminderWording';

const T0 = new Date('2026-11-02T02:00:00.000Z');

describe('the 催办 wording', () => {
  it('names a deadline still ahead with the time left', () => {
    const due = addHours(T0, 5).toISOString();
    expect(reminderWording(due, T0, '办结')).toEqual({
      title: '诉求即将超时，请及时办结',
      note: '请于 2026-11-02 15:00 前办结（还剩 5 小时）',
      short: '请及时办结',
    });
    expect(reminderWording(due, new Date(Date.parse(due) - 90_000), '办结').note).toMatch(/（还剩 2 分钟）$/);
  });

  it('says a deadline already past is past, never "请于 <a past time> 前"', () => {
    const due = addHours(T0, -20).toISOString();
    expect(reminderWording(due, T0, '受理')).toEqual({
      title: '诉求已超时，请尽快受理',
      note: '已超过受理时限（2026-11-01 14:00），请尽快受理',
      short: '请尽快受理',
    });
    // At the deadline itself: past.
    expect(reminderWording(T0.toISOString(), T0, '受理').title).toBe('诉求已超时，请尽快受理');
  });
});
