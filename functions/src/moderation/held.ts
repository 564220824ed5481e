import { contentKeyOf, type ModerationTarget } from '@linli/shared';
import { moderationCases } from '../db/entities/moderationCase';
import { moderationQueueEntries } from '../db/entities/moderationQueueEntry';

/**
 * Content WeChat's check holds for a person's judgement joins the 内容审核 queue in the write that stores
 * it. Kept apart from the report service so the contexts that hold content import only these two writes.
 */
/** The case a held comment opens, with its queue marker: put in the same transaction as the comment. */
export function heldContentWrites(communityId: string, target: ModerationTarget, authorId: string, at: string) {
  const contentKey = contentKeyOf(target);
  return {
    moderationCase: moderationCases.transactPut({
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
    }),
    moderationQueue: moderationQueueEntries.transactPut({ communityId, contentKey, queuedAt: at }),
  };
}
