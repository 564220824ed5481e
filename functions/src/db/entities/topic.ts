import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { EntityRepository } from 'dynamodb-toolbox/entity/actions/repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import {
  BALLOT_KINDS,
  bucketOf,
  COMMITMENT_STATUSES,
  RULE_PRESET_IDS,
  TOPIC_PHASES,
  VOTER_BASES,
  type TopicPhase,
  type TopicScope,
} from '@linli/shared';
import { LinliTable } from '../table';

/**
 * A 议事厅 topic (议题): the proposal or the committee's item, its deliberation summary, and once a vote
 * is scheduled the frozen vote settings and electorate. Base key: the topic's own partition, which
 * also holds its ballot boxes, turnout, result, "who voted" records, comments, supports and conflicts.
 * GSI1 lists a community's topics by bucket (open/closed/proposals); GSI2 is the sparse index of polls
 * being voted or counted (the scheduled closer's work list); GSI3 a resident's own proposals.
 */
export const TopicEntity = new Entity({
  name: 'Topic',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    title: string(),
    description: string(),
    origin: string().enum('committee', 'proposal'),
    sourceGrievanceId: string().optional(),
    phase: string().enum(...TOPIC_PHASES),
    createdBy: string(),
    createdAt: string(),
    supportCount: number().default(0),
    supportThreshold: number().default(0),
    declineReason: string().optional(),
    reviewedBy: string().optional(),
    summary: map({ text: string(), publishedAt: string(), by: string() }).optional(),
    vote: map({
      /** TopicScope, stored as given (validated by the contract). */
      scope: any(),
      /** The scope in words (全社区 / 3栋 / 第一网格), with the names it had when the vote was scheduled. */
      scopeLabel: string(),
      basis: string().enum(...VOTER_BASES),
      preset: string().enum(...RULE_PRESET_IDS),
      ballot: map({
        kind: string().enum(...BALLOT_KINDS),
        options: list(map({ optionId: string(), label: string() })),
        maxChoices: number(),
      }),
      opensAt: string(),
      closesAt: string(),
      allowChanges: boolean(),
      secrecy: string().enum('secret', 'open'),
      electorate: map({
        heads: number(),
        /** Hundredths of ㎡. */
        area: number(),
        units: number(),
        owners: number(),
        developerUnits: number(),
        frozenAt: string(),
        byBuilding: record(string(), map({ name: string(), gridId: string(), count: number(), area: number() })),
      }),
    }).optional(),
    scheduleChanges: list(
      map({
        action: string().enum('closeNow', 'extend'),
        from: string(),
        to: string(),
        reason: string(),
        by: string(),
        byName: string(),
        at: string(),
      }),
    ).default([]),
    reminderSentAt: string().optional(),
    openConflicts: number().default(0),
    resolvedConflicts: number().default(0),
    commitment: map({
      text: string(),
      status: string().enum(...COMMITMENT_STATUSES),
      updatedAt: string(),
      by: string(),
    }).optional(),
    publishedAt: string().optional(),
    GSI1PK: string().optional().hidden(),
    GSI1SK: string().optional().hidden(),
    GSI2PK: string().optional().hidden(),
    GSI2SK: string().optional().hidden(),
    GSI3PK: string().optional().hidden(),
    GSI3SK: string().optional().hidden(),
  }),
  computeKey: ({ communityId, topicId }) => ({ PK: topicPartition(communityId, topicId), SK: 'TOPIC' }),
});
export const topics = TopicEntity.build(EntityRepository);
export type TopicItem = FormattedItem<typeof TopicEntity>;
export type VoteSettings = NonNullable<TopicItem['vote']>;
export const scopeOf = (vote: VoteSettings) => vote.scope as TopicScope;

export const topicPartition = (communityId: string, topicId: string) => `C#${communityId}#TOPIC#${topicId}`;
export const topicsOfCommunity = (communityId: string, bucket: 'open' | 'closed' | 'proposals') =>
  `C#${communityId}#TOPICS#${bucket}`;
/** Polls being voted or counted, across communities, ordered by closing time. */
export const POLLS_IN_PROGRESS = 'AGORA#POLLS';

/**
 * Index keys for a topic in a phase. Phases move by updates, which must rewrite these (links run on
 * put only); a published or declined topic leaves the closer's index.
 */
export function topicIndexKeys(t: {
  communityId: string;
  topicId: string;
  createdAt: string;
  phase: TopicPhase;
  closesAt?: string;
}) {
  const polling = t.phase === 'voting' || t.phase === 'counting';
  return {
    GSI1PK: topicsOfCommunity(t.communityId, bucketOf(t.phase)),
    GSI1SK: `${t.createdAt}#${t.topicId}`,
    ...(polling && t.closesAt
      ? { GSI2PK: POLLS_IN_PROGRESS, GSI2SK: `${t.closesAt}#${t.communityId}#${t.topicId}` }
      : {}),
  };
}
