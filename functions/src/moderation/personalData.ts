import { MODERATED_KIND_LABELS, targetOfContentKey } from '@linli/shared';
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { contentReports } from '../db/entities/contentReport';
import { moderationLogEntries } from '../db/entities/moderationLogEntry';
import { moderation } from '../db/registries/moderation';
import type { PersonalDataSection } from '../identity/personalData';

/** How the moderation log names the author of content whose account was erased. */
export const ERASED_AUTHOR = '已注销用户';

/**
 * 举报: what a person reported, why and when. Erasure deletes their reports; the counts and reason
 * tallies on the reported items stay (a hidden item stays hidden until the committee decides).
 * The moderation log's entries about their content lose their name and id (M8): the entry keeps the
 * text the committee decided on — the record of a public decision, and what a removal notice cited —
 * but no longer says whose it was.
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
    const { Items: decided = [] } = await moderation.query.logOfAuthor({ userId }).send();
    for (const e of decided)
      await moderationLogEntries.update({
        communityId: e.communityId,
        entryId: e.entryId,
        authorName: ERASED_AUTHOR,
        authorId: $remove(),
        GSI2PK: $remove(),
        GSI2SK: $remove(),
      });
  },
};
