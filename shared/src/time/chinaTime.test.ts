import fc from 'fast-check';
import {
  addDays,
  addHours,
  addMinutes,
  CHINA_OFFSET_MS,
  chinaDate,
  chinaDateText,
  chinaDateTime,
  chinaDateTimeText,
  chinaDayStart,
  chinaInstant,
  chinaMidnight,
  chinaMonth,
  chinaParts,
  chinaTimeLabel,
  DAY_MS,
  daysInMonth,
  HOUR_MS,
  hoursBetween,
  MINUTE_MS,
  minutesOf,
  monthBounds,
  shiftMonth,
} from './chinaTime';

/** The oracle: the platform's own time-zone database, which the module must agree with. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
function oracle(at: Date) {
  const p = Object.fromEntries(shanghai.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    month: `${p.year}-${p.month}`,
    time: `${p.hour}:${p.minute}`,
    seconds: p.second as string,
    year: Number(p.year),
    monthNo: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
  };
}

// Shanghai has kept UTC+8 without daylight saving since September 1991; before that the oracle differs on purpose.
const FROM = Date.parse('1992-01-01T00:00:00+08:00');
const TO = Date.parse('2200-01-01T00:00:00+08:00');
const anyInstant = fc.integer({ min: FROM, max: TO }).map((t) => new Date(t));
/** Instants within two minutes of a China midnight, where day, month and year turn over. */
const nearMidnight = fc
  .tuple(
    fc.integer({ min: Math.ceil(FROM / DAY_MS), max: Math.floor(TO / DAY_MS) }),
    fc.integer({ min: -120_000, max: 120_000 }),
  )
  .map(([day, ms]) => new Date(day * DAY_MS - CHINA_OFFSET_MS + ms));
/** The last and first minutes of months and years. */
const nearMonthEnd = fc
  .tuple(
    fc.integer({ min: 1992, max: 2199 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: -90_000, max: 90_000 }),
  )
  .map(([y, m, ms]) => new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS + ms));
const instant = fc.oneof(anyInstant, nearMidnight, nearMonthEnd);
const month = fc
  .tuple(fc.integer({ min: 1992, max: 2199 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

describe('China wall clock', () => {
  it('names the day, month and minute the time-zone database names, around every midnight, month and year end', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const o = oracle(at);
        expect(chinaDate(at)).toBe(o.date);
        expect(chinaMonth(at)).toBe(o.month);
        expect(chinaMonth(at.toISOString())).toBe(o.month);
        expect(chinaDateTime(at)).toBe(`${o.date} ${o.time}`);
        expect(chinaDateTime(at.toISOString(), { seconds: true })).toBe(`${o.date} ${o.time}:${o.seconds}`);
        expect(chinaParts(at)).toEqual({
          year: o.year,
          month: o.monthNo,
          day: o.day,
          hour: o.hour,
          minute: o.minute,
          minuteOfDay: o.hour * 60 + o.minute,
        });
        expect(chinaDateTimeText(at)).toBe(`${o.year}年${o.monthNo}月${o.day}日 ${o.time}`);
        expect(chinaDateText(at)).toBe(`${o.year}年${o.monthNo}月${o.day}日`);
        expect(chinaTimeLabel(at.toISOString())).toBe(`${o.monthNo}月${o.day}日 ${o.time}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('turns the year at 16:00 UTC on 31 December, not at UTC midnight', () => {
    const lastMs = new Date('2026-12-31T15:59:59.999Z');
    const first = new Date('2026-12-31T16:00:00.000Z');
    expect([chinaDateTime(lastMs, { seconds: true }), chinaMonth(lastMs)]).toEqual(['2026-12-31 23:59:59', '2026-12']);
    expect([chinaDateTime(first), chinaMonth(first), chinaDate(first)]).toEqual([
      '2027-01-01 00:00',
      '2027-01',
      '2027-01-01',
    ]);
    expect(chinaDateTimeText(first)).toBe('2027年1月1日 00:00');
    expect(chinaDateText('2028-02-28T16:00:00Z')).toBe('2028年2月29日');
    expect(chinaTimeLabel('2026-11-22T06:00:00Z')).toBe('11月22日 14:00');
  });

  it('is the same whatever zone the process or phone is set to', () => {
    // shared has no Node types (the mini-program bundles it); the test runs on Node, whose zone follows TZ.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
    const saved = env.TZ;
    const at = new Date('2026-11-30T17:30:00Z');
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
        env.TZ = zone;
        expect([chinaDateTime(at), chinaMonth(at), chinaMidnight(at).toISOString()]).toEqual([
          '2026-12-01 01:30',
          '2026-12',
          '2026-11-30T16:00:00.000Z',
        ]);
        expect(chinaInstant(2026, 12, 1, 1, 30)).toEqual(at);
      }
    } finally {
      if (saved === undefined) delete env.TZ;
      else env.TZ = saved;
    }
  });

  it('refuses an invalid instant rather than naming a day', () => {
    expect(() => chinaDate('not a time')).toThrow(RangeError);
    expect(() => chinaDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('China days', () => {
  it('midnight starts the day containing the instant and is the start of that date', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const midnight = chinaMidnight(at);
        expect(midnight.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime() - midnight.getTime()).toBeLessThan(DAY_MS);
        expect(chinaDateTime(midnight)).toBe(`${chinaDate(at)} 00:00`);
        expect(chinaMidnight(midnight)).toEqual(midnight);
        expect(chinaDayStart(chinaDate(at))).toEqual(midnight);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds midnight before 1970 too (negative epoch milliseconds)', () => {
    expect(chinaMidnight(new Date('1969-12-31T20:00:00Z')).toISOString()).toBe('1969-12-31T16:00:00.000Z');
  });

  it('reads a wall-clock time back as the instant it names, to the minute', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const p = chinaParts(at);
        const back = chinaInstant(p.year, p.month, p.day, p.hour, p.minute);
        expect(back.getTime()).toBe(at.getTime() - (at.getTime() % MINUTE_MS));
      }),
      { numRuns: 1000 },
    );
    expect(chinaInstant(2026, 13, 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaInstant(2026, 11, 22, 24).toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('gives an invalid instant for a day that is not a date', () => {
    expect(Number.isNaN(chinaDayStart('2026-11-xx').getTime())).toBe(true);
    expect(chinaDayStart('2026-11-22').toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('keeps the time of day when days are added (no daylight saving)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: -400, max: 400 }), (at, n) => {
        expect(chinaDateTime(addDays(at, n)).slice(11)).toBe(chinaDateTime(at).slice(11));
        expect(hoursBetween(at, addDays(at, n))).toBe(24 * n);
      }),
    );
  });
});

describe('China months', () => {
  it('bounds a month by its first China midnight and the next month’s', () => {
    expect(monthBounds('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(monthBounds('2026-12').to).toBe('2026-12-31T16:00:00.000Z');
    fc.assert(
      fc.property(month, (m) => {
        const { from, to } = monthBounds(m);
        expect(from).toBe(chinaDayStart(`${m}-01`).toISOString());
        expect(to).toBe(monthBounds(shiftMonth(m, 1)).from);
        expect([chinaMonth(from), chinaMonth(new Date(Date.parse(to) - 1))]).toEqual([m, m]);
        expect(chinaMonth(new Date(Date.parse(from) - 1))).toBe(shiftMonth(m, -1));
        expect((Date.parse(to) - Date.parse(from)) / DAY_MS).toBe(daysInMonth(m));
      }),
    );
  });

  it('steps months across year ends as the calendar does', () => {
    expect(shiftMonth('2026-11', 2)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
    expect(shiftMonth('2026-06', 0)).toBe('2026-06');
    fc.assert(
      fc.property(month, fc.integer({ min: -600, max: 600 }), fc.integer({ min: -600, max: 600 }), (m, a, b) => {
        const [y, mo] = m.split('-').map(Number) as [number, number];
        expect(shiftMonth(m, a)).toBe(new Date(Date.UTC(y, mo - 1 + a, 1)).toISOString().slice(0, 7));
        expect(shiftMonth(shiftMonth(m, a), b)).toBe(shiftMonth(m, a + b));
      }),
    );
  });

  it('counts the days of a month, leap years included', () => {
    expect(['2026-01', '2026-02', '2026-04', '2028-02', '2100-02', '2000-02'].map(daysInMonth)).toEqual([
      31, 28, 30, 29, 28, 29,
    ]);
  });
});

describe('durations', () => {
  it('names the milliseconds of a minute, an hour, a day and the China offset', () => {
    expect([MINUTE_MS, HOUR_MS, DAY_MS, CHINA_OFFSET_MS]).toEqual([60_000, 3_600_000, 86_400_000, 28_800_000]);
  });

  it('adds minutes, hours and days to an instant without touching it', () => {
    const t = new Date('2026-11-22T06:00:00Z');
    expect(addMinutes(t, 90).toISOString()).toBe('2026-11-22T07:30:00.000Z');
    expect(addHours(t, -6.5).toISOString()).toBe('2026-11-21T23:30:00.000Z');
    expect(addDays(t, 1.5).toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(t.toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(hoursBetween('2026-11-22T06:00:00Z', '2026-11-22T04:30:00Z')).toBe(-1.5);
  });

  it('reads HH:mm as minutes since midnight', () => {
    expect(['00:00', '08:05', '23:59', '7', ''].map(minutesOf)).toEqual([0, 485, 1439, 420, 0]);
  });
});
