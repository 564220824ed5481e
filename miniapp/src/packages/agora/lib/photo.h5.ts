import Taro from '@tarojs/taro';
import { ApiFailure } from '@/api/failure';
import type { Photo } from './photoTypes';

/** In the browser console: pick an image file (Taro's chooseImage gives a blob URL). */
export async function pickPhoto(): Promise<Photo | undefined> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const file = res.tempFiles[0];
    if (!file) return undefined;
    const blob =
      (file as unknown as { originalFileObj?: Blob }).originalFileObj ?? (await (await fetch(file.path)).blob());
    return {
      source: blob,
      size: blob.size,
      contentType: blob.type === 'image/png' ? 'image/png' : 'image/jpeg',
      preview: file.path,
    };
  } catch {
    return undefined;
  }
}

/** Posts the policy fields first, the file last (S3 ignores fields after the file). */
export async function uploadPhoto(
  target: { url: string; fields: Record<string, string> },
  photo: Photo,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', photo.source as Blob, photo.contentType === 'image/png' ? 'ballot.png' : 'ballot.jpg');
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', body: form });
  } catch {
    throw ApiFailure.network();
  }
  if (!res.ok) throw new ApiFailure(res.status, 'UPLOAD_FAILED', '照片上传失败，请重新选择');
}
