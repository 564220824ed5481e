import { createHash } from 'node:crypto';
import { type GrievanceDetail, type SubmitBody, grievanceRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { apiUrl, call, raw } from './http';

export const C = DEMO_COMMUNITY_ID;
/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;

/** A few bytes with a JPEG header: storage and the checks judge the declared type and size, not pixels. */
export const JPEG = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...Array.from({ length: 200 }, (_, i) => i % 256),
  0xff,
  0xd9,
]);

/** Uploads a photo the way the mini-program does: ask for a presigned form, then POST the file to storage. */
export async function uploadPhoto(
  token: string,
  fileName = 'photo.jpg',
  opts: { bytes?: Buffer; sendType?: string } = {},
): Promise<string> {
  const bytes = opts.bytes ?? JPEG;
  const target = await call(G.createPhotoUpload, {
    token,
    params: { communityId: C },
    body: { fileName, contentType: 'image/jpeg', size: bytes.length },
  });
  if (target.status !== 201) throw new Error(`presign failed: ${target.status} ${JSON.stringify(target.body)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(target.body.fields))
    form.append(k, k === 'Content-Type' && opts.sendType ? opts.sendType : v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: opts.sendType ?? 'image/jpeg' }), fileName);
  const res = await fetch(target.body.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return target.body.key;
}

let serial = 0;
export function newRequest(overrides: Partial<SubmitBody> = {}): SubmitBody {
  serial += 1;
  return {
    clientRequestId: `api${Date.now().toString(36)}${serial}${Math.random().toString(36).slice(2, 6)}`,
    category: 'repair',
    description: '楼道灯不亮，晚上上下楼很黑',
    location: { kind: 'building', buildingId: 'does-not-matter' },
    visibility: 'public',
    ...overrides,
  } as SubmitBody;
}

export async function submit(token: string, body: SubmitBody): Promise<GrievanceDetail> {
  const res = await call(G.submit, { token, params: { communityId: C }, body });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function detail(token: string, grievanceId: string) {
  return call(G.get, { token, params: { communityId: C, grievanceId } });
}

/** Polls the detail until `done` holds (content-check verdicts arrive asynchronously by push). */
export async function detailWhen(
  token: string,
  grievanceId: string,
  done: (d: GrievanceDetail) => boolean,
  timeoutMs = 15_000,
): Promise<GrievanceDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await detail(token, grievanceId);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`condition not reached: ${JSON.stringify(res.body).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs a push the way WeChat's 消息推送 does (the local Token is the stand-in's default). */
export function signedPushQuery(
  token = 'linli-local-push-token',
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = String(Math.floor(Math.random() * 1e9)),
) {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

export const push = (query: string, body: unknown) =>
  raw('POST', `/wechat/push?${query}`, { body: JSON.stringify(body) });
export const pushUrl = () => `${apiUrl()}/wechat/push`;
