import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { participations, type ParticipationItem } from '../db/entities/participation';
import { topics, type TopicItem } from '../db/entities/topic';
import { LinliTable } from '../db/table';
import { notFound } from '../http/errors';
import type { CommunityRequest } from '../commons/serviceRequest';

// A topic's item and its voters' participations, as every 议事厅 route reads them. Apart from topics.ts
// (creating, proposing, viewing), so the voting Lambda does not carry topic creation and its 诉求 link.

/** A request about one topic. */
export interface TopicRequest extends CommunityRequest {
  topicId: string;
}

export async function loadTopic(communityId: string, topicId: string, consistent = false): Promise<TopicItem> {
  const { Item } = await topics.get({ communityId, topicId }, { consistent });
  if (!Item) throw notFound('议题');
  return Item;
}

/** How long a Lambda instance keeps a topic that is open for voting, for casts (see votingTopic). */
export const VOTING_TOPIC_MAX_AGE_MS = 2000;
const votingTopics = new Map<string, { at: number; topic: Promise<TopicItem> }>();

/**
 * The topic as a cast reads it: kept by this Lambda instance for VOTING_TOPIC_MAX_AGE_MS while its
 * phase is voting (in a burst every household's cast read the same large item, the electorate's
 * buildings and all, strongly consistent). A kept copy is used only while its window holds `now`, so it
 * can only be wrong towards "open", and the ballot box decides that in the cast's own transaction (a poll
 * closed early or shortened meanwhile is refused there); what else a cast reads of the topic (ballot,
 * basis, electorate, secrecy) is fixed once voting starts. Anything else is read afresh.
 */
export async function votingTopic(communityId: string, topicId: string, now: Date): Promise<TopicItem> {
  const key = `${communityId}|${topicId}`;
  const kept = votingTopics.get(key);
  if (kept && Date.now() - kept.at < VOTING_TOPIC_MAX_AGE_MS) {
    const topic = await kept.topic.catch(() => undefined);
    const at = now.toISOString();
    if (topic?.phase === 'voting' && topic.vote && topic.vote.opensAt <= at && at < topic.vote.closesAt) return topic;
  }
  const topic = loadTopic(communityId, topicId, true);
  votingTopics.set(key, { at: Date.now(), topic });
  // Only an open poll is kept: anything else is read afresh next time.
  topic.then(
    (t) => t.phase !== 'voting' && votingTopics.get(key)?.topic === topic && votingTopics.delete(key),
    () => votingTopics.get(key)?.topic === topic && votingTopics.delete(key),
  );
  return topic;
}

export async function participationsOf(
  communityId: string,
  pairs: { topicId: string; voterKey: string }[],
): Promise<ParticipationItem[]> {
  const found: ParticipationItem[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...pairs.slice(i, i + 100).map((p) => participations.batchGet({ communityId, ...p })),
      ),
    );
    found.push(
      ...((Responses?.[0] ?? []) as (ParticipationItem | undefined)[]).filter((p): p is ParticipationItem => !!p),
    );
  }
  return found;
}
