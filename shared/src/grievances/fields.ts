import * as z from 'zod/mini';
import { id } from '../validation/fields';
import { zh } from '../validation/messages';

/* Fields more than one 诉求 contract module uses (contracts.ts, stepContracts.ts): no routes here. */

/** Photos residents and handlers attach: jpeg/png/webp, at most 10 MB each and 9 per request. */
export const GRIEVANCE_PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type GrievancePhotoType = keyof typeof GRIEVANCE_PHOTO_TYPES;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 9;

export const caseParams = z.strictObject({ communityId: id('社区'), grievanceId: id('诉求') });
export const version = z.number(zh('版本')).check(z.int(), z.gte(1), z.meta({ title: '版本' }));
const photoKey = z.string(zh('照片')).check(z.minLength(1), z.maxLength(300), z.meta({ title: '照片' }));
export const photoList = z
  ._default(z.array(z.strictObject({ key: photoKey }), zh('照片')).check(z.maxLength(MAX_PHOTOS)), [])
  .check(
    z.refine((ps) => new Set(ps.map((p) => p.key)).size === ps.length, { error: '同一张照片只能添加一次' }),
    z.meta({ title: '照片' }),
  );
