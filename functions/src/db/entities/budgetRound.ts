import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { phaseDeadline, ROUND_BASES, ROUND_PHASES, type RoundPhase, type TopicScope } from '@linli/shared';
import { LinliTable } from '../table';

/**
 * A 民生微实事 round (预算轮次): the sum, who it is for, the phase dates, the phase it is in, and the
 * counters its phase moves are conditioned on (proposals awaiting screening, projects to vote on,
 * objections unanswered, selected projects unfinished). Base key: the round's own partition, which
 * also holds its projects, supports, ballot boxes, "who voted" records, result, comments, objections,
 * progress reports and ratings. GSI1 lists a community's rounds; GSI2 is the sparse index of rounds
 * whose phase ends at a date (the clock's work list), ordered by that date.
 */
export const BudgetRoundEntity = new Entity({
  name: 'BudgetRound',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    title: string(),
    description: string(),
    /** Whole 元. */
    totalAmount: number(),
    /** TopicScope (community, grids or buildings), as given (validated by the contract). */
    scope: any(),
    /** The scope in words, with the names it had when the round was opened. */
    scopeLabel: string(),
    basis: string().enum(...ROUND_BASES),
    secrecy: string().enum('secret', 'open'),
    schedule: map({
      proposingUntil: string(),
      screeningUntil: string(),
      deliberationUntil: string(),
      votingUntil: string(),
    }),
    /** Set when the result is published: the end of the 7-day objection period. */
    publicityUntil: string().optional(),
    phase: string().enum(...ROUND_PHASES),
    createdBy: string(),
    createdAt: string(),
    requestId: string(),
    /** The keyed request's fingerprint: the same request id with another request is 409 (http/idempotency). */
    requestFingerprint: string().optional(),
    projectCount: number().default(0),
    /** Proposals nobody has screened yet: 审核 cannot end while there are any. */
    pendingScreening: number().default(0),
    /** Projects put to the vote: voting cannot open without one. */
    eligibleCount: number().default(0),
    /** Objections without the committee's answer: 公示 does not end while there are any. */
    openObjections: number().default(0),
    /** Selected projects not yet finished: the last one to finish moves the round to 验收. */
    unfinished: number().default(0),
    /** Frozen when voting opens. */
    electorate: map({
      heads: number(),
      frozenAt: string(),
      /** Buildings in scope when voting opened: a unit counts when its building was in scope then. */
      buildings: record(string(), boolean()),
    }).optional(),
    phaseChanges: list(
      map({
        from: string().enum(...ROUND_PHASES),
        to: string().enum(...ROUND_PHASES),
        reason: string(),
        by: string(),
        byName: string(),
        at: string(),
        early: boolean(),
      }),
    ).default([]),
    GSI1PK: string().optional().hidden(),
    GSI1SK: string().optional().hidden(),
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, roundId }) => ({ PK: roundPartition(communityId, roundId), SK: 'ROUND' }),
});
export const budgetRounds = BudgetRoundEntity.build(Repository);
export type BudgetRoundItem = FormattedItem<typeof BudgetRoundEntity>;
/** A round as services build it (the table adds the created/modified stamps). */
export type RoundFields = Omit<BudgetRoundItem, 'created' | 'modified'>;
export const roundScopeOf = (round: { scope: unknown }) => round.scope as TopicScope;

export const roundPartition = (communityId: string, roundId: string) => `C#${communityId}#BUDGET#${roundId}`;
export const roundsOfCommunity = (communityId: string) => `C#${communityId}#BUDGETS`;
/** Rounds whose current phase ends at a date, across communities. */
export const ROUNDS_ON_THE_CLOCK = 'BUDGET#CLOCK';

/**
 * Index keys for a round in a phase. Phase moves are updates, which must rewrite these (links run on
 * put only); a round in 实施 or 验收 leaves the clock's index (nothing there ends by a date).
 */
export function roundIndexKeys(r: {
  communityId: string;
  roundId: string;
  createdAt: string;
  phase: RoundPhase;
  schedule: BudgetRoundItem['schedule'];
  publicityUntil?: string;
}) {
  const due = phaseDeadline(r.phase, r.schedule, r.publicityUntil);
  return {
    GSI1PK: roundsOfCommunity(r.communityId),
    GSI1SK: `${r.createdAt}#${r.roundId}`,
    ...(due ? { GSI2PK: ROUNDS_ON_THE_CLOCK, GSI2SK: `${due}#${r.communityId}#${r.roundId}` } : {}),
  };
}
