import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { grievances, reporterErased, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents } from '../db/entities/grievanceEvent';
import { grievanceMessages } from '../db/entities/grievanceMessage';
import { grievanceSupports } from '../db/entities/grievanceSupport';
import type { PersonalDataSection } from '../identity/personalData';
import { loadCase } from './repository';
import { grievances as grievanceQueries } from '../db/registries/grievances';

const ERASED = '已注销用户';

async function reportedBy(userId: string): Promise<GrievanceItem[]> {
  const { Items = [] } = await grievanceQueries.query.reportedBy({ userId }).send();
  return Items as GrievanceItem[];
}

async function supportsOf(userId: string) {
  const { Items = [] } = await grievanceQueries.query.supportsOf({ userId }).send();
  return Items;
}

/**
 * The requests a person raised (with their own messages) and the ones they joined. Erasing cuts the
 * person loose and keeps the community's register: the request stays, reported by 已注销用户, and the
 * timeline keeps what happened but no longer who (the one edit an immutable event ever gets).
 * Handlers' names on cases they worked are a record of their office and are kept.
 */
export const grievanceSection: PersonalDataSection = {
  name: 'grievances',
  async export(userId) {
    const reported = await reportedBy(userId);
    const withMessages = await Promise.all(
      reported.map(async (g) => {
        const parts = await loadCase(g.communityId, g.grievanceId);
        const { reporterId: _r, ...request } = g;
        return {
          ...request,
          myMessages: (parts?.messages ?? []).filter((m) => m.authorId === userId).map(({ authorId: _a, ...m }) => m),
        };
      }),
    );
    const joined = (await supportsOf(userId)).map(({ communityId, grievanceId, at }) => ({
      communityId,
      grievanceId,
      at,
    }));
    return { reported: withMessages, joined };
  },
  async erase(userId) {
    for (const g of await reportedBy(userId)) {
      const { communityId, grievanceId } = g;
      const parts = await loadCase(communityId, grievanceId);
      for (const e of parts?.events ?? [])
        if (e.actorId === userId)
          await grievanceEvents.update({
            communityId,
            grievanceId,
            version: e.version,
            kind: e.kind,
            actorId: $remove(),
            actorName: ERASED,
          });
      for (const m of parts?.messages ?? [])
        if (m.authorId === userId)
          await grievanceMessages.update({
            communityId,
            grievanceId,
            messageId: m.messageId,
            authorId: $remove(),
            authorName: ERASED,
          });
      await grievances.update({
        communityId,
        grievanceId,
        reporterId: $remove(),
        reporterName: ERASED,
        householdUnitId: $remove(),
        ...reporterErased(),
      });
    }
    for (const s of await supportsOf(userId))
      await grievanceSupports.delete({ communityId: s.communityId, grievanceId: s.grievanceId, userId });
  },
};
