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

export const iso = (d: Date) => d.toISOString();
export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
