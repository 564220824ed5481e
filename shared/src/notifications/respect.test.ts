import { chinaDate, chinaDateTimeText } from '../time/chinaTime';
import {
  DEFAULT_PREFERENCES,
  preferencesSchema,
  pushDecision,
  quietUntil,
  withDefaults,
  type NotificationPreferences,
} from './respect';

/** An instant given as China wall-clock time. */
const cst = (text: string) => new Date(`${text}+08:00`);

describe('quiet hours (免打扰)', () => {
  const night = { enabled: true, start: '22:00', end: '08:00' };

  it('holds a push made late in the evening until eight the next morning', () => {
    expect(quietUntil(cst('2026-11-22T22:00:00'), night)).toEqual(cst('2026-11-23T08:00:00'));
    expect(quietUntil(cst('2026-11-22T23:59:00'), night)).toEqual(cst('2026-11-23T08:00:00'));
  });

  it('holds a push made after midnight until eight the same morning', () => {
    expect(quietUntil(cst('2026-11-23T00:30:00'), night)).toEqual(cst('2026-11-23T08:00:00'));
    expect(quietUntil(cst('2026-11-23T07:59:00'), night)).toEqual(cst('2026-11-23T08:00:00'));
  });

  it('lets pushes through during the day, and at the exact end of the window', () => {
    expect(quietUntil(cst('2026-11-23T08:00:00'), night)).toBeUndefined();
    expect(quietUntil(cst('2026-11-23T14:00:00'), night)).toBeUndefined();
    expect(quietUntil(cst('2026-11-23T21:59:00'), night)).toBeUndefined();
  });

  it('handles a window within one day (a nap, 12:30–14:00) and a switched-off window', () => {
    const nap = { enabled: true, start: '12:30', end: '14:00' };
    expect(quietUntil(cst('2026-11-23T13:00:00'), nap)).toEqual(cst('2026-11-23T14:00:00'));
    expect(quietUntil(cst('2026-11-23T14:00:00'), nap)).toBeUndefined();
    expect(quietUntil(cst('2026-11-23T12:29:00'), nap)).toBeUndefined();
    expect(quietUntil(cst('2026-11-22T23:00:00'), { ...night, enabled: false })).toBeUndefined();
  });

  it('is China time whatever the server’s zone: 15:00 UTC is 23:00 in Fuzhou', () => {
    expect(quietUntil(new Date('2026-11-22T15:00:00Z'), night)).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(chinaDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(chinaDateTimeText(new Date('2026-11-22T16:30:00Z'))).toBe('2026年11月23日 00:30');
  });
});

describe('pushDecision', () => {
  const prefs: NotificationPreferences = DEFAULT_PREFERENCES;

  it('waits for the quiet hours to end with a non-urgent message, sends an urgent one at once', () => {
    const now = cst('2026-11-22T23:00:00');
    expect(pushDecision({ category: 'broadcast', urgent: false, preferences: prefs, now })).toEqual({
      kind: 'wait',
      until: cst('2026-11-23T08:00:00'),
    });
    expect(pushDecision({ category: 'broadcast', urgent: true, preferences: prefs, now })).toEqual({ kind: 'send' });
  });

  it('leaves a category the person switched off to the inbox, urgent or not', () => {
    const off = withDefaults({ categories: { ...prefs.categories, broadcast: false } });
    expect(
      pushDecision({ category: 'broadcast', urgent: true, preferences: off, now: cst('2026-11-22T10:00:00') }),
    ).toEqual({ kind: 'skip', reason: 'categoryOff' });
    expect(
      pushDecision({ category: 'account', urgent: false, preferences: off, now: cst('2026-11-22T10:00:00') }),
    ).toEqual({ kind: 'send' });
  });
});

describe('preferencesSchema', () => {
  it('accepts the defaults and refuses nonsense with field-named Chinese messages', () => {
    expect(preferencesSchema.parse(DEFAULT_PREFERENCES)).toEqual(DEFAULT_PREFERENCES);
    const bad = preferencesSchema.safeParse({
      ...DEFAULT_PREFERENCES,
      quietHours: { enabled: true, start: '25:00', end: '25:00' },
      dailyCap: 7,
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'quietHours.start: 免打扰开始时间请用 24 小时制，如 22:00',
        'dailyCap: 每日推送上限只能选 3、5、10、20 条',
      ]),
    );
  });

  it('refuses unknown categories', () => {
    const bad = preferencesSchema.safeParse({
      ...DEFAULT_PREFERENCES,
      categories: { ...DEFAULT_PREFERENCES.categories, lottery: true },
    });
    expect(bad.success).toBe(false);
  });
});
