import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { id, mobile, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { BALLOT_KINDS } from './ballot';
import { MAX_OPTIONS, PAPER_PHOTO_MAX_BYTES, PAPER_PHOTO_TYPES, VOTE_CHANNELS } from './channels';

/**
 * 书面委托 (民法典第278条 owners' votes): an owner names a proxy for one vote with a photo of the signed
 * 授权委托书; the committee confirms or rejects the document; the proxy casts the owner's ballot. Served by
 * the small `ownerProxies` Lambda (functions/src/agora/ownerProxies/), not the 议事厅 one.
 */
export const OWNER_PROXY_STATES = ['pending', 'confirmed', 'rejected', 'revoked'] as const;
export type OwnerProxyState = (typeof OWNER_PROXY_STATES)[number];
/** What a proxy's 委托码 looks like: 8 symbols without 0/O/1/I, so it can be read out and typed back. */
export const PROXY_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/;

const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });
const proxyParams = z.strictObject({ communityId: id('社区'), topicId: id('议题'), ownerId: id('业主') });
const requestId = id('请求编号');
const choices = z.array(id('选项')).check(z.maxLength(MAX_OPTIONS), z.meta({ title: '选择' }));
/** A key the proxies' upload form handed out (agora/proxy/<community>/<topic>/<uploader>/<id>.<ext>). */
const uploadKey = (title: string) =>
  z.string(zh(title)).check(z.maxLength(300), z.regex(/^agora\/proxy\/[\w./-]+$/), z.meta({ title }));

export const ownerProxyView = z.object({
  topicId: z.string(),
  ownerId: z.string(),
  /** Each nomination is its own record: a rejected or revoked one stays, and a new one gets a new id. */
  nominationId: z.string(),
  ownerLabel: z.string(),
  /** The resident who named the proxy for the owner. */
  namedByName: z.string(),
  proxyName: z.string(),
  /** Masked (138****5678) for everyone but the committee. */
  proxyPhone: z.string(),
  /** Whether the proxy has linked their Linli account with the 委托码 (else the committee records for them). */
  onApp: z.boolean(),
  /**
   * The 委托码, only in the answer to the nomination (the table keeps its HMAC, never the code): the owner
   * writes it down or passes it on then; a lost code is replaced by revoking and naming again.
   */
  code: z.optional(z.string()),
  state: z.enum(OWNER_PROXY_STATES),
  note: z.optional(z.string()),
  reviewedByName: z.optional(z.string()),
  reviewedAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  createdAt: z.string(),
  /** A ballot was cast for the owner through this proxy (never which). */
  used: z.boolean(),
  usedAt: z.optional(z.string()),
  /** Short-lived link to the signed 授权委托书 (the owner and the committee). */
  documentUrl: z.optional(z.string()),
});
export type OwnerProxyView = z.output<typeof ownerProxyView>;

const uploadForm = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: z.string(),
});

const pollInfo = z.object({
  topicId: z.string(),
  title: z.string(),
  open: z.boolean(),
  closesAt: z.optional(z.string()),
  secrecy: z.enum(['secret', 'open']),
  ballot: z.object({
    kind: z.enum(BALLOT_KINDS),
    options: z.array(z.object({ optionId: z.string(), label: z.string() })),
    maxChoices: z.number(),
  }),
});

export const ownerProxyRoutes = {
  mine: defineRoute({
    id: 'ownerProxies.mine',
    method: 'GET',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/mine',
    summary: '我的委托投票：我代表的业主与其委托',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT'] },
    params: topicParams,
    response: z.object({
      poll: pollInfo,
      seats: z.array(
        z.object({
          ownerId: z.string(),
          label: z.string(),
          voted: z.boolean(),
          channel: z.optional(z.enum(VOTE_CHANNELS)),
          proxy: z.optional(ownerProxyView),
        }),
      ),
    }),
  }),
  createUpload: defineRoute({
    id: 'ownerProxies.createUpload',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/uploads',
    summary: '授权委托书或受托人选票照片上传表单',
    access: roles(['resident', ...COMMITTEE]),
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN'] },
    params: topicParams,
    body: z.strictObject({
      contentType: z.enum(PAPER_PHOTO_TYPES).check(z.meta({ title: '图片类型' })),
      size: z
        .number(zh('图片大小'))
        .check(z.int(), z.gte(1), z.lte(PAPER_PHOTO_MAX_BYTES), z.meta({ title: '图片大小' })),
    }),
    response: uploadForm,
  }),
  name: defineRoute({
    id: 'ownerProxies.name',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies',
    summary: '业主书面委托他人代为表决',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'ALREADY_VOTED'], forbidden: true },
    params: topicParams,
    body: z.strictObject({
      ownerId: id('业主'),
      proxyName: text('受托人姓名', { max: 20 }),
      proxyPhone: mobile('受托人手机号'),
      documentKey: uploadKey('授权委托书照片'),
    }),
    response: ownerProxyView,
  }),
  revoke: defineRoute({
    id: 'ownerProxies.revoke',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies/{ownerId}/revocation',
    summary: '撤销委托（投票前）',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'ALREADY_VOTED'], forbidden: true },
    params: proxyParams,
    response: ownerProxyView,
    successStatus: 200,
  }),
  claim: defineRoute({
    id: 'ownerProxies.claim',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/claims',
    summary: '受托人凭委托码接受委托',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: z.strictObject({ communityId: id('社区') }),
    body: z.strictObject({
      code: z.pipe(
        z.pipe(
          z.string(zh('委托码')),
          z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
        ),
        z.string(zh('委托码')).check(z.regex(PROXY_CODE_PATTERN), z.meta({ title: '委托码' })),
      ),
    }),
    response: ownerProxyView,
    successStatus: 200,
  }),
  forMe: defineRoute({
    id: 'ownerProxies.forMe',
    method: 'GET',
    path: '/communities/{communityId}/owner-proxies/for-me',
    summary: '我受托代为表决的业主',
    access: roles(['resident']),
    params: z.strictObject({ communityId: id('社区') }),
    response: z.object({ items: z.array(z.object({ poll: pollInfo, proxy: ownerProxyView })) }),
  }),
  cast: defineRoute({
    id: 'ownerProxies.cast',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies/{ownerId}/ballots',
    summary: '受托人代业主投票，返回核验码',
    access: roles(['resident']),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'VOTE_CONFLICT', 'ALREADY_VOTED'] },
    params: proxyParams,
    body: z.strictObject({ choices, requestId }),
    response: z.object({ receipt: z.string(), changed: z.boolean() }),
  }),
  list: defineRoute({
    id: 'ownerProxies.list',
    method: 'GET',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies',
    summary: '本次表决的书面委托',
    access: roles(COMMITTEE),
    params: topicParams,
    response: z.object({
      items: z.array(ownerProxyView),
      summary: z.object({
        named: z.number(),
        pending: z.number(),
        confirmed: z.number(),
        rejected: z.number(),
        revoked: z.number(),
        /** Ballots cast through a proxy (by the proxy or recorded for them). */
        used: z.number(),
      }),
    }),
  }),
  review: defineRoute({
    id: 'ownerProxies.review',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies/{ownerId}/review',
    summary: '居委会核验授权委托书',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll', id: 'topicId' },
    answers: { conflicts: ['CONFLICT'] },
    params: proxyParams,
    body: z
      .strictObject({
        decision: z.enum(['confirm', 'reject']).check(z.meta({ title: '核验结果' })),
        /** The nomination the committee looked at: a 409 if the owner revoked it and named another since. */
        nominationId: z.optional(id('委托编号')),
        note: z.optional(text('说明', { max: 200 })),
      })
      .check(z.refine((b) => b.decision !== 'reject' || !!b.note, { error: '退回时请说明原因', path: ['note'] })),
    response: ownerProxyView,
    successStatus: 200,
  }),
  recordAssisted: defineRoute({
    id: 'ownerProxies.recordAssisted',
    method: 'POST',
    path: '/communities/{communityId}/owner-proxies/topics/{topicId}/proxies/{ownerId}/assisted-ballots',
    summary: '代录受托人的签字选票',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll', id: 'topicId' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'VOTE_CONFLICT', 'ALREADY_VOTED'] },
    params: proxyParams,
    body: z.strictObject({ choices, photoKey: uploadKey('选票照片'), requestId }),
    response: z.object({ receipt: z.string(), changed: z.boolean() }),
  }),
};

/** One owners' vote a proxy may cast (我受托的表决), with its ballot. */
export type HeldProxyView = z.output<typeof ownerProxyRoutes.forMe.response>['items'][number];
