import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { budgetComments } from '../db/entities/budgetComment';
import { budgetObjections } from '../db/entities/budgetObjection';
import { budgetParticipations } from '../db/entities/budgetParticipation';
import { budgetProjects } from '../db/entities/budgetProject';
import { budgetRatings } from '../db/entities/budgetRating';
import { budget } from '../db/registries/budget';
import type { PersonalDataSection } from '../identity/personalData';

/** B13: everything of a person in 民生微实事, by the user indexes (GSI2 `BUDGET#…`, GSI3 proposals). */
async function recordsOf(userId: string) {
  const [mine, proposals] = await Promise.all([
    budget.query.recordsOf({ userId }).send(),
    budget.query.proposalsBy({ userId }).send(),
  ]);
  const items = mine.Items ?? [];
  const of = <E extends (typeof items)[number]['entity']>(entity: E) =>
    items.filter((i): i is Extract<(typeof items)[number], { entity: E }> => i.entity === entity);
  return {
    votes: of('BudgetParticipation'),
    supports: of('BudgetSupport'),
    comments: of('BudgetComment'),
    objections: of('BudgetObjection'),
    ratings: of('BudgetRating'),
    proposals: proposals.Items ?? [],
  };
}

/**
 * 民生微实事 data about a person: the projects they proposed, their 附议, votes (when and for which
 * household — never the projects chosen, which are stored without them), comments, objections and
 * ratings. Erasure keeps every count (a proposal stays in the round, a vote and a rating still count)
 * but cuts the name and the account id loose.
 */
export const budgetSection: PersonalDataSection = {
  name: 'budget',
  async export(userId) {
    const r = await recordsOf(userId);
    return {
      proposals: r.proposals.map((p) => ({
        roundId: p.roundId,
        projectId: p.projectId,
        title: p.title,
        description: p.description,
        place: p.place,
        estimatedCost: p.estimatedCost,
        proposedAt: p.proposedAt,
      })),
      supports: r.supports.map((s) => ({ roundId: s.roundId, projectId: s.projectId, at: s.at })),
      votes: r.votes.map((v) => ({
        roundId: v.roundId,
        for: v.label,
        castAt: v.castAt,
        choice: '选票与投票人分开保存，无法导出所选项目',
      })),
      comments: r.comments.map((c) => ({ roundId: c.roundId, projectId: c.projectId, body: c.body, at: c.createdAt })),
      objections: r.objections.map((o) => ({ roundId: o.roundId, body: o.body, at: o.createdAt })),
      ratings: r.ratings.map((x) => ({ roundId: x.roundId, projectId: x.projectId, rating: x.rating, at: x.at })),
    };
  },
  async erase(userId) {
    const r = await recordsOf(userId);
    for (const p of r.proposals)
      await budgetProjects.update({
        communityId: p.communityId,
        roundId: p.roundId,
        projectId: p.projectId,
        proposedBy: 'erased',
        proposedByName: '已注销用户',
        GSI3PK: $remove(),
        GSI3SK: $remove(),
      });
    for (const v of r.votes)
      await budgetParticipations.update({
        communityId: v.communityId,
        roundId: v.roundId,
        voterKey: v.voterKey,
        castBy: $remove(),
        castByName: '已注销用户',
        GSI2PK: $remove(),
        GSI2SK: $remove(),
      });
    for (const c of r.comments)
      await budgetComments.update({
        communityId: c.communityId,
        roundId: c.roundId,
        projectId: c.projectId,
        commentId: c.commentId,
        authorId: 'erased',
        authorName: '已注销用户',
        GSI2PK: 'USER#erased',
      });
    for (const o of r.objections)
      await budgetObjections.update({
        communityId: o.communityId,
        roundId: o.roundId,
        objectionId: o.objectionId,
        authorId: 'erased',
        GSI2PK: 'USER#erased',
      });
    // A rating keeps counting; its own words go. Supports stay as they are (keyed by an id that names no one).
    for (const x of r.ratings)
      await budgetRatings.update({
        communityId: x.communityId,
        roundId: x.roundId,
        projectId: x.projectId,
        userId: x.userId,
        comment: $remove(),
        GSI2PK: 'USER#erased',
      });
  },
};
