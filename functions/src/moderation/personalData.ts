import { MODERATED_KIND_LABELS, targetOfContentKey } from '@linli/shared';
import { contentReports } from '../db/entities/contentReport';
import { moderation } from '../db/registries/moderation';
import type { PersonalDataSection } from '../identity/personalData';

/**
 * 举报: what a person reported, why and when. Erasure deletes their reports; the counts and reason
 * tallies on the reported items stay (a hidden item stays hidden until the committee decides).
 */
export const moderationSection: PersonalDataSection = {
  name: 'reports',
  async export(userId) {
    const { Items = [] } = await moderation.query.reportsBy({ userId }).send();
    return {
      reports: Items.map((r) => ({
        communityId: r.communityId,
        what: MODERATED_KIND_LABELS[targetOfContentKey(r.contentKey).kind],
        target: targetOfContentKey(r.contentKey),
        reason: r.reason,
        note: r.note,
        reportedAt: r.reportedAt,
      })),
    };
  },
  async erase(userId) {
    const { Items = [] } = await moderation.query.reportsBy({ userId }).send();
    for (const r of Items)
      await contentReports.delete({ communityId: r.communityId, contentKey: r.contentKey, reporterId: r.reporterId });
  },
};
