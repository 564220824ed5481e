import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  COMMITTEE,
  holdsRole,
  seesModerated,
  type ModeratedKind,
  type ModerationMark,
  type ModerationTarget,
  type Principal,
  type ReportTarget,
} from '@linli/shared';
import { grievances } from '../db/entities/grievance';
import { topics } from '../db/entities/topic';
import { topicComments } from '../db/entities/topicComment';
import { users } from '../db/entities/user';
import type { WriteTx } from '../db/transactions';
import { notFound } from '../http/errors';
import { accessTo } from '../grievances/access';
import { grievanceMessages } from '../db/entities/grievanceMessage';
import { heldContentOf, heldContextOf, reviewTargetOf } from '../grievances/review';
import { presignDownload } from '../media/storage';

/**
 * The content a report or a decision is about, as moderation needs it, whichever context owns it:
 * who wrote it, its text, what it belongs to, and its moderation mark. Each kind is read by its key
 * (one GetItem) and changed by one named write, so reports and decisions stay single transactions.
 */
export interface ModeratedContent {
  kind: ModeratedKind;
  authorId?: string;
  authorName: string;
  text: string;
  /** The topic's title or the request's category line, for the queue and the log. */
  context: string;
  mark?: ModerationMark;
  /** Held by WeChat's content check and not yet released (议事 comments, 诉求 content). */
  held: boolean;
  /** A held 诉求 photo: its object key, for a short-lived link. */
  photoKey?: string;
}

const NOT_FOUND_LABEL: Record<ModeratedKind, string> = {
  grievance: '诉求',
  topic: '议题',
  topicComment: '意见',
  grievanceContent: '待复核内容',
};

/** The committee (and admins) moderate: they see every held, hidden or removed item of their community. */
export const moderates = (principal: Principal, communityId: string) => holdsRole(principal, COMMITTEE, communityId);

/**
 * The content as `principal` may see it, or 404: content of another community, a private 诉求, a
 * committee's own topic (only residents' proposals are reportable), or content hidden from them.
 */
export async function loadModeratedContent(
  principal: Principal,
  communityId: string,
  target: ModerationTarget,
): Promise<ModeratedContent> {
  const content = await findModeratedContent(principal, communityId, target);
  if (!content) throw notFound(NOT_FOUND_LABEL[target.kind]);
  return content;
}

/** The content as `principal` may see it, or undefined (gone since, or not theirs to see). */
export async function findModeratedContent(
  principal: Principal,
  communityId: string,
  target: ModerationTarget,
): Promise<ModeratedContent | undefined> {
  const content = await readContent(principal, communityId, target);
  const visible =
    content &&
    seesModerated(content.mark, {
      isAuthor: !!content.authorId && content.authorId === principal.userId,
      moderates: moderates(principal, communityId),
    });
  return visible ? content : undefined;
}

async function readContent(
  principal: Principal,
  communityId: string,
  target: ModerationTarget,
): Promise<ModeratedContent | undefined> {
  if (target.kind === 'grievance') {
    const { Item: c } = await grievances.get({ communityId, grievanceId: target.grievanceId }, { consistent: true });
    // Public requests only, and only their checked description: what neighbours read in the public feed.
    if (!c || c.visibility !== 'public' || c.descriptionCheck !== 'pass') return undefined;
    if (!accessTo(principal, c) && !moderates(principal, communityId)) return undefined;
    return {
      kind: 'grievance',
      authorId: c.source === 'resident' ? c.reporterId : undefined,
      authorName: c.anonymous ? '匿名居民' : c.reporterName,
      text: c.description,
      context: `诉求 ${c.grievanceId}`,
      mark: c.moderation,
      held: false,
    };
  }
  if (target.kind === 'grievanceContent') {
    // 人工复核's rule: only the case's handlers see (and judge) content WeChat held.
    const part = reviewTargetOf(target);
    const { Item: c } = await grievances.get({ communityId, grievanceId: target.grievanceId }, { consistent: true });
    if (!c || !part || !accessTo(principal, c)?.handlerRole) return undefined;
    const messages =
      part.kind === 'message'
        ? [
            (
              await grievanceMessages.get(
                { communityId, grievanceId: c.grievanceId, messageId: part.messageId },
                { consistent: true },
              )
            ).Item,
          ].filter((m) => !!m)
        : [];
    const held = heldContentOf({ grievance: c, messages }, part);
    if (!held) return undefined;
    return {
      kind: 'grievanceContent',
      authorId: held.authorId,
      authorName: held.authorName,
      text: held.text,
      context: await heldContextOf(c),
      held: held.check === 'review',
      photoKey: part.kind === 'photo' ? c.photos[part.photoId]?.key : undefined,
    };
  }
  if (target.kind === 'topic') {
    const { Item: t } = await topics.get({ communityId, topicId: target.topicId }, { consistent: true });
    if (!t || t.origin !== 'proposal') return undefined;
    const { Item: proposer } = await users.get({ userId: t.createdBy });
    return {
      kind: 'topic',
      authorId: t.createdBy,
      authorName: proposer?.nickname ?? '已注销用户',
      text: `${t.title}\n${t.description}`,
      context: t.title,
      mark: t.moderation,
      held: false,
    };
  }
  const [{ Item: comment }, { Item: topic }] = await Promise.all([
    topicComments.get({ communityId, topicId: target.topicId, commentId: target.commentId }, { consistent: true }),
    topics.get({ communityId, topicId: target.topicId }),
  ]);
  if (!comment || !topic) return undefined;
  const held = comment.status === 'held';
  // Held comments are seen by their author and the committee only (deliberation.ts); so it stays here.
  if (held && comment.authorId !== principal.userId && !moderates(principal, communityId)) return undefined;
  return {
    kind: 'topicComment',
    authorId: comment.authorId,
    authorName: comment.authorName,
    text: comment.body,
    context: topic.title,
    mark: comment.moderation,
    held,
  };
}

/**
 * The write that sets (or, with `undefined`, clears) the content's moderation mark, on the condition
 * that the content still exists. Clearing a held comment also releases it (`visible`): a person has judged it.
 */
export function markWrite(communityId: string, target: ReportTarget, mark: ModerationMark | undefined): WriteTx {
  const moderation = mark ?? $remove();
  if (target.kind === 'grievance')
    return grievances.transactUpdate(
      { communityId, grievanceId: target.grievanceId, moderation },
      { condition: { attr: 'grievanceId', exists: true } },
    );
  if (target.kind === 'topic')
    return topics.transactUpdate(
      { communityId, topicId: target.topicId, moderation },
      { condition: { attr: 'topicId', exists: true } },
    );
  return topicComments.transactUpdate(
    {
      communityId,
      topicId: target.topicId,
      commentId: target.commentId,
      moderation,
      ...(mark === undefined ? { status: 'visible' as const } : {}),
    },
    { condition: { attr: 'commentId', exists: true } },
  );
}

/** A short-lived link to a held photo, for the queue. */
export const photoLink = async (content: ModeratedContent, now: Date) =>
  content.photoKey ? (await presignDownload(content.photoKey, now)).url : undefined;
