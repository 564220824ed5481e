import * as z from 'zod/mini';

/*
 * A published result, as a topic's page shows it (contracts.ts: topicView) and as the export carries it
 * (votingContracts.ts: exportResult): apart from both, since each is bundled whole by a different Lambda.
 */

export const checkView = z.object({
  label: z.string(),
  measure: z.enum(['heads', 'area']),
  value: z.number(),
  total: z.number(),
  threshold: z.string(),
  thresholdWords: z.string(),
  met: z.boolean(),
});
export type CheckView = z.output<typeof checkView>;

export const buildingTurnoutView = z.object({
  buildingId: z.string(),
  name: z.string(),
  voted: z.number(),
  total: z.number(),
  area: z.number(),
  areaTotal: z.number(),
});
export type BuildingTurnoutView = z.output<typeof buildingTurnoutView>;

export const resultView = z.object({
  countedAt: z.string(),
  ballots: z.number(),
  electorate: z.object({ heads: z.number(), area: z.number() }),
  participation: z.object({
    heads: z.number(),
    area: z.number(),
    /** Ballots by channel: the voter online, recorded paper, a 书面委托 proxy (absent on results before 2026-12). */
    byChannel: z.optional(z.object({ online: z.number(), paper: z.number(), proxy: z.number() })),
  }),
  abstentions: z.object({ heads: z.number(), area: z.number() }),
  abstentionRule: z.string(),
  quorum: z.object({ met: z.boolean(), checks: z.array(checkView) }),
  options: z.array(
    z.object({
      optionId: z.string(),
      label: z.string(),
      heads: z.number(),
      area: z.number(),
      passes: z.boolean(),
      checks: z.array(checkView),
      /** Names of those who chose it: open (记名) ballots only. */
      voters: z.optional(z.array(z.string())),
    }),
  ),
  outcome: z.object({
    kind: z.enum(['passed', 'rejected', 'noQuorum', 'winner', 'noWinner', 'elected', 'tie']),
    winners: z.array(z.string()),
    tied: z.array(z.string()),
  }),
  summary: z.string(),
  decidedBy: z.string(),
  legalBasis: z.string(),
  turnoutByBuilding: z.array(buildingTurnoutView),
  /** Ballots and "who voted" records are counted separately and must agree. */
  integrity: z.object({ participations: z.number(), ballots: z.number(), consistent: z.boolean() }),
  conflicts: z.object({ open: z.number(), resolved: z.number() }),
  /**
   * The receipt commitment: the Merkle root over the receipts' leaf hashes (shared/src/agora/merkle.ts),
   * against which each voter checks their inclusion proof. Absent on results published before it existed.
   */
  receiptRoot: z.optional(z.object({ root: z.string(), leaves: z.number(), construction: z.string() })),
  /** SHA-256 (hex) of the published ballot list in its order, one JSON line each (bulletin.ts). Absent on older results. */
  ballotListSha256: z.optional(z.string()),
});
export type ResultView = z.output<typeof resultView>;
