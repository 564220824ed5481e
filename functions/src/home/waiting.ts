import { holdsRole, rankWaiting, STAFF, type WaitingFeed, type WaitingItem } from '@linli/shared';
import type { CommunityRequest } from '../commons/serviceRequest';
import { pollsAwaitingMyVote, pollsVotingNow } from '../agora/waiting';
import { budgetRoundsOpenToMe } from '../budget/waiting';
import { casesAwaitingMe } from '../grievances/waiting';
import { unreadNotices } from '../notifications/waiting';
import { ordersReadyForPickup } from '../timebank/waiting';
import { activitiesStartingSoon } from '../volunteer/waiting';

/** The feed's length; the home page shows the first few and the rest on 查看全部. */
export const FEED_MAX = 30;

/**
 * 待我处理: what waits for this person in this community, most urgent first. Each context answers for
 * its own items through its `waiting.ts`; all of them read at once, so the answer takes about two
 * round trips to DynamoDB (a query, then a BatchGet where one is needed). No cache: an item must be
 * gone when the person comes back from settling it. Staff also get their work in numbers (超时诉求,
 * 进行中的表决) for the home page's 工作台, from the same reads.
 */
export async function waitingFor(req: CommunityRequest): Promise<WaitingFeed> {
  const resident = req.principal.memberships.some((m) => m.communityId === req.communityId);
  const staff = holdsRole(req.principal, STAFF, req.communityId);
  // Read alongside the rest, not before it: the round trips stay two.
  const voting = resident || staff ? pollsVotingNow(req) : Promise.resolve([]);
  const parts = await Promise.all([
    resident ? voting.then((polls) => pollsAwaitingMyVote(req, polls)) : [],
    casesAwaitingMe(req),
    resident ? activitiesStartingSoon(req) : [],
    ordersReadyForPickup(req),
    unreadNotices(req),
    resident ? budgetRoundsOpenToMe(req) : [],
  ]);
  const votingNow = await voting;
  const items = rankWaiting(parts.flat(), req.now);
  const counts: Record<string, number> = {};
  for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return {
    items: items.slice(0, FEED_MAX) as WaitingItem[],
    counts,
    staff: staff
      ? {
          overdueCases: items.filter((i) => i.kind === 'staffCase' && i.overdue).length,
          runningPolls: votingNow.length,
        }
      : undefined,
    generatedAt: req.now.toISOString(),
  };
}
