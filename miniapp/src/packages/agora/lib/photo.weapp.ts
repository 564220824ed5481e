import Taro from '@tarojs/taro';
import { ApiFailure } from '@/api/failure';
import type { Photo } from './photoTypes';

/** Takes or picks one photo of the signed paper ballot (compressed by WeChat). */
export async function pickPhoto(): Promise<Photo | undefined> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const file = res.tempFiles[0];
    if (!file) return undefined;
    return {
      source: file.path,
      size: file.size,
      contentType: /\.png$/i.test(file.path) ? 'image/png' : 'image/jpeg',
      preview: file.path,
    };
  } catch {
    return undefined; // cancelled
  }
}

/** wx.uploadFile sends the policy fields before the file, as a presigned S3 POST requires. */
export async function uploadPhoto(
  target: { url: string; fields: Record<string, string> },
  photo: Photo,
): Promise<void> {
  let status: number;
  try {
    status = (
      await Taro.uploadFile({
        url: target.url,
        filePath: photo.source as string,
        name: 'file',
        formData: target.fields,
      })
    ).statusCode;
  } catch {
    throw ApiFailure.network();
  }
  if (status < 200 || status >= 300) throw new ApiFailure(status, 'UPLOAD_FAILED', '照片上传失败，请重新拍照');
}
