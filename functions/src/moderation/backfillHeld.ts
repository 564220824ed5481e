import { grievances, type GrievanceItem } from '../db/entities/grievance';
import { grievanceMessages } from '../db/entities/grievanceMessage';
import type { GrievanceReviewItem } from '../db/entities/grievanceReview';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { isConditionFailure } from '../db/errors';
import { grievances as grievanceQueries } from '../db/registries/grievances';
import { transact } from '../db/transactions';
import { heldContentOf, heldTargetOf, targetOf } from '../grievances/review';
import { heldContentWrites } from './held';

/**
 * 诉求 content WeChat held before 内容审核 served it has a 待人工复核 marker but no moderation case:
 * this puts the case and the queue marker for each such item still under review, with the marker's
 * time (so it takes its place, oldest first). Idempotent: the case is put on the condition that none
 * exists, so a second run — or an item decided or queued since — changes nothing. Reads the community's
 * review queue (an indexed query, DATA.md G-pattern `reviewQueue`), never a Scan.
 * Run per community: `npm run admin -- backfill-held --stage <stage> --community <id>`.
 */
export async function backfillHeldGrievanceContent({
  communityId,
}: {
  communityId: string;
}): Promise<{ queued: number; skipped: number }> {
  let queued = 0;
  let skipped = 0;
  let cursor: string | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await grievanceQueries.query
      .reviewQueue({ communityId, page: { limit: 100, start: decodeCursor(cursor) } })
      .send();
    for (const marker of Items as GrievanceReviewItem[]) {
      if (await queueOne(communityId, marker)) queued++;
      else skipped++;
    }
    cursor = encodeCursor(LastEvaluatedKey);
  } while (cursor);
  return { queued, skipped };
}

async function queueOne(communityId: string, marker: GrievanceReviewItem): Promise<boolean> {
  const part = targetOf(marker.target);
  const { Item: c } = await grievances.get({ communityId, grievanceId: marker.grievanceId }, { consistent: true });
  if (!c) return false;
  const messages =
    part.kind === 'message'
      ? [(await grievanceMessages.get({ communityId, grievanceId: c.grievanceId, messageId: part.messageId })).Item]
      : [];
  const content = heldContentOf({ grievance: c as GrievanceItem, messages: messages.filter((m) => !!m) }, part);
  if (content?.check !== 'review') return false;
  try {
    await transact(
      heldContentWrites(communityId, heldTargetOf(c.grievanceId, part), content.authorId, marker.flaggedAt, {
        ifAbsent: true,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
