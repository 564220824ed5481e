import { AccessPattern as EntityPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { LinliTable } from '../table';
import { pageOptions } from '../page';
import { BudgetBallotEntity, budgetBallotsOf } from '../entities/budgetBallot';
import { BudgetCommentEntity } from '../entities/budgetComment';
import { BudgetObjectionEntity } from '../entities/budgetObjection';
import { BudgetParticipationEntity } from '../entities/budgetParticipation';
import { BudgetProgressEntity } from '../entities/budgetProgress';
import { BudgetProjectEntity } from '../entities/budgetProject';
import { BudgetRatingEntity } from '../entities/budgetRating';
import { BudgetRoundEntity, roundPartition, roundsOfCommunity, ROUNDS_ON_THE_CLOCK } from '../entities/budgetRound';
import { BudgetSupportEntity } from '../entities/budgetSupport';

/*
 * 民生微实事 access patterns. A round's partition holds every item of the round, so each list below is
 * one query of that partition by sort-key prefix; the personal-data patterns read the user indexes.
 */

const roundKey = map({ communityId: string(), roundId: string() });

/** B1 A community's rounds, newest first. */
const rounds = BudgetRoundEntity.build(EntityPattern)
  .schema(map({ communityId: string() }))
  .pattern(({ communityId }) => ({
    index: 'GSI1',
    partition: roundsOfCommunity(communityId),
    options: { reverse: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'B1' });

/** B2 Every project of a round (merged ones too); consistent right after a write the caller depends on. */
const projectsOf = BudgetProjectEntity.build(EntityPattern)
  .schema(map({ communityId: string(), roundId: string(), consistent: boolean().optional() }))
  .pattern(({ communityId, roundId, consistent }) => ({
    partition: roundPartition(communityId, roundId),
    range: { beginsWith: 'PROJECT#' },
    options: { consistent: consistent ?? false, ...pageOptions(undefined) },
  }))
  .meta({ title: 'B2' });

/** B2 A round's objections (公示). */
const objectionsOf = BudgetObjectionEntity.build(EntityPattern)
  .schema(roundKey)
  .pattern(({ communityId, roundId }) => ({
    partition: roundPartition(communityId, roundId),
    range: { beginsWith: 'OBJECTION#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'B2' });

/** B8 Rounds whose phase ends by `dueBy` (ISO), across communities: the clock's work list. */
const roundsDue = BudgetRoundEntity.build(EntityPattern)
  .schema(map({ dueBy: string() }))
  .pattern(({ dueBy }) => ({
    index: 'GSI2',
    partition: ROUNDS_ON_THE_CLOCK,
    range: { lte: `${dueBy}\uffff` },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'B8' });

/** B10 Every ballot of a round (strongly consistent: the count reads what the boxes closed on). */
const ballotsOf = BudgetBallotEntity.build(EntityPattern)
  .schema(roundKey)
  .pattern(({ communityId, roundId }) => ({
    partition: budgetBallotsOf(communityId, roundId),
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'B10' });

/** B10 Every "who voted" record of a round. */
const votersOf = BudgetParticipationEntity.build(EntityPattern)
  .schema(roundKey)
  .pattern(({ communityId, roundId }) => ({
    partition: roundPartition(communityId, roundId),
    range: { beginsWith: 'VOTER#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'B10' });

/** B11 A project's monthly progress reports, month order. */
const progressOf = BudgetProgressEntity.build(EntityPattern)
  .schema(map({ communityId: string(), roundId: string(), projectId: string() }))
  .pattern(({ communityId, roundId, projectId }) => ({
    partition: roundPartition(communityId, roundId),
    range: { beginsWith: `PROGRESS#${projectId}#` },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'B11' });

/** B12 A project's comments and 居民议事会 notes. */
const commentsOf = BudgetCommentEntity.build(EntityPattern)
  .schema(map({ communityId: string(), roundId: string(), projectId: string() }))
  .pattern(({ communityId, roundId, projectId }) => ({
    partition: roundPartition(communityId, roundId),
    range: { beginsWith: `COMMENT#${projectId}#` },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'B12' });

/** B13 A person's votes, supports, comments, objections and ratings (export, erasure). */
const recordsOf = LinliTable.build(AccessPattern)
  .entities(
    BudgetParticipationEntity,
    BudgetSupportEntity,
    BudgetCommentEntity,
    BudgetObjectionEntity,
    BudgetRatingEntity,
  )
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({ index: 'GSI2', partition: `USER#${userId}`, range: { beginsWith: 'BUDGET#' } }))
  .options({ maxPages: Infinity, showEntityAttr: true })
  .meta({ title: 'B13' });

/** B13 A person's proposals. */
const proposalsBy = BudgetProjectEntity.build(EntityPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI3',
    partition: `USER#${userId}`,
    range: { beginsWith: 'BUDGET#PROJECT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'B13' });

/** 民生微实事: rounds, projects, ballots, progress, comments and objections. */
export const budget = registry('budget', {
  rounds,
  projectsOf,
  objectionsOf,
  roundsDue,
  ballotsOf,
  votersOf,
  progressOf,
  commentsOf,
  recordsOf,
  proposalsBy,
});
