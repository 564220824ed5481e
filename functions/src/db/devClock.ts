import { clock } from '../commons/clock';
import { config } from '../commons/config';
import { devClocks } from './entities/devSetting';

/**
 * How long a Lambda instance trusts the dev clock's offset it last read. The local stack's control
 * plane (POST /clock) waits this long after moving the clock before it answers, so by then every
 * Lambda reads the new time; in between, requests cost no read of the clock item (it was one read
 * per request, half of what GET /me asked of DynamoDB).
 */
export const DEV_CLOCK_TTL_MS = 1000;

let readStartedAt = Number.NEGATIVE_INFINITY;
let reading: Promise<void> | undefined;

/**
 * On the local stack with DEV_CONTROLLABLE_CLOCK, brings `clock` up to the offset stored in the table
 * when the last read is older than DEV_CLOCK_TTL_MS (one read at a time, shared by concurrent callers;
 * it counts in the request that made it). Elsewhere it does nothing: the domain clock is the system clock.
 */
export async function refreshDevClock(opts: { force?: boolean } = {}): Promise<void> {
  if (!config.dev.controllableClock) return;
  // A forced read (the control plane's) must start after the caller's own write, not join an older read.
  if (opts.force && reading) await reading.catch(() => undefined);
  else if (!reading && Date.now() - readStartedAt < DEV_CLOCK_TTL_MS) return;
  reading ??= (async () => {
    // The offset read is as fresh as the moment the read started.
    const startedAt = Date.now();
    try {
      const { Item } = await devClocks.get({ name: 'clock' });
      clock.offsetMs = Item?.offsetMs ?? 0;
      readStartedAt = startedAt;
    } finally {
      reading = undefined;
    }
  })();
  return reading;
}

/** Moves the dev clock for every Lambda (they see it within DEV_CLOCK_TTL_MS). */
export async function setDevClockOffset(offsetMs: number): Promise<void> {
  if (!config.dev.controllableClock) throw new Error('the controllable clock is off');
  await devClocks.put({ name: 'clock', offsetMs });
  clock.offsetMs = offsetMs;
}
