import { agoraRoutes, buildingIdOf, DAY_MS, ownerProxyRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as communityId } from '../../../devstack/seed/personas';
import { call } from './http';

let seq = 0;
export const proxyRid = () => `op${Date.now().toString(36)}${++seq}`;

/** An owners' vote (民法典278 ordinary matters) over 3栋, opened now by 孙主任; 王阿姨 and 张楼长 own flats there. */
export async function openOwnersPoll(sunToken: string, title = `业主表决${proxyRid()}`): Promise<string> {
  const res = await call(agoraRoutes.createTopic, {
    token: sunToken,
    params: { communityId },
    body: {
      title,
      description: '3栋全体业主共同决定',
      requestId: proxyRid(),
      vote: {
        scope: { kind: 'buildings', buildingIds: [buildingIdOf(communityId, '3栋')] },
        basis: 'owners',
        preset: 'ownersOrdinary',
        ballot: { kind: 'approve' },
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 2 * DAY_MS).toISOString(),
      },
    },
  });
  if (res.status !== 201) throw new Error(`owners' poll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.topicId;
}

/** A photo uploaded through the proxies' presigned POST (the signed 授权委托书, or a proxy's signed ballot). */
export async function uploadProxyPhoto(token: string, topicId: string): Promise<string> {
  const presign = await call(ownerProxyRoutes.createUpload, {
    token,
    params: { communityId, topicId },
    body: { contentType: 'image/png', size: 68 },
  });
  if (presign.status !== 201) throw new Error(`upload form: ${presign.status} ${JSON.stringify(presign.body)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(presign.body.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.alloc(68, 1)], { type: 'image/png' }), 'proxy.png');
  const put = await fetch(presign.body.url, { method: 'POST', body: form });
  if (put.status >= 300) throw new Error(`photo upload: ${put.status}`);
  return presign.body.key;
}

/** The owner's first owner seat in the poll, as their 委托投票 page lists it. */
export async function ownerIdOf(token: string, topicId: string): Promise<string> {
  const mine = await call(ownerProxyRoutes.mine, { token, params: { communityId, topicId } });
  if (mine.status !== 200 || !mine.body.seats[0]) throw new Error(`owner seats: ${mine.status}`);
  return mine.body.seats[0].ownerId;
}

/**
 * An owner names a proxy with the document, the proxy links their account with the 委托码 (unless `offline`),
 * and 孙主任 confirms: the state a proxy casts in.
 */
export async function confirmedProxy(
  tokens: { owner: string; proxy?: string; sun: string },
  topicId: string,
  proxy = { proxyName: '小李', proxyPhone: '13912345678' },
) {
  const ownerId = await ownerIdOf(tokens.owner, topicId);
  const named = await call(ownerProxyRoutes.name, {
    token: tokens.owner,
    params: { communityId, topicId },
    body: { ownerId, ...proxy, documentKey: await uploadProxyPhoto(tokens.owner, topicId) },
  });
  if (named.status !== 201) throw new Error(`name: ${named.status} ${JSON.stringify(named.body)}`);
  if (tokens.proxy) {
    const claimed = await call(ownerProxyRoutes.claim, {
      token: tokens.proxy,
      params: { communityId },
      body: { code: named.body.code! },
    });
    if (claimed.status !== 200) throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`);
  }
  const confirmed = await call(ownerProxyRoutes.review, {
    token: tokens.sun,
    params: { communityId, topicId, ownerId },
    body: { decision: 'confirm' },
  });
  if (confirmed.status !== 200) throw new Error(`review: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { ownerId, named: named.body, confirmed };
}
