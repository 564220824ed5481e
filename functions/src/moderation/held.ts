import { contentKeyOf, type ModerationDecision, type ModerationTarget } from '@linli/shared';
import { moderationCases, type ModerationCaseItem } from '../db/entities/moderationCase';
import { authorIndexOf, moderationLogEntries, type ModerationLogEntryItem } from '../db/entities/moderationLogEntry';
import { moderationQueueEntries } from '../db/entities/moderationQueueEntry';

/**
 * Content WeChat's check holds for a person's judgement joins the 内容审核 queue in the write that stores
 * it, and leaves it in the write that records the decision. Kept apart from the report service so the
 * contexts that hold content (议事 comments, 诉求 descriptions, messages and photos) import only these writes.
 */
/** The case held content opens, with its queue marker: put in the same transaction as the content. */
export function heldContentWrites(
  communityId: string,
  target: ModerationTarget,
  authorId: string | undefined,
  at: string,
  /** Only where no case exists yet (the backfill: a case decided or reported since is left alone). */
  opts: { ifAbsent?: boolean } = {},
) {
  const contentKey = contentKeyOf(target);
  return {
    moderationCase: moderationCases.transactPut(
      {
        communityId,
        contentKey,
        kind: target.kind,
        authorId,
        reportCount: 0,
        reasons: {},
        hidden: false,
        held: true,
        status: 'open',
        openedAt: at,
      },
      opts.ifAbsent ? { condition: { attr: 'contentKey', exists: false } } : undefined,
    ),
    moderationQueue: moderationQueueEntries.transactPut({ communityId, contentKey, queuedAt: at }),
  };
}

/** What the moderation log keeps of a decision on held content: its original text and who decided. */
export interface HeldDecision {
  communityId: string;
  target: ModerationTarget;
  decision: ModerationDecision;
  reason?: string;
  content: { text: string; context: string; authorId?: string; authorName: string };
  decider: { userId: string; name: string };
  at: string;
}

/**
 * The writes that close an open case of held content wherever the decision is taken (内容审核, or the
 * 诉求's own 人工复核): the case closed on the condition it is still open, the queue marker deleted,
 * and the log entry with the original text. The caller adds the content's own change.
 */
export function heldDecisionWrites(d: HeldDecision, kase: Pick<ModerationCaseItem, 'reportCount' | 'reasons'>) {
  const contentKey = contentKeyOf(d.target);
  const entry: ModerationLogEntryItem = {
    communityId: d.communityId,
    entryId: `${d.at}#${contentKey}`,
    contentKey,
    kind: d.target.kind,
    context: d.content.context,
    text: d.content.text,
    authorId: d.content.authorId,
    authorName: d.content.authorName,
    decision: d.decision,
    reason: d.reason,
    deciderId: d.decider.userId,
    deciderName: d.decider.name,
    decidedAt: d.at,
    reportCount: kase.reportCount,
    reasons: kase.reasons,
    held: true,
  };
  return {
    entry,
    writes: {
      moderationCase: moderationCases.transactUpdate(
        {
          communityId: d.communityId,
          contentKey,
          status: d.decision === 'restore' ? 'restored' : 'removed',
          hidden: false,
          decidedAt: d.at,
        },
        { condition: { attr: 'status', eq: 'open' } },
      ),
      moderationQueue: moderationQueueEntries.transactDelete({ communityId: d.communityId, contentKey }),
      moderationLog: moderationLogEntries.transactPut(
        { ...entry, ...authorIndexOf(entry.authorId, entry.decidedAt) },
        { condition: { attr: 'entryId', exists: false } },
      ),
    },
  };
}
