import { config } from './config';
import { ShiftedClock } from './clock';
import { devClocks } from '../db/entities/devSetting';

/**
 * The domain clock every Lambda reads. On AWS it is the system clock; on the local stack with
 * DEV_CONTROLLABLE_CLOCK it is shifted by an offset stored in the table, so tests and demos can let
 * days pass (deadlines, escalation, poll closing) across all Lambdas at once.
 */
export const clock = new ShiftedClock(0);

export async function refreshDevClock(): Promise<void> {
  if (!config.dev.controllableClock) return;
  const { Item } = await devClocks.get({ name: 'clock' });
  clock.offsetMs = Item?.offsetMs ?? 0;
}

export async function setDevClockOffset(offsetMs: number): Promise<void> {
  if (!config.dev.controllableClock) throw new Error('the controllable clock is off');
  await devClocks.put({ name: 'clock', offsetMs });
  clock.offsetMs = offsetMs;
}
