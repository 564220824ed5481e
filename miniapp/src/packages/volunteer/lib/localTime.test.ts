import { fromLocalInput, toLocalInput } from './localTime';

const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

// The activity form shows and reads China time, whatever zone the phone is set to.
describe.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('activity times typed on a phone set to %s', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('shows an instant as China wall-clock time', () => {
    expect(toLocalInput('2026-11-22T06:00:00.000Z')).toBe('2026-11-22 14:00');
    expect(toLocalInput('2026-12-31T16:05:00.000Z')).toBe('2027-01-01 00:05');
    expect(toLocalInput(undefined)).toBe('');
    expect(toLocalInput('not a time')).toBe('');
  });

  it('reads typed China time back as the instant, and leaves other text for the server to name', () => {
    expect(fromLocalInput('2026-11-22 14:00')).toBe('2026-11-22T06:00:00.000Z');
    expect(fromLocalInput(' 2026-1-1T7:05 ')).toBe('2025-12-31T23:05:00.000Z');
    expect(fromLocalInput(toLocalInput('2026-03-08T15:59:00.000Z'))).toBe('2026-03-08T15:59:00.000Z');
    expect(fromLocalInput(' 明天下午 ')).toBe('明天下午');
  });
});
