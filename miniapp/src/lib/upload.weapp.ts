import Taro from '@tarojs/taro';
import { ApiFailure } from '@/api/failure';
import type { UploadableFile } from './uploadableFile';

/** wx.uploadFile sends `formData` before the file part, which is the order a presigned S3 POST needs. */
export async function uploadToPresignedPost(
  target: { url: string; fields: Record<string, string> },
  file: UploadableFile,
): Promise<void> {
  let status: number;
  try {
    const res = await Taro.uploadFile({
      url: target.url,
      filePath: file.source as string,
      name: 'file',
      formData: target.fields,
    });
    status = res.statusCode;
  } catch {
    throw ApiFailure.network();
  }
  if (status < 200 || status >= 300) {
    throw new ApiFailure(
      status,
      'UPLOAD_FAILED',
      status === 400 || status === 403 ? '文件不符合要求或上传链接已过期，请重新选择' : '文件上传失败，请重试',
    );
  }
}
