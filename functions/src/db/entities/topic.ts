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
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

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
    /** 举报与内容审核: `hidden` pending review (reported by the threshold of residents), `removed` by staff; only the author and moderators see it then. */
    moderation: string().enum('hidden', 'removed').optional(),
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
    /** 街道议事: this poll is the community's part of a street topic (same id); its result is summed there. */
    street: map({ streetId: string(), streetTopicId: string(), name: string() }).optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => topicIndexKeys(placeOf(t)).GSI1PK),
    GSI1SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => topicIndexKeys(placeOf(t)).GSI1SK),
    GSI2PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => (polling(placeOf(t)) ? POLLS_IN_PROGRESS : undefined)),
    GSI2SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => (polling(placeOf(t)) ? pollSort(placeOf(t)) : undefined)),
    GSI3PK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => (t.origin === 'proposal' ? `USER#${t.createdBy}` : undefined)),
    GSI3SK: string()
      .optional()
      .hidden()
      .link<typeof prev>((t) => (t.origin === 'proposal' ? `AGORA#TOPIC#${t.createdAt}#${t.topicId}` : undefined)),
  })),
  computeKey: ({ communityId, topicId }) => ({ PK: topicPartition(communityId, topicId), SK: 'TOPIC' }),
});
export const topics = TopicEntity.build(Repository);
export type TopicItem = FormattedItem<typeof TopicEntity>;
export type VoteSettings = NonNullable<TopicItem['vote']>;
export const scopeOf = (vote: VoteSettings) => vote.scope as TopicScope;

export const topicPartition = (communityId: string, topicId: string) => `C#${communityId}#TOPIC#${topicId}`;
export const topicsOfCommunity = (communityId: string, bucket: 'open' | 'closed' | 'proposals') =>
  `C#${communityId}#TOPICS#${bucket}`;
/** Polls being voted or counted, across communities, ordered by closing time. */
const POLLS_IN_PROGRESS = 'AGORA#POLLS';

/** Where a topic sits in the indexes: its community's bucket by phase, and the closer's list while polling. */
interface Placement {
  communityId: string;
  topicId: string;
  createdAt: string;
  phase: TopicPhase;
  closesAt?: string;
}
const placeOf = (t: Omit<Placement, 'closesAt'> & { vote?: { closesAt: string } }): Placement => ({
  communityId: t.communityId,
  topicId: t.topicId,
  createdAt: t.createdAt,
  phase: t.phase,
  closesAt: t.vote?.closesAt,
});
const polling = (t: Placement) => (t.phase === 'voting' || t.phase === 'counting') && !!t.closesAt;
const pollSort = (t: Placement) => `${t.closesAt}#${t.communityId}#${t.topicId}`;

/**
 * The index keys of a topic moving to a phase (or to a new closing time). Puts compute them by the
 * links above; an update that moves a topic passes these (links run on put only): a topic no longer
 * voting or counting leaves the closer's index.
 */
export function topicIndexKeys(t: Placement) {
  return {
    GSI1PK: topicsOfCommunity(t.communityId, bucketOf(t.phase)),
    GSI1SK: `${t.createdAt}#${t.topicId}`,
    ...(polling(t) ? { GSI2PK: POLLS_IN_PROGRESS, GSI2SK: pollSort(t) } : { GSI2PK: $remove(), GSI2SK: $remove() }),
  };
}

/** Erasing the proposer takes a proposal out of their index; the topic stays. */
export const proposerErased = () => ({ GSI3PK: $remove(), GSI3SK: $remove() });

/** A1 A community's topics in a bucket, newest first. */
export const topicsInBucket = TopicEntity.build(AccessPattern)
  .schema(map({ communityId: string(), bucket: string().enum('open', 'closed', 'proposals'), page: pageInput }))
  .pattern(({ communityId, bucket, page }) => ({
    index: 'GSI1',
    partition: topicsOfCommunity(communityId, bucket),
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: 'A1' });

/** A7 Polls being voted or counted that close by `closingBy` (ISO), across communities. */
export const pollsClosingBy = TopicEntity.build(AccessPattern)
  .schema(map({ closingBy: string() }))
  .pattern(({ closingBy }) => ({
    index: 'GSI2',
    partition: POLLS_IN_PROGRESS,
    range: { lte: `${closingBy}\uffff` },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'A7' });

/** A13 A person's proposals (export, erasure). */
export const proposalsOf = TopicEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI3',
    partition: `USER#${userId}`,
    range: { beginsWith: 'AGORA#TOPIC#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'A13' });
