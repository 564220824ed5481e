import type { Principal, TopicSource } from '@linli/shared';
import { grievances, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents } from '../db/entities/grievanceEvent';
import type { WriteTx } from '../db/transactions';
import { conflict } from '../http/errors';
import { accessTo, type Access } from './access';
import { loadVisibleCase, settingsOf } from './repository';
import type { CommunityRequest } from '../commons/serviceRequest';
import { summaryView } from './views';

/**
 * 转为议题, the request's side. A request becomes at most one 议事厅 topic; the agora service creates
 * the topic and puts these writes in the same transaction, so the topic, the request's `topicId` and
 * its timeline entry exist together or not at all.
 */

/**
 * The request a topic is being made from, as the caller may see it (404 otherwise, as for every read
 * of a case), refused with 409 when it already became another topic. A request already linked to
 * `topicId` itself is a retry of the same create and passes; a withdrawn request is refused (409).
 */
export async function caseToLink({
  principal,
  communityId,
  grievanceId,
  topicId,
}: {
  principal: Principal;
  communityId: string;
  grievanceId: string;
  /** The topic the request is to become. */
  topicId: string;
}): Promise<{ grievance: GrievanceItem; access: Access }> {
  const { parts, access } = await loadVisibleCase(principal, communityId, grievanceId);
  const c = parts.grievance;
  if (c.topicId && c.topicId !== topicId) throw alreadyLinked();
  // The reporter took it back: nothing is left to deliberate in their name.
  if (c.status === 'withdrawn') throw conflict('居民已撤回该诉求，不能转为议题');
  return { grievance: c, access };
}

export const alreadyLinked = () => conflict('该诉求已转为其他议题');

/**
 * The request's `topicId` (and the topic's title, for its page), on the condition that it has none
 * yet (`sourceCase`), and the immutable `linkTopic` timeline entry `EV#<version>#topic`, on the
 * condition that it does not exist (`sourceTimeline`): two named writes for the caller's transaction.
 */
export function topicLinkWrites(
  link: { grievance: GrievanceItem; access: Access },
  topic: { topicId: string; title: string },
  actor: { userId: string; name: string },
  now: Date,
): { sourceCase: WriteTx; sourceTimeline: WriteTx } {
  const { communityId, grievanceId, version, status, level } = link.grievance;
  return {
    sourceCase: grievances.transactUpdate(
      { communityId, grievanceId, topicId: topic.topicId, topicTitle: topic.title },
      {
        condition: {
          and: [
            { attr: 'status', exists: true },
            { attr: 'topicId', exists: false },
          ],
        },
      },
    ),
    sourceTimeline: grievanceEvents.transactPut(
      {
        communityId,
        grievanceId,
        version,
        kind: 'topic',
        action: 'linkTopic',
        at: now.toISOString(),
        actorId: actor.userId,
        actorName: actor.name,
        actorRole: link.access.handlerRole ?? 'committee',
        toStatus: status,
        toLevel: level,
        note: topic.title,
      },
      { condition: { attr: 'action', exists: false } },
    ),
  };
}

/**
 * "来源诉求" on a topic page: the request's number, category and excerpt for a viewer who may see the
 * request; anyone else (a private request of another household) learns only that the topic came from
 * a resident's request — no id, no link, no details.
 */
export async function topicSourceFor({
  principal,
  communityId,
  grievanceId,
  now,
}: CommunityRequest & { grievanceId: string }): Promise<TopicSource> {
  const { Item } = await grievances.get({ communityId, grievanceId });
  const access = Item && accessTo(principal, Item);
  if (!Item || !access) return { visible: false };
  const { settings } = await settingsOf(communityId);
  const s = summaryView(Item, access, settings, now);
  return { visible: true, grievanceId, number: s.number, categoryLabel: s.categoryLabel, excerpt: s.excerpt };
}
