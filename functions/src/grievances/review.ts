import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import type { GrievanceDetail, ReviewItem, ReviewTarget } from '@linli/shared';
import { grievances, type CheckState, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents, reviewEventKind, type GrievanceEventItem } from '../db/entities/grievanceEvent';
import { grievanceMessages, type GrievanceMessageItem } from '../db/entities/grievanceMessage';
import { grievanceReviews, type GrievanceReviewItem } from '../db/entities/grievanceReview';
import { LinliTable } from '../db/table';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { transact, type WriteTx } from '../db/transactions';
import { conflict, forbidden, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { presignDownload } from '../media/storage';
import { accessTo } from './access';
import { describe, toAuthor } from './notify';
import { loadCase, loadVisibleCase, settingsOf } from './repository';
import type { CommunityRequest } from '../commons/serviceRequest';
import type { CaseRequest } from './requests';
import { actorOf as authorView, detailView, summaryView, type CaseParts } from './views';
import { grievances as grievanceQueries } from '../db/registries/grievances';

/**
 * 人工复核: WeChat's text and image checks answer `review` when a person must judge. Such content is
 * shown to its author and to the case's handlers only; a handler of the case (the same people who see
 * it) approves it (→ `pass`, visible to neighbours) or rejects it (→ `risky`, hidden; the author is told
 * why). One transaction: the content's check moves on the condition it is still `review`, the timeline
 * event `EV#<version>#review#<target>` is put on the condition it does not exist, the queue marker is
 * deleted and, on rejection, the author's notification intent is written.
 */

/** The marker and timeline key of a target: `description`, `message:<id>`, `photo:<id>`. */
export function targetKey(t: ReviewTarget): string {
  if (t.kind === 'description') return 'description';
  return t.kind === 'message' ? `message:${t.messageId}` : `photo:${t.photoId}`;
}

export function targetOf(key: string): ReviewTarget {
  if (key.startsWith('message:')) return { kind: 'message', messageId: key.slice('message:'.length) };
  if (key.startsWith('photo:')) return { kind: 'photo', photoId: key.slice('photo:'.length) };
  return { kind: 'description' };
}

/** The queue marker to put in the same write as content stored with the verdict `review`. */
export const flagForReview = (communityId: string, grievanceId: string, target: ReviewTarget, at: string): WriteTx =>
  grievanceReviews.transactPut({ communityId, grievanceId, target: targetKey(target), flaggedAt: at });

const TARGET_LABEL = { description: '诉求描述', message: '留言', photo: '照片' } as const;
const DECISION_ACTION = { approve: 'approveContent', reject: 'rejectContent' } as const;

/** The content's check state and its author's id (absent once erased), or undefined if there is no such content. */
function contentOf(parts: CaseParts, t: ReviewTarget): { check: CheckState; authorId?: string } | undefined {
  const c = parts.grievance;
  if (t.kind === 'description')
    return { check: c.descriptionCheck, authorId: c.source === 'resident' ? c.reporterId : undefined };
  if (t.kind === 'message') {
    const m = parts.messages.find((x) => x.messageId === t.messageId);
    return m && { check: m.textCheck, authorId: m.authorId };
  }
  const p = c.photos[t.photoId];
  return p && { check: p.check, authorId: p.by };
}

function updateContent(c: GrievanceItem, t: ReviewTarget, verdict: 'pass' | 'risky'): WriteTx {
  const key = { communityId: c.communityId, grievanceId: c.grievanceId };
  if (t.kind === 'description')
    return grievances.transactUpdate(
      { ...key, descriptionCheck: verdict },
      { condition: { attr: 'descriptionCheck', eq: 'review' } },
    );
  if (t.kind === 'message')
    return grievanceMessages.transactUpdate(
      { ...key, messageId: t.messageId, textCheck: verdict },
      { condition: { attr: 'textCheck', eq: 'review' } },
    );
  return grievances.transactUpdate(
    { ...key, photos: { [t.photoId]: { check: verdict } } },
    { condition: { attr: `photos.${t.photoId}.check`, eq: 'review' } },
  );
}

/** A decision already recorded for this target: a retry of the same one answers the case as it is. */
const decisionOf = (events: GrievanceEventItem[], key: string) => events.find((e) => e.kind === reviewEventKind(key));

export async function reviewContent({
  caller,
  communityId,
  grievanceId,
  input,
  now,
}: CaseRequest & {
  input: { target: ReviewTarget; decision: 'approve' | 'reject'; reason?: string };
}): Promise<GrievanceDetail> {
  const { parts, access } = await loadVisibleCase(caller.principal, communityId, grievanceId);
  if (!access.handlerRole) throw forbidden('只有办理该诉求的工作人员可以复核内容');
  const c = parts.grievance;
  const key = targetKey(input.target);
  const content = contentOf(parts, input.target);
  if (!content) throw notFound(TARGET_LABEL[input.target.kind]);
  const answer = async () => {
    const fresh = (await loadCase(communityId, grievanceId, caller.user.userId)) ?? parts;
    const { settings } = await settingsOf(communityId);
    return detailView(fresh, accessTo(caller.principal, fresh.grievance) ?? access, caller.user.userId, settings, now);
  };
  const settled = (events: GrievanceEventItem[]) => {
    const prior = decisionOf(events, key);
    if (!prior) return undefined;
    if (prior.action === DECISION_ACTION[input.decision]) return 'same' as const;
    throw conflict('该内容已复核，结果不同', 'NOT_IN_REVIEW');
  };
  if (settled(parts.events)) return answer();
  if (content.check !== 'review') throw conflict('该内容不在待人工复核状态', 'NOT_IN_REVIEW');
  // Four eyes: nobody clears their own words or photo for the neighbours.
  if (input.decision === 'approve' && content.authorId === caller.user.userId)
    throw forbidden('自己提交的内容请由其他工作人员复核');

  const { settings } = await settingsOf(communityId);
  const at = now.toISOString();
  const event: GrievanceEventItem = {
    communityId,
    grievanceId,
    version: c.version,
    kind: reviewEventKind(key),
    action: DECISION_ACTION[input.decision],
    at,
    actorId: caller.user.userId,
    actorName: caller.user.nickname,
    actorRole: access.handlerRole,
    toStatus: c.status,
    toLevel: c.level,
    note: [TARGET_LABEL[input.target.kind], input.reason].filter(Boolean).join('：'),
  };
  const label = TARGET_LABEL[input.target.kind];
  const told = {
    title: `您的${label}未通过人工复核`,
    body: `${describe(c, settings)}：您的${label}未通过复核，邻居不会看到。原因：${input.reason ?? ''}`,
    note: input.reason,
  };
  // The author learns why (a visit log's description has no resident account to tell); a reviewer rejecting their own words needs no message.
  const intents =
    input.decision === 'reject' && content.authorId && content.authorId !== caller.user.userId
      ? [toAuthor(c, settings, 'grievance.contentRejected', reviewEventKind(key), content.authorId, told, now)]
      : [];
  try {
    await transact({
      content: updateContent(c, input.target, input.decision === 'approve' ? 'pass' : 'risky'),
      timeline: grievanceEvents.transactPut(event, { condition: { attr: 'action', exists: false } }),
      review: grievanceReviews.transactDelete({ communityId, grievanceId, target: key }),
      intents,
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Lost to another reviewer, or our own earlier attempt: the recorded decision tells which.
    const fresh = await loadCase(communityId, grievanceId);
    if (fresh && settled(fresh.events)) return answer();
    throw conflict('该内容不在待人工复核状态', 'NOT_IN_REVIEW');
  }
  return answer();
}

type Page = { cursor?: string; limit: number };

/**
 * 待人工复核 of a community, oldest first: one query of the review queue (GSI1), then the cases and
 * flagged messages in one BatchGet each. Only items the caller handles (and so may judge) are listed;
 * a marker whose content was already decided is left out.
 */
export async function listReviews({
  principal,
  communityId,
  page,
  now,
}: CommunityRequest & { page: Page }): Promise<{ items: ReviewItem[]; nextCursor?: string }> {
  const { Items = [], LastEvaluatedKey } = await grievanceQueries.query
    .reviewQueue({ communityId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  const nextCursor = encodeCursor(LastEvaluatedKey);
  const markers = Items as GrievanceReviewItem[];
  if (!markers.length) return { items: [], nextCursor };
  const caseIds = [...new Set(markers.map((m) => m.grievanceId))];
  const messageKeys = markers.flatMap((m) => {
    const t = targetOf(m.target);
    return t.kind === 'message' ? [{ communityId, grievanceId: m.grievanceId, messageId: t.messageId }] : [];
  });
  const [cases, messages] = await Promise.all([
    batchGet(caseIds.map((grievanceId) => grievances.batchGet({ communityId, grievanceId }))) as Promise<
      GrievanceItem[]
    >,
    messageKeys.length
      ? (batchGet(messageKeys.map((k) => grievanceMessages.batchGet(k))) as Promise<GrievanceMessageItem[]>)
      : Promise.resolve([]),
  ]);
  const caseById = new Map(cases.map((g) => [g.grievanceId, g]));
  const messageById = new Map(messages.map((m) => [`${m.grievanceId}#${m.messageId}`, m]));
  const { settings } = await settingsOf(communityId);
  const items = await Promise.all(
    markers.map(async (m): Promise<ReviewItem | undefined> => {
      const g = caseById.get(m.grievanceId);
      const access = g && accessTo(principal, g);
      if (!g || !access?.handlerRole) return undefined;
      const target = targetOf(m.target);
      const base = { grievance: summaryView(g, access, settings, now), target, flaggedAt: m.flaggedAt };
      if (target.kind === 'description') {
        if (g.descriptionCheck !== 'review') return undefined;
        return {
          ...base,
          text: g.description,
          author: authorView(g, access, { id: g.reporterId, name: g.reporterName, role: 'reporter' }, principal.userId),
        };
      }
      if (target.kind === 'message') {
        const msg = messageById.get(`${m.grievanceId}#${target.messageId}`);
        if (msg?.textCheck !== 'review') return undefined;
        return {
          ...base,
          text: msg.text,
          author: authorView(
            g,
            access,
            { id: msg.authorId, name: msg.authorName, role: msg.authorRole },
            principal.userId,
          ),
        };
      }
      const photo = g.photos[target.photoId];
      if (photo?.check !== 'review') return undefined;
      const { url } = await presignDownload(photo.key, now);
      const by =
        photo.by === g.reporterId
          ? { id: photo.by, name: g.reporterName, role: 'reporter' as const }
          : photo.by === g.resolution?.byId
            ? { id: photo.by, name: g.resolution.byName, role: g.resolution.byRole }
            : { id: photo.by, name: '工作人员', role: 'gridWorker' as const };
      return { ...base, url, author: authorView(g, access, by, principal.userId) };
    }),
  );
  return { items: items.filter((i): i is ReviewItem => !!i), nextCursor };
}

async function batchGet(requests: unknown[]): Promise<unknown[]> {
  const { Responses } = await execute(LinliTable.build(BatchGetCommand).requests(...(requests as never[])));
  return ((Responses?.[0] ?? []) as unknown[]).filter(Boolean);
}
