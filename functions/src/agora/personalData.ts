import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { participations } from '../db/entities/participation';
import { proposerErased, topics } from '../db/entities/topic';
import { topicComments } from '../db/entities/topicComment';
import type { PersonalDataSection } from '../identity/personalData';
import { agora } from '../db/registries/agora';

async function recordsOf(userId: string) {
  const [votes, comments, supports, proposals] = await Promise.all([
    agora.query.votesOf({ userId }).send(),
    agora.query.commentsBy({ userId }).send(),
    agora.query.supportsBy({ userId }).send(),
    agora.query.proposalsOf({ userId }).send(),
  ]);
  return {
    votes: votes.Items ?? [],
    comments: comments.Items ?? [],
    supports: supports.Items ?? [],
    proposals: proposals.Items ?? [],
  };
}

/**
 * 议事厅 data about a person: the votes they cast (when and for which household — never the choice,
 * which is stored without them), their comments, supports and proposals. Erasure keeps every count
 * (a cast vote still counts, a support still supports) but cuts the name and the account id loose.
 */
export const agoraSection: PersonalDataSection = {
  name: 'agora',
  async export(userId) {
    const { votes, comments, supports, proposals } = await recordsOf(userId);
    return {
      votes: votes.map((v) => ({
        topicId: v.topicId,
        for: v.label,
        channel: v.channel,
        castAt: v.castAt,
        choice: '选票与投票人分开保存，无法导出选择内容',
      })),
      comments: comments.map((c) => ({ topicId: c.topicId, kind: c.kind, body: c.body, createdAt: c.createdAt })),
      supports: supports.map((s) => ({ topicId: s.topicId, at: s.at })),
      proposals: proposals.map((t) => ({
        topicId: t.topicId,
        title: t.title,
        description: t.description,
        createdAt: t.createdAt,
      })),
    };
  },
  async erase(userId) {
    const { votes, comments, proposals } = await recordsOf(userId);
    for (const v of votes)
      await participations.update({
        communityId: v.communityId,
        topicId: v.topicId,
        voterKey: v.voterKey,
        castBy: $remove(),
        castByName: '已注销用户',
      });
    // A comment stays in the deliberation record without its author.
    for (const c of comments)
      await topicComments.update({
        communityId: c.communityId,
        topicId: c.topicId,
        commentId: c.commentId,
        authorId: 'erased',
        authorName: '已注销用户',
      });
    for (const t of proposals)
      await topics.update({
        communityId: t.communityId,
        topicId: t.topicId,
        createdBy: 'erased',
        ...proposerErased(),
      });
    // Supports stay as they are: they keep counting, keyed by an account id that no longer names anyone.
  },
};
