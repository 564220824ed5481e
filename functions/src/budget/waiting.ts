import { chinaDate, chinaDayStart, DAY_MS, phaseDeadline, type WaitingItem } from '@linli/shared';
import type { CommunityRequest } from '../commons/serviceRequest';
import { budgetHome } from '../db/registries/budgetHome';
import { roundLink } from './links';
import { participationsAcross } from './participations';
import { candidateKeys, homesInScope } from './seats';

/** What the home feed says of each phase a resident can act in. */
const OPEN_PHASES = {
  proposing: { state: '点单中', action: '去点单' },
  voting: { state: '投票中', action: '去投票' },
} as const;

/** 还剩 N 天 by China calendar days; 今天截止 on the last day. */
export function daysLeftText(deadline: string, now: Date): string {
  const days = Math.round(
    (chinaDayStart(chinaDate(deadline)).getTime() - chinaDayStart(chinaDate(now)).getTime()) / DAY_MS,
  );
  return days <= 0 ? '今天截止' : `还剩 ${days} 天`;
}

/**
 * 民生微实事 on 首页: a round of the community whose scope holds one of my homes, while it takes proposals
 * (点单) or ballots (投票) — a voting round only until my seat has voted. One query of the newest rounds,
 * then one BatchGet of my seats' "who voted" records where a round is voting. The wording is made here,
 * so the home tab (main package) carries no budget labels: it shows the title, the detail and the button.
 */
export async function budgetRoundsOpenToMe({ principal, communityId, now }: CommunityRequest): Promise<WaitingItem[]> {
  const { Items = [] } = await budgetHome.query.newestRounds({ communityId }).send();
  const open = Items.filter(
    (r) => (r.phase === 'proposing' || r.phase === 'voting') && homesInScope(principal, r).length > 0,
  );
  // One BatchGet for every voting round's seats (the newest rounds only: well under its 100 keys).
  const cast = await participationsAcross(
    communityId,
    open
      .filter((r) => r.phase === 'voting')
      .flatMap((r) => candidateKeys(principal, r).map((voterKey) => ({ roundId: r.roundId, voterKey }))),
  );
  const votedIn = new Set(cast.map((p) => p.roundId));
  return open
    .filter((r) => !votedIn.has(r.roundId))
    .map((r) => {
      const phase = OPEN_PHASES[r.phase as keyof typeof OPEN_PHASES];
      const dueAt = phaseDeadline(r.phase, r.schedule)!;
      return {
        kind: 'budget' as const,
        key: `budget:${r.roundId}`,
        title: r.title,
        detail: `民生微实事：${phase.state}，${daysLeftText(dueAt, now)}`,
        action: phase.action,
        link: roundLink(communityId, r.roundId),
        dueAt,
        overdue: false,
      };
    });
}
