/**
 * Time as the domain sees it. Production reads the system clock; the local stack can shift it
 * (see devClock) so a browser journey can let "three days pass" and watch escalation happen.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock offset from the system clock by a number of milliseconds that can change at run time. */
export class ShiftedClock implements Clock {
  constructor(public offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * The domain clock every Lambda reads. On AWS it is the system clock; on the local stack with
 * DEV_CONTROLLABLE_CLOCK it is shifted by an offset stored in the table (db/devClock.ts), so tests and
 * demos can let days pass (deadlines, escalation, poll closing) across all Lambdas at once.
 */
export const clock = new ShiftedClock(0);

export const iso = (d: Date) => d.toISOString();
export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
