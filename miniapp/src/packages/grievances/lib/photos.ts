import { useState } from 'react';
import {
  GRIEVANCE_PHOTO_TYPES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  type GrievancePhotoType,
  grievanceRoutes,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { uploadToPresignedPost } from '@/lib/upload';
import type { UploadableFile } from '@/lib/uploadableFile';

/** A photo the person chose, with what the picker knows of it. */
export interface ChosenPhoto extends UploadableFile {
  size: number;
  contentType: GrievancePhotoType;
  /** Something an <Image> can show before the upload ends: a temp path or an object URL. */
  preview: string;
}

/** The upload type for a file name, or undefined for anything but jpg/png/webp. */
export function photoTypeOf(name: string): GrievancePhotoType | undefined {
  const ext = name.toLowerCase().split('.').pop();
  const normalised = ext === 'jpeg' ? 'jpg' : ext;
  return (Object.keys(GRIEVANCE_PHOTO_TYPES) as GrievancePhotoType[]).find(
    (t) => GRIEVANCE_PHOTO_TYPES[t] === normalised,
  );
}

/** Why a chosen file cannot be used, in words a resident reads; undefined when it can. */
export function photoProblem(p: { name: string; size: number }): string | undefined {
  if (!photoTypeOf(p.name)) return '只能上传 jpg、png 或 webp 格式的照片';
  if (p.size > MAX_PHOTO_BYTES) return '照片不能超过 10 MB';
  return undefined;
}

export type UploadState = {
  id: string;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  key?: string;
  error?: string;
};

let seq = 0;

/**
 * Uploads chosen photos straight to storage through presigned forms, each on its own, so one slow
 * photo does not hold the others. At most nine per request.
 */
export function usePhotoUploads(communityId: string | undefined) {
  const [photos, setPhotos] = useState<UploadState[]>([]);
  const patch = (id: string, change: Partial<UploadState>) =>
    setPhotos((ps) => ps.map((p) => (p.id === id ? { ...p, ...change } : p)));

  const add = (chosen: ChosenPhoto[]) => {
    const room = MAX_PHOTOS - photos.length;
    for (const file of chosen.slice(0, room)) {
      const id = `photo${++seq}`;
      setPhotos((ps) => [...ps, { id, preview: file.preview, status: 'uploading' }]);
      void (async () => {
        try {
          const target = await call(grievanceRoutes.createPhotoUpload, {
            params: { communityId: communityId as string },
            body: { fileName: file.name, contentType: file.contentType, size: file.size },
          });
          await uploadToPresignedPost(target, file);
          patch(id, { status: 'done', key: target.key });
        } catch (e) {
          patch(id, { status: 'failed', error: messageOf(e) });
        }
      })();
    }
  };

  return {
    photos,
    room: MAX_PHOTOS - photos.length,
    add,
    remove: (id: string) => setPhotos((ps) => ps.filter((p) => p.id !== id)),
    uploading: photos.some((p) => p.status === 'uploading'),
    keys: photos.flatMap((p) => (p.status === 'done' && p.key ? [{ key: p.key }] : [])),
  };
}
