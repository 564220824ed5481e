import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  BUDGET_PHOTO_MAX_BYTES,
  BUDGET_PHOTO_TYPES,
  MAX_PROJECT_PHOTOS,
  type BudgetPhotoType,
  budgetRoutes,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { uploadToPresignedPost } from '@/lib/upload';

export interface BudgetPhotoUpload {
  id: string;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  key?: string;
  error?: string;
}

const TYPE_BY_EXTENSION: Record<string, BudgetPhotoType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The upload type of a picked file: the browser's Blob type, else the weapp temp path's extension. */
function typeOf(path: string, blob?: Blob): BudgetPhotoType | undefined {
  if (blob?.type && blob.type in BUDGET_PHOTO_TYPES) return blob.type as BudgetPhotoType;
  return TYPE_BY_EXTENSION[path.toLowerCase().split('.').pop() ?? ''];
}

let seq = 0;

/**
 * Photos of a proposal or a monthly progress report, each uploaded on its own straight to storage through the round's presigned form
 * (as 诉求's photos are), at most six. `chooseImage` opens the album or camera in the weapp and a file
 * input in the browser.
 */
export function useBudgetPhotos(communityId: string, roundId: string) {
  const [photos, setPhotos] = useState<BudgetPhotoUpload[]>([]);
  const patch = (id: string, change: Partial<BudgetPhotoUpload>) =>
    setPhotos((ps) => ps.map((p) => (p.id === id ? { ...p, ...change } : p)));
  const room = MAX_PROJECT_PHOTOS - photos.length;

  const pick = async () => {
    let files: Taro.chooseImage.ImageFile[];
    try {
      files = (await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
        .tempFiles;
    } catch {
      return; // cancelled
    }
    for (const file of files.slice(0, room)) {
      const blob = (file as unknown as { originalFileObj?: Blob }).originalFileObj;
      const contentType = typeOf(file.path, blob);
      const id = `bphoto${++seq}`;
      const problem = !contentType
        ? '只能上传 jpg、png 或 webp 格式的照片'
        : file.size > BUDGET_PHOTO_MAX_BYTES
          ? '照片不能超过 10 MB'
          : undefined;
      if (problem) {
        void Taro.showToast({ title: problem, icon: 'none' });
        continue;
      }
      setPhotos((ps) => [...ps, { id, preview: file.path, status: 'uploading' }]);
      void (async () => {
        try {
          const target = await call(budgetRoutes.createPhotoUpload, {
            params: { communityId, roundId },
            body: { contentType: contentType!, size: file.size },
          });
          const name = `photo.${BUDGET_PHOTO_TYPES[contentType!]}`;
          await uploadToPresignedPost(target, { name, source: blob ?? file.path });
          patch(id, { status: 'done', key: target.key });
        } catch (e) {
          patch(id, { status: 'failed', error: messageOf(e) });
        }
      })();
    }
  };

  return {
    photos,
    room,
    pick,
    remove: (id: string) => setPhotos((ps) => ps.filter((p) => p.id !== id)),
    /** After a report is sent: the next one starts with no photos. */
    clear: () => setPhotos([]),
    uploading: photos.some((p) => p.status === 'uploading'),
    keys: photos.flatMap((p) => (p.status === 'done' && p.key ? [p.key] : [])),
  };
}
