import { addDays, GRIEVANCE_PHOTO_TYPES, MAX_PHOTO_BYTES, stableHash, type GrievancePhotoType } from '@linli/shared';
import { grievances, type GrievanceItem } from '../db/entities/grievance';
import { mediaChecks } from '../db/entities/mediaCheck';
import { epochSeconds } from '../commons/clock';
import { ulid } from '../commons/ids';
import { logger } from '../commons/logger';
import { presignDownload, presignUpload, verifyUpload } from '../media/storage';
import type { ContentChecker } from './contentCheck';

/** Each uploader writes under their own prefix; a key from anyone else's prefix is refused. */
const photoPrefix = (communityId: string, userId: string) => `grievances/${communityId}/${userId}/`;

/** Keeps a readable hint of the phone's file name in the key (ASCII only). */
function slugOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').toLowerCase();
  return stem
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
}

/** A presigned POST for one photo: jpeg/png/webp, ≤ 10 MB, under the uploader's prefix. */
export function createPhotoUpload({
  userId,
  communityId,
  input,
  now,
}: {
  userId: string;
  communityId: string;
  input: { fileName: string; contentType: GrievancePhotoType; size: number };
  now: Date;
}) {
  const slug = slugOf(input.fileName);
  const key = `${photoPrefix(communityId, userId)}${ulid(now.getTime())}${slug ? `-${slug}` : ''}.${GRIEVANCE_PHOTO_TYPES[input.contentType]}`;
  return presignUpload({ key, contentType: input.contentType, maxBytes: MAX_PHOTO_BYTES, now });
}

export const photoIdOf = (key: string) => `p${stableHash(key).slice(0, 14)}`;

export type NewPhoto = { photoId: string; key: string; role: 'report' | 'resolution'; by: string; at: string };

/**
 * Checks the uploads exist under the uploader's own prefix with an image type and size within bounds
 * (the local S3 does not enforce POST policies, so this is where they hold), and names them.
 */
export async function acceptPhotos(
  keys: string[],
  args: { communityId: string; userId: string; role: NewPhoto['role']; now: Date },
): Promise<NewPhoto[]> {
  await Promise.all(
    keys.map((key) =>
      verifyUpload({
        key,
        ownPrefix: photoPrefix(args.communityId, args.userId),
        contentTypes: Object.keys(GRIEVANCE_PHOTO_TYPES),
        maxBytes: MAX_PHOTO_BYTES,
      }),
    ),
  );
  return keys.map((key) => ({
    photoId: photoIdOf(key),
    key,
    role: args.role,
    by: args.userId,
    at: args.now.toISOString(),
  }));
}

/** The photo map entries of new photos: unchecked until WeChat's verdict arrives. */
export const pendingPhotos = (photos: NewPhoto[]) =>
  Object.fromEntries(
    photos.map((p) => [p.photoId, { key: p.key, role: p.role, check: 'pending' as const, by: p.by, at: p.at }]),
  );

const CHECK_RECORD_DAYS = 30;

/**
 * Asks WeChat to check each photo still pending without a check in flight, and records each trace id
 * so the verdict's push can find its photo. Failures are logged and left for the sweep to retry.
 */
export async function startPhotoChecks(
  { grievance: g, openid, now }: { grievance: GrievanceItem; openid: string | undefined; now: Date },
  { checker }: { checker: ContentChecker },
): Promise<void> {
  const waiting = Object.entries(g.photos).filter(([, p]) => p.check === 'pending' && !p.traceId);
  await Promise.all(
    waiting.map(async ([photoId, p]) => {
      try {
        const { url } = await presignDownload(p.key, now);
        const traceId = await checker.startImageCheck({ openid, url });
        await mediaChecks.put({
          traceId,
          subject: 'grievancePhoto',
          communityId: g.communityId,
          grievanceId: g.grievanceId,
          photoId,
          startedAt: now.toISOString(),
          ttl: epochSeconds(addDays(now, CHECK_RECORD_DAYS)),
        });
        await grievances.update(
          { communityId: g.communityId, grievanceId: g.grievanceId, photos: { [photoId]: { traceId } } },
          { condition: { attr: `photos.${photoId}.key`, exists: true } },
        );
      } catch (error) {
        logger.warn('photo check not started', { grievanceId: g.grievanceId, photoId, error: (error as Error).name });
      }
    }),
  );
}
