import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { PROJECT_STATUSES } from '@linli/shared';
import { LinliTable } from '../table';
import { roundPartition } from './budgetRound';

/**
 * A project of a 民生微实事 round: the proposal (点单) as a resident or the committee wrote it, the
 * committee's screening (eligible with its cost estimate, refused with a reason, or merged into
 * another), and once selected the commitment (一诺: responsible party, promise, due date), the latest
 * progress, completion and the residents' ratings (counts; each rating is its own item). Whether it
 * was selected is the published result's, not the project's. GSI3: a proposer's own projects.
 */
export const BudgetProjectEntity = new Entity({
  name: 'BudgetProject',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    roundId: string().key(),
    projectId: string().key(),
    title: string(),
    description: string(),
    place: string(),
    /** The proposer's estimate, whole 元. */
    estimatedCost: number(),
    photos: list(map({ key: string(), by: string(), at: string() })).default([]),
    origin: string().enum('resident', 'committee'),
    proposedBy: string(),
    proposedByName: string(),
    proposedAt: string(),
    requestId: string(),
    /** The keyed request's fingerprint: the same request id with another request is 409 (http/idempotency). */
    requestFingerprint: string().optional(),
    /** 诉求 this project answers: the one it was made from, those of merged duplicates, those linked later. */
    grievanceIds: list(string()).default([]),
    supportCount: number().default(0),
    status: string().enum(...PROJECT_STATUSES),
    /** The committee's estimate, whole 元: what the ballot counts. */
    cost: number().optional(),
    screening: map({
      eligible: string().enum('yes', 'no'),
      reason: string().optional(),
      by: string(),
      byName: string(),
      at: string(),
    }).optional(),
    mergedInto: map({ projectId: string(), title: string(), reason: string() }).optional(),
    mergedFrom: list(map({ projectId: string(), title: string() })).default([]),
    implementation: map({
      responsibleParty: string(),
      commitment: string(),
      dueDate: string(),
      by: string(),
      at: string(),
    }).optional(),
    /** The latest monthly report: cumulative. */
    progress: map({
      percent: number(),
      spent: number(),
      month: string(),
      at: string(),
      // The latest report's note and photos, for the public 台账 without reading every report (B11).
      note: string().optional(),
      photoKeys: list(string()).optional(),
    }).optional(),
    finished: map({ at: string(), note: string(), by: string() }).optional(),
    ratings: map({ satisfied: number(), basic: number(), unsatisfied: number() }).optional(),
    GSI3PK: string().optional().hidden(),
    GSI3SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, roundId, projectId }) => ({
    PK: roundPartition(communityId, roundId),
    SK: `PROJECT#${projectId}`,
  }),
});
export const budgetProjects = BudgetProjectEntity.build(Repository);
export type BudgetProjectItem = FormattedItem<typeof BudgetProjectEntity>;

export const proposerIndexKeys = (p: {
  proposedBy: string;
  proposedAt: string;
  roundId: string;
  projectId: string;
}) => ({
  GSI3PK: `USER#${p.proposedBy}`,
  GSI3SK: `BUDGET#PROJECT#${p.proposedAt}#${p.roundId}#${p.projectId}`,
});
