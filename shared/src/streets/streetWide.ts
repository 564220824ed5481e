import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { requestIdSchema } from '../timebank/contracts';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { STREET_STAFF } from './contracts';

/*
 * The street office's street-wide actions (issue 15 §2): a notice to every household of the street or of
 * chosen communities, and the street's 通存通兑 audit. Apart from contracts.ts so only the street subpackage
 * carries them; served by their own Lambda (`streetWide`: notices and reach read the notification and roster
 * code, the audit the ledger's, which would take the onboarding Lambda past its 250 KB).
 */

const streetParams = z.strictObject({ streetId: id('街道') });

/** Chosen communities of the street; none = every community of the street. */
const communityIds = z.optional(
  z.array(id('社区')).check(z.maxLength(50, { error: '最多选择 50 个社区' }), z.meta({ title: '社区' })),
);

export const streetNoticePreviewView = z.object({
  households: z.number(),
  residents: z.number(),
  communities: z.array(
    z.object({ communityId: z.string(), name: z.string(), households: z.number(), residents: z.number() }),
  ),
});
export type StreetNoticePreview = z.output<typeof streetNoticePreviewView>;

const reachTotals = { households: z.number(), pushed: z.number(), opened: z.number(), neither: z.number() };

const sentNotice = {
  noticeId: z.string(),
  title: z.string(),
  body: z.string(),
  urgent: z.boolean(),
  createdAt: z.string(),
  senderLabel: z.string(),
};

/** What sending answers (the same to a retry): the notice and the community notice it became in each community. */
export const streetNoticeSentView = z.object({
  ...sentNotice,
  communities: z.array(z.object({ communityId: z.string(), name: z.string(), broadcastId: z.string() })),
});
export type StreetNoticeSent = z.output<typeof streetNoticeSentView>;

export const streetNoticeView = z.object({
  ...sentNotice,
  /** One community notice per addressed community, each with its own reach. */
  communities: z.array(
    z.object({
      communityId: z.string(),
      name: z.string(),
      broadcastId: z.string(),
      /** Residents addressed so far (grows while the dispatcher expands the audience). */
      recipients: z.number(),
      reads: z.number(),
    }),
  ),
});
export type StreetNoticeView = z.output<typeof streetNoticeView>;

export const streetNoticeReachView = z.object({
  noticeId: z.string(),
  title: z.string(),
  ...reachTotals,
  communities: z.array(z.object({ communityId: z.string(), name: z.string(), recipients: z.number(), ...reachTotals })),
});
export type StreetNoticeReach = z.output<typeof streetNoticeReachView>;

export const streetAuditView = z.object({
  checkedAt: z.string(),
  passed: z.boolean(),
  /** Sum of every settlement account in the street: 0 when the street is zero-sum. */
  settlementTotal: z.number(),
  mismatches: z.number(),
  belowZero: z.number(),
  unpaired: z.array(z.object({ a: z.string(), b: z.string(), ab: z.number(), ba: z.number() })),
  communities: z.array(
    z.object({
      communityId: z.string(),
      name: z.string(),
      passed: z.boolean(),
      mismatches: z.number(),
      belowZero: z.number(),
      /** What it owes the rest of the street in points (negative: is owed). */
      settlementNet: z.number(),
    }),
  ),
});
export type StreetAuditView = z.output<typeof streetAuditView>;

const noticeBody = z.strictObject({
  requestId: requestIdSchema,
  title: text('通知标题', { max: 40 }),
  body: text('通知内容', { max: 500, multiline: true }),
  communityIds,
  urgent: z.optional(z.boolean(zh('紧急通知')).check(z.meta({ title: '紧急通知' }))),
});

export const streetWideRoutes = {
  previewStreetNotice: defineRoute({
    id: 'streets.previewNotice',
    method: 'POST',
    path: '/streets/{streetId}/notices/preview',
    summary: '街道通知发送前预览：所选社区（默认全街道）会收到通知的户数和人数',
    access: roles(STREET_STAFF),
    staffLog: false, // counts the audience; writes nothing
    params: streetParams,
    body: z.strictObject({ communityIds }),
    response: streetNoticePreviewView,
    successStatus: 200,
    rateLimit: 'none',
  }),
  sendStreetNotice: defineRoute({
    id: 'streets.sendNotice',
    method: 'POST',
    path: '/streets/{streetId}/notices',
    summary: '向全街道或所选社区的全体居民发布通知（按社区逐一发送，各社区可查看触达）',
    access: roles(STREET_STAFF),
    // One entry in the log of each addressed community, naming that community's notice.
    staffLog: { object: 'broadcast' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: streetParams,
    body: noticeBody,
    response: streetNoticeSentView,
  }),
  listStreetNotices: defineRoute({
    id: 'streets.listNotices',
    method: 'GET',
    path: '/streets/{streetId}/notices',
    summary: '街道发布过的通知（最新在前），含各社区送达与已读人数',
    access: roles(STREET_STAFF),
    params: streetParams,
    response: z.object({ items: z.array(streetNoticeView) }),
  }),
  streetNoticeReach: defineRoute({
    id: 'streets.noticeReach',
    method: 'GET',
    path: '/streets/{streetId}/notices/{noticeId}/reach',
    summary: '街道通知的触达：各社区订阅消息送达、已读和未触达的户数',
    access: roles(STREET_STAFF),
    params: z.strictObject({ streetId: id('街道'), noticeId: id('通知') }),
    response: streetNoticeReachView,
  }),
  runStreetAudit: defineRoute({
    id: 'streets.runTimebankAudit',
    method: 'POST',
    path: '/streets/{streetId}/timebank/audits',
    summary: '街道对账：各社区账本对账，且通存通兑结算账户两两相抵（全街道零和）',
    access: roles(STREET_STAFF),
    staffLog: false, // 对账 reads the ledgers and reports; it changes no record
    params: streetParams,
    response: streetAuditView,
    successStatus: 200,
  }),
};
