import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import {
  contentKeyOf,
  type GrievanceDetail,
  type GrievanceSettings,
  type HeldGrievanceTarget,
  type ReviewItem,
  type ReviewTarget,
} from '@linli/shared';
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
import { moderationCases } from '../db/entities/moderationCase';
import type { ModerationLogEntryItem } from '../db/entities/moderationLogEntry';
import { heldContentWrites, heldDecisionWrites } from '../moderation/held';

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

/** The 内容审核 queue's name for a 诉求's held content. */
export function heldTargetOf(grievanceId: string, t: ReviewTarget): HeldGrievanceTarget {
  if (t.kind === 'description') return { kind: 'grievanceContent', grievanceId, part: 'description' };
  return t.kind === 'message'
    ? { kind: 'grievanceContent', grievanceId, part: 'message', partId: t.messageId }
    : { kind: 'grievanceContent', grievanceId, part: 'photo', partId: t.photoId };
}

/** The 人工复核 target a queue item names, or undefined when it names no message or photo. */
export function reviewTargetOf(t: HeldGrievanceTarget): ReviewTarget | undefined {
  if (t.part === 'description') return { kind: 'description' };
  if (!t.partId) return undefined;
  return t.part === 'message' ? { kind: 'message', messageId: t.partId } : { kind: 'photo', photoId: t.partId };
}

/**
 * The writes to put in the same write as content stored with the verdict `review`: the 待人工复核 marker
 * (the handlers' list) and the 内容审核 case with its queue marker (the committee's one queue).
 */
export const flagForReview = (
  communityId: string,
  grievanceId: string,
  target: ReviewTarget,
  at: string,
  authorId?: string,
) => ({
  review: grievanceReviews.transactPut({ communityId, grievanceId, target: targetKey(target), flaggedAt: at }),
  ...heldContentWrites(communityId, heldTargetOf(grievanceId, target), authorId, at),
});

const TARGET_LABEL = { description: '诉求描述', message: '留言', photo: '照片' } as const;
const DECISION_ACTION = { approve: 'approveContent', reject: 'rejectContent' } as const;

/** Held content as a reviewer and the moderation log name it. */
export interface HeldContent {
  check: CheckState;
  /** Absent once erased, and for a visit log's description (no resident account). */
  authorId?: string;
  /** As staff read it: an anonymous reporter stays 匿名居民. */
  authorName: string;
  text: string;
}

/** A held photo has no text: the log says what was judged. */
export const PHOTO_TEXT = '（照片）';

/** The content's check state, author and text, or undefined if there is no such content. */
export function heldContentOf(
  parts: Pick<CaseParts, 'grievance' | 'messages'>,
  t: ReviewTarget,
): HeldContent | undefined {
  const c = parts.grievance;
  const reporterName = c.source === 'resident' && c.anonymous ? ANONYMOUS : c.reporterName;
  if (t.kind === 'description')
    return {
      check: c.descriptionCheck,
      authorId: c.source === 'resident' ? c.reporterId : undefined,
      authorName: reporterName,
      text: c.description,
    };
  if (t.kind === 'message') {
    const m = parts.messages.find((x) => x.messageId === t.messageId);
    return (
      m && {
        check: m.textCheck,
        authorId: m.authorId,
        authorName: m.authorRole === 'reporter' ? reporterName : m.authorName,
        text: m.text,
      }
    );
  }
  const p = c.photos[t.photoId];
  return (
    p && {
      check: p.check,
      authorId: p.by,
      authorName: p.by === c.reporterId ? reporterName : p.by === c.resolution?.byId ? c.resolution.byName : '工作人员',
      text: PHOTO_TEXT,
    }
  );
}

const ANONYMOUS = '匿名居民';

/** How the queue and the moderation log name the request held content belongs to. */
export const heldContext = (c: GrievanceItem, settings: GrievanceSettings) => describe(c, settings);

/** The same, reading the community's 诉求 settings (for moderation's queue). */
export const heldContextOf = async (c: GrievanceItem) => heldContext(c, (await settingsOf(c.communityId)).settings);

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

export type ReviewRequest = CaseRequest & {
  input: { target: ReviewTarget; decision: 'approve' | 'reject'; reason?: string };
};

/** 人工复核 from the 诉求's detail or 待人工复核: the case as the reviewer now sees it. */
export async function reviewContent(request: ReviewRequest): Promise<GrievanceDetail> {
  return (await judgeHeldContent(request)).answer();
}

/**
 * The one service that decides held 诉求 content, whichever page it is decided from (the 诉求's detail,
 * 待人工复核, or 内容审核): the content's check, the timeline event, both queue markers, the author's
 * notice, and — when the content has a 内容审核 case — the case closed and the moderation log entry with
 * the original text, all in one transaction. `logged` is that entry, when this call wrote it.
 */
export async function judgeHeldContent({
  caller,
  communityId,
  grievanceId,
  input,
  now,
}: ReviewRequest): Promise<{ answer: () => Promise<GrievanceDetail>; logged?: ModerationLogEntryItem }> {
  const heldTarget = heldTargetOf(grievanceId, input.target);
  const [{ parts, access }, { Item: kase }] = await Promise.all([
    loadVisibleCase(caller.principal, communityId, grievanceId),
    moderationCases.get({ communityId, contentKey: contentKeyOf(heldTarget) }, { consistent: true }),
  ]);
  if (!access.handlerRole) throw forbidden('只有办理该诉求的工作人员可以复核内容');
  const c = parts.grievance;
  const key = targetKey(input.target);
  const content = heldContentOf(parts, input.target);
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
  if (settled(parts.events)) return { answer };
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
  // Content held before it joined 内容审核 has no case (see `backfillHeldGrievanceContent`): nothing to close.
  const moderation =
    kase?.status === 'open'
      ? heldDecisionWrites(
          {
            communityId,
            target: heldTarget,
            decision: input.decision === 'approve' ? 'restore' : 'remove',
            reason: input.reason,
            content: { ...content, context: heldContext(c, settings) },
            decider: { userId: caller.user.userId, name: caller.user.nickname },
            at,
          },
          kase,
        )
      : undefined;
  try {
    await transact({
      content: updateContent(c, input.target, input.decision === 'approve' ? 'pass' : 'risky'),
      timeline: grievanceEvents.transactPut(event, { condition: { attr: 'action', exists: false } }),
      review: grievanceReviews.transactDelete({ communityId, grievanceId, target: key }),
      intents,
      ...moderation?.writes,
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Lost to another reviewer, or our own earlier attempt: the recorded decision tells which.
    const fresh = await loadCase(communityId, grievanceId);
    if (fresh && settled(fresh.events)) return { answer };
    throw conflict('该内容不在待人工复核状态', 'NOT_IN_REVIEW');
  }
  return { answer, logged: moderation?.entry };
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
