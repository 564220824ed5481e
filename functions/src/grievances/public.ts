import { caseNumber, categoryLabel, OPEN_STATUSES, STATUS_LABELS, type PublicRequestView } from '@linli/shared';
import { grievances } from '../db/registries/grievances';
import { settingsOf } from './repository';

/**
 * 社区公开信息, the 诉求 part: the latest public requests by category, status and how many neighbours
 * joined (我也遇到). Not their text, place or reporter: residents write those for their neighbours.
 */
export async function publicRequests(
  communityId: string,
  limit = 8,
): Promise<{ communityName: string; requests: PublicRequestView[] }> {
  const [{ settings, communityName }, { Items = [] }] = await Promise.all([
    settingsOf(communityId),
    grievances.query.publicCases({ communityId, page: { limit } }).send(),
  ]);
  const requests = Items.filter((g) => g.status !== 'withdrawn').map((g) => ({
    number: caseNumber(g.grievanceId),
    categoryLabel: categoryLabel(settings, g.category),
    statusLabel: STATUS_LABELS[g.status],
    closed: !OPEN_STATUSES.includes(g.status),
    supportCount: g.supportCount,
    createdAt: g.createdAt,
  }));
  // The community's name comes with its settings (one read, kept 5 s per instance); 404 when there is none.
  return { communityName, requests };
}
