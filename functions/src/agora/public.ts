import type { PublicResultView, ResultView } from '@linli/shared';
import { resultOfItem, topicResults } from '../db/entities/topicResult';
import { agora } from '../db/registries/agora';

const OUTCOME_WORDS: Record<ResultView['outcome']['kind'], string> = {
  passed: '表决通过',
  rejected: '表决未通过',
  noQuorum: '未形成决定（参与未达法定比例）',
  winner: '已产生结果',
  elected: '已产生选举结果',
  noWinner: '未产生结果',
  tie: '票数相同，需另行决定',
};

/**
 * 社区公开信息, the 议事 part: the latest published results — the outcome in words and the turnout, never
 * who voted or who was elected (both are for the community's members, in the topic's own page).
 */
export async function publishedResults(communityId: string, limit = 5): Promise<PublicResultView[]> {
  const { Items = [] } = await agora.query
    .topicsInBucket({ communityId, bucket: 'closed', page: { limit: 20 } })
    .send();
  const published = Items.filter((t) => t.phase === 'published').slice(0, limit);
  const results = await Promise.all(published.map((t) => topicResults.get({ communityId, topicId: t.topicId })));
  return published.flatMap((t, i) => {
    const stored = results[i]?.Item;
    if (!stored) return [];
    const result = resultOfItem(stored);
    return [
      {
        topicId: t.topicId,
        title: t.title,
        countedAt: result.countedAt,
        outcomeLabel: OUTCOME_WORDS[result.outcome.kind],
        passed: result.outcome.kind === 'passed',
        participation: { heads: result.participation.heads, electorate: result.electorate.heads },
      },
    ];
  });
}
