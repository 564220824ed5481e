import { nearTimeLabel, stageOf, type WaitingItem } from '@linli/shared';
import { agora } from '../db/registries/agora';
import type { TopicItem } from '../db/entities/topic';
import type { CommunityRequest } from '../commons/serviceRequest';
import { participationsOf } from './topicItem';
import { candidateKeys, topicLink } from './views';

/** Open topics looked at for polls: the newest, which is where running polls are. */
const OPEN_TOPICS_READ = 50;

/** Polls open for voting now in the community: one query of the open topics. */
export async function pollsVotingNow({ communityId, now }: CommunityRequest): Promise<TopicItem[]> {
  const { Items = [] } = await agora.query
    .topicsInBucket({ communityId, bucket: 'open', page: { limit: OPEN_TOPICS_READ } })
    .send();
  return Items.filter(
    (t) =>
      t.vote &&
      stageOf({ phase: t.phase, opensAt: t.vote.opensAt, closesAt: t.vote.closesAt, hasCommitment: false }, now) ===
        'voting',
  );
}

/**
 * 待我投票 for the home page: of the polls open now (`pollsVotingNow`), those in my scope where none of my seats
 * has voted. One BatchGet of my seats' participations (none when no poll is open to me).
 */
export async function pollsAwaitingMyVote(
  { principal, communityId, now }: CommunityRequest,
  votingNow: TopicItem[],
): Promise<WaitingItem[]> {
  const open = votingNow.filter((t) => candidateKeys(principal, t).length > 0);
  if (!open.length) return [];
  const cast = await participationsOf(
    communityId,
    open.flatMap((t) => candidateKeys(principal, t).map((voterKey) => ({ topicId: t.topicId, voterKey }))),
  );
  const voted = new Set(cast.filter((p) => p.status === 'cast').map((p) => p.topicId));
  return open
    .filter((t) => !voted.has(t.topicId))
    .map((t) => ({
      kind: 'vote' as const,
      key: `vote:${t.topicId}`,
      title: t.title,
      detail: `${t.vote!.scopeLabel} · ${nearTimeLabel(t.vote!.closesAt, now)} 截止`,
      action: '去投票',
      link: topicLink(communityId, t.topicId),
      dueAt: t.vote!.closesAt,
      overdue: false,
      since: t.vote!.opensAt,
    }));
}
