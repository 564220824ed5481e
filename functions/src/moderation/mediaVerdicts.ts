import { grievances } from '../db/entities/grievance';
import { mediaChecks } from '../db/entities/mediaCheck';
import { isConditionFailure, unavailable } from '../http/errors';
import { logger } from '../commons/logger';

/**
 * Applies WeChat's verdict on an image (wxa_media_check) to the photo it judged. Until then the photo
 * is 审核中 to everyone but its uploader; a risky one never shows to anyone else. Applying the same
 * verdict twice changes nothing, so WeChat's retries are harmless.
 */
export async function applyMediaVerdict(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<'applied' | 'gone'> {
  const { Item: check } = await mediaChecks.get({ traceId }, { consistent: true });
  // The push can overtake the write of its trace id (WeChat answers in seconds): ask WeChat to push again.
  if (!check) throw unavailable();
  try {
    await grievances.update(
      { communityId: check.communityId, grievanceId: check.grievanceId, photos: { [check.photoId]: { check: suggest } } },
      { condition: { attr: `photos.${check.photoId}.key`, exists: true } },
    );
    return 'applied';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    logger.warn('media verdict for a photo that is gone', { traceId });
    return 'gone';
  }
}
