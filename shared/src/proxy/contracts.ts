import * as z from 'zod/mini';
import { defineRoute, roles, SIGNED_IN } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { PROXY_ACTION_IDS, PROXY_BASES } from './rules';

const communityParams = z.strictObject({ communityId: id('社区') });

/** Someone the caller may act for, with why. */
export const proxyCandidateView = z.object({
  userId: z.string(),
  name: z.string(),
  unitLabel: z.string(),
  basis: z.enum(PROXY_BASES),
  /** The resident switched 代办 off: listed, but a session cannot start. */
  switchedOff: z.boolean(),
});

/** An open 代办 session; `header` goes into `x-linli-acting-for` on each request made for her. */
export const proxySessionView = z.object({
  proxySessionId: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  communityId: z.string(),
  reason: z.string(),
  basis: z.enum(PROXY_BASES),
  startedAt: z.string(),
  expiresAt: z.string(),
  header: z.string(),
});
export type ProxySessionView = z.output<typeof proxySessionView>;

/** One thing done in a resident's name (the audit entry both she and the committee see). */
export const proxyRecordView = z.object({
  recordId: z.string(),
  communityId: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  basis: z.enum(PROXY_BASES),
  reason: z.string(),
  /** What was done: a route id of PROXY_ACTIONS, or the session's start and end. */
  action: z.enum([...PROXY_ACTION_IDS, 'started', 'ended']),
  actionLabel: z.string(),
  /** The object acted on (诉求 number, activity, order, topic), in words. */
  object: z.string(),
  at: z.string(),
});
export type ProxyRecordView = z.output<typeof proxyRecordView>;

export const proxyRecordPage = z.object({ items: z.array(proxyRecordView), nextCursor: z.optional(z.string()) });

export const myProxyView = z.object({
  /** Whether others may act for me (on unless I switched it off). */
  enabled: z.boolean(),
  records: z.array(proxyRecordView),
});
export type MyProxyView = z.output<typeof myProxyView>;

export const proxyRoutes = {
  candidates: defineRoute({
    id: 'proxy.candidates',
    method: 'GET',
    path: '/communities/{communityId}/proxy/residents',
    summary: '亲情代办：我可以为哪些居民代办（本楼、本网格或同户家人）',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({ items: z.array(proxyCandidateView) }),
  }),
  start: defineRoute({
    id: 'proxy.start',
    method: 'POST',
    path: '/communities/{communityId}/proxy/sessions',
    summary: '开始亲情代办（写明原因；30 分钟后自动结束）',
    access: roles(MEMBERS),
    answers: { forbidden: true, notFound: true, conflicts: ['CONFLICT'] },
    params: communityParams,
    body: z.strictObject({
      residentId: id('居民'),
      reason: text('代办原因', { min: 2, max: 100 }),
    }),
    response: proxySessionView,
  }),
  end: defineRoute({
    id: 'proxy.end',
    method: 'DELETE',
    path: '/communities/{communityId}/proxy/residents/{residentId}/sessions/{proxySessionId}',
    summary: '结束亲情代办',
    access: roles(MEMBERS),
    answers: { forbidden: true },
    params: z.strictObject({ communityId: id('社区'), residentId: id('居民'), proxySessionId: id('代办') }),
    response: z.object({ ended: z.boolean() }),
  }),
  communityRecords: defineRoute({
    id: 'proxy.communityRecords',
    method: 'GET',
    path: '/communities/{communityId}/proxy/records',
    summary: '亲情代办记录（居委会查看）',
    access: roles([...COMMITTEE, 'street']),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: proxyRecordPage,
  }),
  mine: defineRoute({
    id: 'proxy.mine',
    method: 'GET',
    path: '/proxy/me',
    summary: '我的代办记录与开关',
    access: SIGNED_IN,
    response: myProxyView,
  }),
  setEnabled: defineRoute({
    id: 'proxy.setEnabled',
    method: 'PUT',
    path: '/proxy/me',
    summary: '开启或关闭亲情代办（关闭后正在进行的代办立即结束）',
    access: SIGNED_IN,
    body: z.strictObject({ enabled: z.boolean(zh('是否允许代办')).check(z.meta({ title: '是否允许代办' })) }),
    response: z.object({ enabled: z.boolean() }),
    successStatus: 200,
  }),
};
