import * as z from 'zod/mini';
import { RATINGS } from '../grievances/lifecycle';
import { PROJECT_STATUSES, ROUND_PHASES } from './phases';

/*
 * A project's page (projectView), as every project write answers with it: apart from the routes modules, since
 * three Lambdas (budget, budgetProjects, budgetDelivery) each bundle their own routes module whole.
 */

export const phaseSchema = z.enum(ROUND_PHASES);

const ratingsView = z.object({
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  total: z.number(),
  /** (满意 + 基本满意) / 评价数, whole percent; undefined without ratings. */
  satisfactionRate: z.optional(z.number()),
});

export const projectSummaryView = z.object({
  projectId: z.string(),
  title: z.string(),
  place: z.string(),
  status: z.enum(PROJECT_STATUSES),
  stage: z.enum([
    'proposed',
    'eligible',
    'ineligible',
    'merged',
    'selected',
    'notSelected',
    'implementing',
    'finished',
  ]),
  stageLabel: z.string(),
  /** The proposer's estimate. */
  estimatedCost: z.number(),
  /** The committee's estimate after screening: what the ballot counts. */
  cost: z.optional(z.number()),
  supportCount: z.number(),
  supported: z.boolean(),
  /** Why it was refused (ineligible) or what it was merged into. */
  screeningReason: z.optional(z.string()),
  mergedIntoTitle: z.optional(z.string()),
  mergedCount: z.number(),
  /** After the result is published. */
  votes: z.optional(z.number()),
  rank: z.optional(z.number()),
  progress: z.optional(z.object({ percent: z.number(), spent: z.number(), updatedAt: z.string() })),
  responsibleParty: z.optional(z.string()),
  ratings: z.optional(ratingsView),
  photoCount: z.number(),
  fromGrievance: z.boolean(),
  proposedAt: z.string(),
});
export type ProjectSummaryView = z.output<typeof projectSummaryView>;

/** A request (诉求) a project answers: its number, category and excerpt for a viewer who may see it, else only that it exists. */
export const answeredRequestView = z.object({
  visible: z.boolean(),
  grievanceId: z.optional(z.string()),
  number: z.optional(z.string()),
  categoryLabel: z.optional(z.string()),
  excerpt: z.optional(z.string()),
});

export const progressReportView = z.object({
  month: z.string(),
  percent: z.number(),
  spent: z.number(),
  note: z.string(),
  photos: z.array(z.object({ url: z.string() })),
  byName: z.string(),
  at: z.string(),
});

export const projectView = z.extend(projectSummaryView, {
  roundId: z.string(),
  roundTitle: z.string(),
  phase: phaseSchema,
  description: z.string(),
  proposedByName: z.string(),
  photos: z.array(z.object({ url: z.string() })),
  screening: z.optional(
    z.object({ eligible: z.boolean(), reason: z.optional(z.string()), byName: z.string(), at: z.string() }),
  ),
  mergedFrom: z.array(z.object({ projectId: z.string(), title: z.string() })),
  mergedIntoId: z.optional(z.string()),
  answersRequests: z.array(answeredRequestView),
  implementation: z.optional(
    z.object({ responsibleParty: z.string(), commitment: z.string(), dueDate: z.string(), at: z.string() }),
  ),
  reports: z.array(progressReportView),
  finished: z.optional(z.object({ at: z.string(), note: z.string() })),
  myRating: z.optional(z.enum(RATINGS)),
  can: z.object({
    support: z.boolean(),
    comment: z.boolean(),
    councilNote: z.boolean(),
    screen: z.boolean(),
    implement: z.boolean(),
    report: z.boolean(),
    finish: z.boolean(),
    rate: z.boolean(),
    link: z.boolean(),
  }),
});
export type ProjectView = z.output<typeof projectView>;

/** An objection (异议) during a round's 公示, shown on the round page and answered by the committee. */
export const objectionView = z.object({
  objectionId: z.string(),
  body: z.string(),
  projectTitle: z.optional(z.string()),
  /** 3栋居民: how a neighbour is recognised without a door number. */
  authorTag: z.string(),
  mine: z.boolean(),
  createdAt: z.string(),
  answer: z.optional(z.object({ text: z.string(), byName: z.string(), at: z.string() })),
});
export type ObjectionView = z.output<typeof objectionView>;
