import { assertSafeForStage } from '../commons/config';
import { clock } from '../commons/clock';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { runBudgetClock } from '../budget/clock';
import { runAgoraClock } from './closing';

assertSafeForStage();

/**
 * Scheduled every minute: closes and counts due polls, sends "closing in 24 h" to non-voters, and moves
 * 民生微实事 rounds whose phase has reached its date (budget/clock.ts: the same close-and-count pattern).
 */
export async function handler(): Promise<{ closed: number; reminded: number; budgetRoundsMoved: number }> {
  await refreshDevClock();
  const now = clock.now();
  const done = await runAgoraClock(now);
  const budget = await runBudgetClock(now);
  const summary = { ...done, budgetRoundsMoved: budget.moved };
  if (done.closed || done.reminded || budget.moved) logger.info('agora clock', summary);
  return summary;
}
