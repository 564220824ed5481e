import type { S3Client } from '@aws-sdk/client-s3';
import { config } from '../commons/config';
import { badRequest } from '../http/errors';

const local = config.s3Endpoint !== undefined;

/**
 * The S3 SDK and one client per container, loaded on first use rather than at init: most invocations of
 * the Lambdas that import this never touch a file, and client-s3 with its presigners more than doubles the
 * AWS SDK's share of a cold start (`npm run bench -- lambdas`, column "AWS SDK at init").
 */
let loaded: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> | undefined;
function s3() {
  loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
    sdk,
    // Path-style on the local S3-compatible server.
    client: new sdk.S3Client({
      region: config.region,
      ...(local
        ? {
            endpoint: config.s3Endpoint,
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          }
        : {}),
    }),
  }));
  return loaded;
}

const UPLOAD_SECONDS = 300;
const DOWNLOAD_SECONDS = 600;

/**
 * A presigned browser/mini-program POST (wx.uploadFile sends exactly this multipart form). S3 itself
 * enforces the policy on AWS: the exact key, the content type and the size range.
 */
export async function presignUpload(args: { key: string; contentType: string; maxBytes: number; now: Date }) {
  const [{ client }, { createPresignedPost }] = await Promise.all([s3(), import('@aws-sdk/s3-presigned-post')]);
  const { url, fields } = await createPresignedPost(client, {
    Bucket: config.mediaBucket,
    Key: args.key,
    Conditions: [
      ['content-length-range', 1, args.maxBytes],
      ['eq', '$Content-Type', args.contentType],
    ],
    Fields: { 'Content-Type': args.contentType },
    Expires: UPLOAD_SECONDS,
  });
  return { url, fields, key: args.key, expiresAt: new Date(args.now.getTime() + UPLOAD_SECONDS * 1000).toISOString() };
}

/**
 * Checks an uploaded object before using it: it must exist under the uploader's own prefix, with
 * the declared type and within the size limit. This repeats S3's policy check on our side, so it
 * also holds where the storage does not enforce POST policies (the local S3 stand-in).
 */
export async function verifyUpload(args: {
  key: string;
  ownPrefix: string;
  contentTypes: readonly string[];
  maxBytes: number;
}) {
  if (!args.key.startsWith(args.ownPrefix) || args.key.includes('..')) throw badRequest('文件不属于当前账号');
  const { sdk, client } = await s3();
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: config.mediaBucket, Key: args.key }));
    const type = (head.ContentType ?? '').split(';')[0]?.trim() ?? '';
    if (!args.contentTypes.includes(type)) throw badRequest('文件类型不受支持');
    if ((head.ContentLength ?? 0) > args.maxBytes || (head.ContentLength ?? 0) === 0)
      throw badRequest('文件大小不符合要求');
    return { etag: head.ETag ?? '', size: head.ContentLength ?? 0, contentType: type };
  } catch (error) {
    if (
      (error as { name?: string }).name === 'NotFound' ||
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
    )
      throw badRequest('文件尚未上传成功，请重新上传');
    throw error;
  }
}

export async function readObject(key: string): Promise<{ body: Buffer; etag: string }> {
  const { sdk, client } = await s3();
  const out = await client.send(new sdk.GetObjectCommand({ Bucket: config.mediaBucket, Key: key }));
  const body = Buffer.from(await out.Body!.transformToByteArray());
  return { body, etag: out.ETag ?? '' };
}

export async function writeObject(key: string, body: Buffer | string, contentType: string, downloadName?: string) {
  const { sdk, client } = await s3();
  await client.send(
    new sdk.PutObjectCommand({
      Bucket: config.mediaBucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      ...(downloadName
        ? { ContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}` }
        : {}),
    }),
  );
}

/** A short-lived link to read a private object; only handed to callers already authorised for it. */
export async function presignDownload(key: string, now: Date) {
  const [{ sdk, client }, { getSignedUrl }] = await Promise.all([s3(), import('@aws-sdk/s3-request-presigner')]);
  const url = await getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: config.mediaBucket, Key: key }), {
    expiresIn: DOWNLOAD_SECONDS,
  });
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_SECONDS * 1000).toISOString() };
}
