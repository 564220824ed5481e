import { logger } from '../commons/logger';
import { CLOCK, moveRound } from './phaseMoves';
import { roundsDue } from './queries';

/**
 * The scheduled work of 民生微实事, run by the 议事厅 clock every minute: every round whose phase has
 * reached its date moves on (点单 → 审核 → 评议 → 投票; voting closes and is counted and published;
 * 公示 ends after its 7 days), when what the next phase needs is there — otherwise it waits for the
 * committee and is tried again on the next run. Each move is conditioned on the phase it leaves, so
 * this and a committee member pressing at the same time move a round once.
 */
export async function runBudgetClock(now: Date): Promise<{ moved: number }> {
  let moved = 0;
  for (const round of await roundsDue(now)) {
    try {
      if (await moveRound({ round, by: CLOCK, early: false, now })) moved++;
    } catch (error) {
      // One round's trouble must not stop the others; the next run tries it again.
      logger.error('budget clock failed for a round', {
        communityId: round.communityId,
        roundId: round.roundId,
        error: error as Error,
      });
    }
  }
  return { moved };
}
