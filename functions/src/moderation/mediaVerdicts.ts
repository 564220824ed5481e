import { grievances } from '../db/entities/grievance';
import { transact } from '../db/transactions';
import { flagForReview } from '../grievances/review';
import { mediaChecks } from '../db/entities/mediaCheck';
import { unavailable } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { logger } from '../commons/logger';

/**
 * Applies WeChat's verdict on an image (wxa_media_check) to the photo it judged. Until then the photo
 * is 审核中 to everyone but its uploader; a risky one never shows to anyone else; a `review` one joins
 * the 待人工复核 queue in the same transaction. Applying the same verdict twice changes nothing, so
 * WeChat's retries are harmless, and a late push never undoes a reviewer's decision: the verdict
 * applies only to a photo still pending (or already carrying this verdict).
 */
export async function applyMediaVerdict(
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  now = new Date(),
): Promise<'applied' | 'gone'> {
  const { Item: check } = await mediaChecks.get({ traceId }, { consistent: true });
  // The push can overtake the write of its trace id (WeChat answers in seconds): ask WeChat to push again.
  if (!check) throw unavailable();
  try {
    await transact({
      photo: grievances.transactUpdate(
        {
          communityId: check.communityId,
          grievanceId: check.grievanceId,
          photos: { [check.photoId]: { check: suggest } },
        },
        {
          condition: {
            and: [
              { attr: `photos.${check.photoId}.key`, exists: true },
              { attr: `photos.${check.photoId}.check`, in: ['pending', suggest] },
            ],
          },
        },
      ),
      ...(suggest === 'review'
        ? flagForReview(
            check.communityId,
            check.grievanceId,
            { kind: 'photo', photoId: check.photoId },
            now.toISOString(),
          )
        : {}),
    });
    return 'applied';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    logger.warn('media verdict for a photo that is gone or already judged', { traceId });
    return 'gone';
  }
}
