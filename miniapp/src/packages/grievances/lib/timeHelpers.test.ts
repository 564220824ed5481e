import { monthBack, monthDays, monthLabel } from './months';
import { promiseChoices } from './promises';

/** An instant given as China wall-clock time. */
const cst = (text: string) => new Date(`${text}+08:00`);

// The phone may be set to any zone; these helpers speak China time, as the server does.
const zones = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'];
const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe.each(zones)('months for the 台账 and 评议 (phone set to %s)', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('counts back from the China month, which starts eight hours before the UTC one', () => {
    expect(monthBack(0, cst('2026-12-01T00:30:00'))).toBe('2026-12');
    expect(monthBack(1, cst('2026-12-01T00:30:00'))).toBe('2026-11');
    expect(monthBack(2, cst('2026-01-15T12:00:00'))).toBe('2025-11');
    expect(monthBack(0, cst('2026-11-30T23:59:00'))).toBe('2026-11');
  });

  it('gives a month’s first and last day, leap years included', () => {
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('names the year only when it is not this China year', () => {
    expect(monthLabel('2026-11', cst('2026-12-31T23:59:00'))).toBe('11月');
    expect(monthLabel('2026-11', cst('2027-01-01T00:01:00'))).toBe('2026年11月');
  });
});

describe.each(zones)('times a handler may promise (phone set to %s)', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('offers 18:00 China time on the coming days, within a week when the level has no deadline', () => {
    expect(promiseChoices(undefined, cst('2026-11-22T10:00:00'))).toEqual([
      { value: cst('2026-11-22T18:00:00').toISOString(), label: '今天 18:00 前' },
      { value: cst('2026-11-23T18:00:00').toISOString(), label: '明天 18:00 前' },
      { value: cst('2026-11-24T18:00:00').toISOString(), label: '后天 18:00 前' },
      { value: cst('2026-11-25T18:00:00').toISOString(), label: '3 天后 18:00 前' },
      { value: cst('2026-11-27T18:00:00').toISOString(), label: '5 天后 18:00 前' },
    ]);
  });

  it('drops today once 18:00 is less than half an hour away, and counts days from China midnight', () => {
    expect(promiseChoices(undefined, cst('2026-11-22T17:45:00'))[0]?.label).toBe('明天 18:00 前');
    // 23:30 in China is 15:30 UTC the same day: "tomorrow" is still the 23rd.
    expect(promiseChoices(undefined, cst('2026-11-22T23:30:00'))[0]).toEqual({
      value: cst('2026-11-23T18:00:00').toISOString(),
      label: '明天 18:00 前',
    });
  });

  it('stops at the level’s deadline and offers the deadline itself, in China time', () => {
    const deadline = cst('2026-11-24T12:00:00').toISOString();
    expect(promiseChoices(deadline, cst('2026-11-22T10:00:00')).map((c) => c.label)).toEqual([
      '今天 18:00 前',
      '明天 18:00 前',
      '时限内（11-24 12:00 前）',
    ]);
    expect(promiseChoices(cst('2026-11-22T10:20:00').toISOString(), cst('2026-11-22T10:00:00'))).toEqual([]);
  });
});
