import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { Principal, TopicSource } from '@linli/shared';
import { grievances, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents } from '../db/entities/grievanceEvent';
import type { WriteTx } from '../db/transactions';
import { conflict } from '../http/errors';
import type { Access } from './access';
import { loadVisibleCase } from './repository';
import { topicSourceFor } from './topicLink';

/**
 * 纳入民生微实事, the request's side: a request (诉求) is answered by at most one budget project — the
 * project made from it (点单 from a 诉求, like 转为议题) or one the committee links it to later. The
 * budget service puts these writes in its own transaction, so the project's list of requests, the
 * request's `budgetProject` and its timeline entry exist together or not at all.
 */

/**
 * The request as the caller may see it (404 otherwise, as for every read of a case), refused with 409
 * when another project answers it already or its reporter withdrew it. A request already linked to
 * `projectId` itself is a retry and passes.
 */
export async function caseForBudget(
  principal: Principal,
  communityId: string,
  grievanceId: string,
  projectId: string,
): Promise<{ grievance: GrievanceItem; access: Access }> {
  const { parts, access } = await loadVisibleCase(principal, communityId, grievanceId);
  const c = parts.grievance;
  if (c.budgetProject && c.budgetProject.projectId !== projectId)
    throw conflict(`该诉求已纳入民生微实事项目「${c.budgetProject.title}」`);
  if (c.status === 'withdrawn') throw conflict('居民已撤回该诉求，不能纳入民生微实事');
  return { grievance: c, access };
}

/**
 * The request's `budgetProject` (condition: it has none yet) and the immutable `linkBudget` timeline
 * entry `EV#<version>#budget` (condition: new): two writes for the caller's transaction, in this order.
 */
export function budgetLinkWrites(
  link: { grievance: GrievanceItem; access: Access },
  project: { roundId: string; projectId: string; title: string },
  actor: { userId: string; name: string },
  now: Date,
): WriteTx[] {
  const { communityId, grievanceId, version, status, level } = link.grievance;
  return [
    grievances.transactUpdate(
      {
        communityId,
        grievanceId,
        // A whole new map: an update would otherwise set paths inside a `budgetProject` that is not there.
        budgetProject: $set({ roundId: project.roundId, projectId: project.projectId, title: project.title }),
      },
      {
        condition: {
          and: [
            { attr: 'status', exists: true },
            { attr: 'budgetProject', exists: false },
          ],
        },
      },
    ),
    grievanceEvents.transactPut(
      {
        communityId,
        grievanceId,
        version,
        kind: 'budget',
        action: 'linkBudget',
        at: now.toISOString(),
        actorId: actor.userId,
        actorName: actor.name,
        actorRole: link.access.handlerRole ?? 'committee',
        toStatus: status,
        toLevel: level,
        note: project.title,
      },
      { condition: { attr: 'action', exists: false } },
    ),
  ];
}

/**
 * A request a project answers, as this viewer may see it: number, category and excerpt when they may
 * see the request, else only that there is one (the same cut as a topic's 来源诉求).
 */
export const answeredRequestFor = (
  principal: Principal,
  communityId: string,
  grievanceId: string,
  now: Date,
): Promise<TopicSource> => topicSourceFor({ principal, communityId, grievanceId, now });
