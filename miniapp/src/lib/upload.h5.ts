import { ApiFailure } from '@/api/failure';
import type { UploadableFile } from './uploadableFile';

/** Posts a file to a presigned S3 form: the policy fields first, the file last (S3 ignores fields after it). */
export async function uploadToPresignedPost(
  target: { url: string; fields: Record<string, string> },
  file: UploadableFile,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', file.source as Blob, file.name);
  let res: Response;
  try {
    res = await fetch(target.url, { method: 'POST', body: form });
  } catch {
    throw ApiFailure.network();
  }
  if (!res.ok)
    throw new ApiFailure(
      res.status,
      'UPLOAD_FAILED',
      res.status === 400 || res.status === 403 ? '文件不符合要求或上传链接已过期，请重新选择' : '文件上传失败，请重试',
    );
}
