import * as z from 'zod/mini';
import { zh } from '../validation/messages';
import { BALLOT_KINDS } from './ballot';
import { VOTE_CHANNELS } from './channels';
import { COMMITMENT_STATUSES } from './phases';
import { buildingTurnoutView, resultView } from './resultView';
import { RULE_PRESET_IDS } from './rules';
import { buildingsScopeSchema, communityScopeSchema, gridsScopeSchema, unitsScopeSchema } from './scopeSchemas';
import { topicSummaryView } from './tabRoutes';

/*
 * A topic's page (topicView), as every 议事厅 write that answers with the fresh topic returns it: apart from the
 * route contracts, since three Lambdas answer with it (agora, agoraSchedule) or not (agoraComments,
 * agoraVoting) and each bundles its own routes module whole.
 */

export const topicScopeSchema = z
  .discriminatedUnion(
    'kind',
    [communityScopeSchema, gridsScopeSchema, buildingsScopeSchema, unitsScopeSchema],
    zh('议题范围'),
  )
  .check(z.meta({ title: '议题范围' }));

export const presetSchema = z.enum(RULE_PRESET_IDS, zh('表决规则')).check(z.meta({ title: '表决规则' }));

const seatView = z.object({
  voterKey: z.string(),
  /** 3栋1单元201 (household), 业主 王秀兰 (owner), or the person's own name. */
  label: z.string(),
  status: z.enum(['open', 'voted']),
  castByName: z.optional(z.string()),
  castByMe: z.boolean(),
  castAt: z.optional(z.string()),
  channel: z.optional(z.enum(VOTE_CHANNELS)),
  canChange: z.boolean(),
});
export type SeatView = z.output<typeof seatView>;

/**
 * 来源诉求: the request (诉求) a topic was made from. Its number, category and excerpt only for a viewer
 * who may see the request; for anyone else `visible: false` and nothing else (a private request of
 * another household is neither linked nor described).
 */
export const topicSourceView = z.object({
  visible: z.boolean(),
  grievanceId: z.optional(z.string()),
  number: z.optional(z.string()),
  categoryLabel: z.optional(z.string()),
  excerpt: z.optional(z.string()),
});
export type TopicSource = z.output<typeof topicSourceView>;

/** Why a topic made from a request (诉求) is created without its vote (see createTopic). */
export const SOURCED_TOPIC_VOTE_LATER = '由诉求转来的议题先征询意见，表决请在议题创建后设定';

export const topicView = z.extend(topicSummaryView, {
  description: z.string(),
  sourceGrievance: z.optional(topicSourceView),
  proposedByName: z.optional(z.string()),
  /** The viewer proposed it (a proposal cannot be reported by its proposer). */
  proposedByMe: z.optional(z.boolean()),
  declineReason: z.optional(z.string()),
  summary: z.optional(z.object({ text: z.string(), publishedAt: z.string() })),
  vote: z.optional(
    z.object({
      scope: topicScopeSchema,
      basisLabel: z.string(),
      preset: presetSchema,
      legalBasis: z.string(),
      abstentionRule: z.string(),
      ballot: z.object({
        kind: z.enum(BALLOT_KINDS),
        options: z.array(z.object({ optionId: z.string(), label: z.string() })),
        maxChoices: z.number(),
      }),
      opensAt: z.string(),
      closesAt: z.string(),
      allowChanges: z.boolean(),
      secrecy: z.enum(['secret', 'open']),
      electorate: z.object({ heads: z.number(), area: z.number(), units: z.number(), frozenAt: z.string() }),
    }),
  ),
  scheduleChanges: z.array(
    z.object({
      action: z.enum(['closeNow', 'extend']),
      from: z.string(),
      to: z.string(),
      reason: z.string(),
      byName: z.string(),
      at: z.string(),
    }),
  ),
  /** Live turnout during voting (results stay hidden until close). */
  liveTurnout: z.optional(z.object({ heads: z.number(), area: z.number(), byBuilding: z.array(buildingTurnoutView) })),
  mySeats: z.array(seatView),
  supported: z.boolean(),
  result: z.optional(resultView),
  /** 街道议事: the street's sum over every chosen community, once the last community's poll is published. */
  streetTotal: z.optional(
    z.object({
      communities: z.number(),
      electorate: z.number(),
      ballots: z.number(),
      options: z.array(z.object({ optionId: z.string(), label: z.string(), heads: z.number() })),
    }),
  ),
  commitment: z.optional(z.object({ text: z.string(), status: z.enum(COMMITMENT_STATUSES), updatedAt: z.string() })),
  can: z.object({ manage: z.boolean(), recordPaper: z.boolean(), support: z.boolean(), comment: z.boolean() }),
});
export type TopicView = z.output<typeof topicView>;
