import * as z from 'zod/mini';
import { zh } from '../validation/messages';
import { ROUND_BASES } from './phases';
import { objectionView, phaseSchema, projectSummaryView } from './projectViews';

/* A round's page (roundView) and its parts, as the budget Lambda answers with it. */

export const roundBasisSchema = z.enum(ROUND_BASES, zh('投票方式')).check(z.meta({ title: '投票方式' }));

const phaseChangeView = z.object({
  from: phaseSchema,
  to: phaseSchema,
  /** 到达预定时间 when the clock moved it; the committee's reason when it ended a phase early. */
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
  early: z.boolean(),
});

export const roundSummaryView = z.object({
  roundId: z.string(),
  title: z.string(),
  phase: phaseSchema,
  phaseLabel: z.string(),
  totalAmount: z.number(),
  scopeText: z.string(),
  basis: roundBasisSchema,
  /** When the current phase ends by itself (none in 实施 and 验收). */
  phaseEndsAt: z.optional(z.string()),
  projectCount: z.number(),
  /** 待我投票 / 已投票 in the voting phase. */
  myStatus: z.enum(['canVote', 'voted', 'none']),
  inScope: z.boolean(),
  createdAt: z.string(),
});
export type RoundSummaryView = z.output<typeof roundSummaryView>;

export const budgetResultView = z.object({
  countedAt: z.string(),
  budget: z.number(),
  allocated: z.number(),
  leftover: z.number(),
  ballots: z.number(),
  electorate: z.number(),
  rule: z.string(),
  summary: z.string(),
  ranked: z.array(
    z.object({
      projectId: z.string(),
      title: z.string(),
      cost: z.number(),
      votes: z.number(),
      rank: z.number(),
      status: z.enum(['selected', 'doesNotFit', 'noVotes']),
      statusLabel: z.string(),
      remainingBefore: z.number(),
    }),
  ),
  ties: z.array(z.object({ votes: z.number(), titles: z.array(z.string()) })),
  /** SHA-256 over the ballots counted (their receipts and choices, in receipt order). */
  digest: z.string(),
  /** Ballots and "who voted" records are counted separately and must agree. */
  integrity: z.object({ participations: z.number(), ballots: z.number(), consistent: z.boolean() }),
});
export type BudgetResultView = z.output<typeof budgetResultView>;

const seatView = z.object({
  voterKey: z.string(),
  /** 3栋1单元201 (household) or the person's own name. */
  label: z.string(),
  status: z.enum(['open', 'voted']),
  castByName: z.optional(z.string()),
  castAt: z.optional(z.string()),
});

export const roundView = z.extend(roundSummaryView, {
  description: z.string(),
  secrecy: z.enum(['secret', 'open']),
  schedule: z.object({
    proposingUntil: z.string(),
    screeningUntil: z.string(),
    deliberationUntil: z.string(),
    votingUntil: z.string(),
    publicityUntil: z.optional(z.string()),
  }),
  timeline: z.array(
    z.object({
      phase: phaseSchema,
      label: z.string(),
      hint: z.string(),
      until: z.optional(z.string()),
      state: z.enum(['done', 'current', 'upcoming']),
    }),
  ),
  phaseChanges: z.array(phaseChangeView),
  /** Frozen when voting opens: people or households in scope. */
  electorate: z.optional(z.object({ heads: z.number(), frozenAt: z.string() })),
  projects: z.array(projectSummaryView),
  pendingScreening: z.number(),
  mySeats: z.array(seatView),
  result: z.optional(budgetResultView),
  objections: z.array(objectionView),
  openObjections: z.number(),
  can: z.object({
    propose: z.boolean(),
    vote: z.boolean(),
    manage: z.boolean(),
    advance: z.boolean(),
    object: z.boolean(),
  }),
});
export type RoundView = z.output<typeof roundView>;
