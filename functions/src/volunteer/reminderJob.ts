import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { sendReminders } from './reminders';

assertSafeForStage();

/** Scheduled every 15 minutes: reminders to volunteers whose activity starts within a day. */
export async function handler(): Promise<{ sent: number }> {
  await refreshDevClock();
  const sent = await sendReminders(clock.now());
  if (sent) logger.info('volunteer reminders written', { sent });
  return { sent };
}
