import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  SOURCED_TOPIC_VOTE_LATER,
  stableHash,
  type CommitmentStatus,
  type Principal,
  type StreetSum,
  type VoteSpec,
} from '@linli/shared';
import { agoraSettings, DEFAULT_SUPPORT_THRESHOLD } from '../db/entities/agoraSettings';
import { topicIndexKeys, topics } from '../db/entities/topic';
import { topicResults, resultOfItem } from '../db/entities/topicResult';
import { topicSupports } from '../db/entities/topicSupport';
import { streetTopics } from '../db/entities/streetTopic';
import { turnouts, type TurnoutItem } from '../db/entities/turnout';
import type { UserItem } from '../db/entities/user';
import { LinliTable } from '../db/table';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { isConditionFailure } from '../db/errors';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import type { CommunityRequest } from '../commons/serviceRequest';
import { loadUsers } from '../identity/users';
import { alreadyLinked, caseToLink, topicLinkWrites, topicSourceFor } from '../grievances/topicLink';
import { openingWrites, voteSettingsOf } from './opening';
import { seatsOf } from './seats';
import { candidateKeys, seatView, seesTopic, summaryView, topicView } from './views';
import { agora } from '../db/registries/agora';
import { loadTopic, participationsOf, type TopicRequest } from './topicItem';

// Read by every route (casting, closing, paper ballots): topicItem.ts, outside topic creation's imports.
export { loadTopic, votingTopic, participationsOf, type TopicRequest } from './topicItem';

export interface CreateTopicRequest extends CommunityRequest {
  input: { title: string; description: string; sourceGrievanceId?: string; vote?: VoteSpec; requestId: string };
  /** How the linked 诉求's timeline names who turned it into a topic. */
  actorName?: string;
}

export interface ProposeTopicRequest extends CommunityRequest {
  input: { title: string; description: string; requestId: string };
}

export interface ReviewProposalRequest extends Omit<TopicRequest, 'now'> {
  input: { decision: 'accept' | 'decline'; reason?: string };
}

export interface ScheduleVoteRequest extends Omit<TopicRequest, 'principal'> {
  spec: VoteSpec;
}

export interface ListTopicsRequest extends CommunityRequest {
  query: {
    bucket: 'open' | 'closed' | 'proposals';
    mine: '0' | '1';
    unvoted: '0' | '1';
    cursor?: string;
    limit: number;
  };
}

/** Ids derive from (community, author, request), so a retried create finds the topic it made. */
export const topicIdOf = (communityId: string, userId: string, requestId: string) =>
  `t${stableHash(`${communityId}|${userId}|${requestId}`).slice(0, 16)}`;

/**
 * 发起议题: the committee's topic, in deliberation, or with its vote scheduled at once (the wizard).
 * 转为议题: with `sourceGrievanceId`, the request must exist in this community and be one the caller may
 * see (404), not yet another topic's (409); the topic, the request's link and its timeline entry are
 * written in one transaction. Such a topic starts in deliberation (the contract refuses a vote with it).
 */
export async function createTopic({ principal, communityId, input, now, actorName = '居委会' }: CreateTopicRequest) {
  if (input.sourceGrievanceId && input.vote)
    throw badRequest(SOURCED_TOPIC_VOTE_LATER, [{ field: 'body.vote', message: SOURCED_TOPIC_VOTE_LATER }]);
  const topicId = topicIdOf(communityId, principal.userId, input.requestId);
  noteStaffChange({ objectId: topicId });
  const fingerprint = requestFingerprint({
    route: 'agora.createTopic',
    caller: principal.userId,
    params: { communityId },
    body: input,
  });
  const source = input.sourceGrievanceId
    ? await caseToLink({ principal, communityId, grievanceId: input.sourceGrievanceId, topicId })
    : undefined;
  const vote = input.vote ? await voteSettingsOf(communityId, input.vote, now, 'body.vote') : undefined;
  const phase = vote ? ('voting' as const) : ('deliberation' as const);
  const createdAt = now.toISOString();
  const item = {
    communityId,
    topicId,
    title: input.title,
    description: input.description,
    origin: 'committee' as const,
    requestFingerprint: fingerprint,
    sourceGrievanceId: input.sourceGrievanceId,
    phase,
    createdBy: principal.userId,
    createdAt,
    supportCount: 0,
    supportThreshold: 0,
    vote,
    scheduleChanges: [],
    openConflicts: 0,
    resolvedConflicts: 0,
  };
  const writes = {
    topic: topics.transactPut(item, { condition: { attr: 'topicId', exists: false } }),
    ...(vote ? openingWrites(item, vote, now) : {}),
    ...(source ? topicLinkWrites(source, item, { userId: principal.userId, name: actorName }, now) : {}),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    // A retry of the same request finds its topic (and with it the link the same transaction wrote).
    if (failed?.has('topic')) {
      const existing = await loadTopic(communityId, topicId, true);
      if (existing.createdBy !== principal.userId) throw conflict('请求编号重复，请重试');
      assertSameRequest(existing.requestFingerprint, fingerprint);
    } else if (source && (failed?.has('sourceCase') || failed?.has('sourceTimeline'))) throw alreadyLinked();
    else throw error;
  }
  return topicId;
}

export async function supportThresholdOf(communityId: string): Promise<number> {
  const { Item } = await agoraSettings.get({ communityId });
  return Item?.supportThreshold ?? DEFAULT_SUPPORT_THRESHOLD;
}

/** 居民提议: the proposer's own 附议 counts; at the threshold the proposal goes straight to the queue. */
export async function proposeTopic({ principal, communityId, input, now }: ProposeTopicRequest) {
  if (!principal.memberships.some((m) => m.communityId === communityId)) throw forbidden('绑定本社区的房屋后才能提议');
  const topicId = topicIdOf(communityId, principal.userId, input.requestId);
  const fingerprint = requestFingerprint({
    route: 'agora.proposeTopic',
    caller: principal.userId,
    params: { communityId },
    body: input,
  });
  const threshold = await supportThresholdOf(communityId);
  const phase = threshold <= 1 ? ('queued' as const) : ('proposed' as const);
  const createdAt = now.toISOString();
  const writes = {
    topic: topics.transactPut(
      {
        communityId,
        topicId,
        title: input.title,
        description: input.description,
        origin: 'proposal',
        requestFingerprint: fingerprint,
        phase,
        createdBy: principal.userId,
        createdAt,
        supportCount: 1,
        supportThreshold: threshold,
        scheduleChanges: [],
        openConflicts: 0,
        resolvedConflicts: 0,
      },
      { condition: { attr: 'topicId', exists: false } },
    ),
    support: topicSupports.transactPut({ communityId, topicId, userId: principal.userId, at: createdAt }),
  };
  try {
    await transact(writes);
  } catch (error) {
    if (!failedWrites(error, writes)?.has('topic')) throw error;
    // The key is taken: by this request retried, or by another one (409).
    assertSameRequest((await loadTopic(communityId, topicId, true)).requestFingerprint, fingerprint);
  }
  return topicId;
}

/**
 * 附议. The support item's condition makes it once per person; the count moves with it in one
 * transaction, and the one support that reaches the threshold is the one whose condition says so,
 * which moves the proposal to the committee's queue — no read decides it.
 */
export async function supportTopic({ principal, communityId, topicId, now }: TopicRequest) {
  if (!principal.memberships.some((m) => m.communityId === communityId)) throw forbidden('绑定本社区的房屋后才能附议');
  const topic = await loadTopic(communityId, topicId);
  if (topic.origin !== 'proposal') throw conflict('只有居民提议需要附议');
  const last = topic.supportThreshold - 1;
  const support = topicSupports.transactPut(
    { communityId, topicId, userId: principal.userId, at: now.toISOString() },
    { condition: { attr: 'userId', exists: false } },
  );
  const below = topics.transactUpdate(
    { communityId, topicId, supportCount: $add(1) },
    {
      condition: {
        or: [
          {
            and: [
              { attr: 'phase', eq: 'proposed' },
              { attr: 'supportCount', lt: last },
            ],
          },
          { attr: 'phase', eq: 'queued' },
        ],
      },
    },
  );
  const reaching = topics.transactUpdate(
    { communityId, topicId, supportCount: $add(1), phase: 'queued' },
    {
      condition: {
        and: [
          { attr: 'phase', eq: 'proposed' },
          { attr: 'supportCount', eq: last },
        ],
      },
    },
  );
  // The two paths' conditions never hold at once; a concurrent support can move the topic from one
  // to the other between our tries, so go round again (it only ever moves proposed → queued).
  attempts: for (let round = 0; round < 3; round++) {
    for (const count of [below, reaching]) {
      const writes = { support, count };
      try {
        await transact(writes);
        break attempts;
      } catch (error) {
        const failed = failedWrites(error, writes);
        if (!failed) throw error;
        if (failed.has('support')) throw conflict('您已经附议过了');
      }
    }
    if (round === 2) throw conflict('该提议已不在附议阶段');
  }
  const fresh = await loadTopic(communityId, topicId, true);
  return { count: fresh.supportCount, threshold: fresh.supportThreshold, queued: fresh.phase === 'queued' };
}

/** 受理 / 不采纳 a resident proposal. */
export async function reviewProposal({ principal, communityId, topicId, input }: ReviewProposalRequest) {
  const topic = await loadTopic(communityId, topicId);
  const phase = input.decision === 'accept' ? ('deliberation' as const) : ('declined' as const);
  noteStaffChange({ before: { phase: topic.phase }, after: { phase, declineReason: input.reason } });
  try {
    await transact({
      topic: topics.transactUpdate(
        {
          communityId,
          topicId,
          phase,
          declineReason: input.reason,
          reviewedBy: principal.userId,
          ...topicIndexKeys({ ...topic, phase }),
        },
        {
          condition: {
            or: [
              { attr: 'phase', eq: 'proposed' },
              { attr: 'phase', eq: 'queued' },
            ],
          },
        },
      ),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('该提议已处理');
    throw error;
  }
}

/** 设定表决 for a topic in deliberation: the same writes as the wizard, conditioned on the phase. */
export async function scheduleVote({ communityId, topicId, spec, now }: ScheduleVoteRequest) {
  const topic = await loadTopic(communityId, topicId);
  if (topic.phase !== 'deliberation') throw conflict('只有征询中的议题可以设定表决', 'ILLEGAL_TRANSITION');
  const vote = await voteSettingsOf(communityId, spec, now, 'body');
  const writes = {
    topic: topics.transactUpdate(
      {
        communityId,
        topicId,
        phase: 'voting',
        vote: $set(vote),
        ...topicIndexKeys({ ...topic, phase: 'voting', closesAt: vote.closesAt }),
      },
      { condition: { attr: 'phase', eq: 'deliberation' } },
    ),
    ...openingWrites(topic, vote, now),
  };
  try {
    await transact(writes);
  } catch (error) {
    if (failedWrites(error, writes)?.has('topic')) throw conflict('该议题已设定表决', 'ILLEGAL_TRANSITION');
    throw error;
  }
}

/** 征询小结: the committee's published summary of the deliberation. */
export async function publishSummary({ principal, communityId, topicId, text, now }: TopicRequest & { text: string }) {
  const topic = await loadTopic(communityId, topicId);
  noteStaffChange({ before: { summary: topic.summary?.text }, after: { summary: text } });
  await transact({
    topic: topics.transactUpdate(
      { communityId, topicId, summary: $set({ text, publishedAt: now.toISOString(), by: principal.userId }) },
      { condition: { attr: 'phase', ne: 'declined' } },
    ),
  }).catch((error) => {
    if (isConditionFailure(error)) throw conflict('未采纳的提议不能发布小结');
    throw error;
  });
}

/** 落实: the committee's commitment after the result and how far it has got. */
export async function setCommitment({
  principal,
  communityId,
  topicId,
  input,
  now,
}: TopicRequest & { input: { text: string; status: CommitmentStatus } }) {
  const topic = await loadTopic(communityId, topicId);
  noteStaffChange({
    before: { text: topic.commitment?.text, status: topic.commitment?.status },
    after: { text: input.text, status: input.status },
  });
  try {
    await transact({
      topic: topics.transactUpdate(
        {
          communityId,
          topicId,
          commitment: $set({
            text: input.text,
            status: input.status,
            updatedAt: now.toISOString(),
            by: principal.userId,
          }),
        },
        { condition: { attr: 'phase', eq: 'published' } },
      ),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('结果公示后才能填写落实承诺', 'ILLEGAL_TRANSITION');
    throw error;
  }
}

export async function updateSettings(principal: Principal, communityId: string, supportThreshold: number) {
  noteStaffChange({
    before: { supportThreshold: await supportThresholdOf(communityId) },
    after: { supportThreshold },
  });
  await transact({
    settings: agoraSettings.transactPut({ communityId, supportThreshold, updatedBy: principal.userId }),
  });
  return { supportThreshold };
}

async function turnoutsOf(communityId: string, topicIds: string[]): Promise<Map<string, TurnoutItem>> {
  if (!topicIds.length) return new Map();
  const { Responses } = await batchGet(
    LinliTable.build(BatchGetCommand).requests(
      ...topicIds.map((topicId) => turnouts.batchGet({ communityId, topicId })),
    ),
  );
  return new Map(
    ((Responses?.[0] ?? []) as (TurnoutItem | undefined)[])
      .filter((t): t is TurnoutItem => !!t)
      .map((t) => [t.topicId, t]),
  );
}

/** 议事厅列表: newest first per bucket; "mine" keeps the topics whose scope includes one of my households, "unvoted" the polls I can still vote in. */
export async function listTopics({ principal, communityId, query: q, now }: ListTopicsRequest) {
  const { Items = [], LastEvaluatedKey } = await agora.query
    .topicsInBucket({ communityId, bucket: q.bucket, page: { limit: q.limit, start: decodeCursor(q.cursor) } })
    .send();
  const polls = Items.filter((t) => t.vote);
  const seen = Items.filter((t) => seesTopic(principal, t));
  const [turnoutByTopic, mine] = await Promise.all([
    turnoutsOf(
      communityId,
      polls.map((t) => t.topicId),
    ),
    participationsOf(
      communityId,
      polls.flatMap((t) => candidateKeys(principal, t).map((voterKey) => ({ topicId: t.topicId, voterKey }))),
    ),
  ]);
  const voted = new Set(mine.filter((p) => p.status === 'cast').map((p) => p.topicId));
  const items = seen
    .map((t) => summaryView(t, { principal, now, turnout: turnoutByTopic.get(t.topicId), voted: voted.has(t.topicId) }))
    .filter((t) => (q.mine === '0' || t.inScope) && (q.unvoted === '0' || t.myStatus === 'canVote'));
  return { items, nextCursor: encodeCursor(LastEvaluatedKey) };
}

/** 议题详情 for this person: their seats and whether each has voted, live turnout, the result once published. */
export async function getTopic({ user, principal, communityId, topicId, now }: TopicRequest & { user: UserItem }) {
  const topic = await loadTopic(communityId, topicId, true);
  if (!seesTopic(principal, topic)) throw notFound('议题');
  const seats = topic.vote ? await seatsOf(user, principal, topic) : [];
  const [cast, turnout, support, result, proposer, sourceGrievance, streetTopic] = await Promise.all([
    participationsOf(
      communityId,
      seats.map((s) => ({ topicId, voterKey: s.voterKey })),
    ),
    topic.vote ? turnouts.get({ communityId, topicId }).then((r) => r.Item) : undefined,
    topicSupports.get({ communityId, topicId, userId: principal.userId }).then((r) => r.Item),
    topic.phase === 'published' ? topicResults.get({ communityId, topicId }).then((r) => r.Item) : undefined,
    topic.origin === 'proposal' ? loadUsers([topic.createdBy]).then((m) => m.get(topic.createdBy)) : undefined,
    topic.sourceGrievanceId
      ? topicSourceFor({ principal, communityId, grievanceId: topic.sourceGrievanceId, now })
      : undefined,
    // 街道议事: the street's sum, once every chosen community's poll is published.
    topic.street && topic.phase === 'published'
      ? streetTopics
          .get({ streetId: topic.street.streetId, streetTopicId: topic.street.streetTopicId })
          .then((r) => r.Item)
      : undefined,
  ]);
  const total = streetTopic?.total as Omit<StreetSum, 'countedAt'> | undefined;
  const byKey = new Map(cast.map((p) => [p.voterKey, p]));
  const open =
    topic.phase === 'voting' &&
    !!topic.vote &&
    now.toISOString() >= topic.vote.opensAt &&
    now.toISOString() < topic.vote.closesAt;
  return topicView(topic, {
    principal,
    now,
    turnout,
    seats: seats.map((s) =>
      seatView(s, byKey.get(s.voterKey), { userId: principal.userId, allowChanges: !!topic.vote?.allowChanges, open }),
    ),
    supported: !!support,
    proposedByName: proposer ? proposer.nickname : topic.origin === 'proposal' ? '已注销用户' : undefined,
    result: result ? resultOfItem(result) : undefined,
    sourceGrievance,
    streetTotal: total && {
      communities: (streetTopic?.communities as unknown[]).length,
      electorate: total.electorate,
      ballots: total.ballots,
      options: total.options,
    },
  });
}
