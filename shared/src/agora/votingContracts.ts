import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { MAX_OPTIONS, PAPER_PHOTO_MAX_BYTES, PAPER_PHOTO_TYPES, PAPER_RECORDERS, VOTE_CHANNELS } from './channels';
import { resultView } from './resultView';

/*
 * 议事厅's voting and counting routes: casting, 核验, 纸质票代录, the households' voted list, cross-channel
 * conflicts, 复核计票 and the export. Served by their own Lambda (`agoraVoting`): none of them answers with a
 * topic's page, so it carries neither topic creation nor the 诉求 link; the mini-program calls them through
 * `agoraRoutes` (routes.ts) like the rest.
 */

const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });

/**
 * A 核验码 as a person types it back: spaces, hyphens and lower case are fine ("abcd efgh jkmn" is ABCDEFGHJKMN),
 * so a code read aloud or copied with its gaps still finds its ballot.
 */
export const receiptCode = (title = '核验码') => {
  const normalised = z.pipe(
    z.string(zh(title)),
    z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
  );
  const valid = z.string(zh(title)).check(z.regex(/^[0-9A-Z]{12}$/), z.meta({ title }));
  return z.pipe(normalised, valid).check(z.meta({ title }));
};

/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');

export const conflictView = z.object({
  conflictId: z.string(),
  voterLabel: z.string(),
  existing: z.object({
    channel: z.enum(VOTE_CHANNELS),
    byName: z.string(),
    at: z.string(),
    photoUrl: z.optional(z.string()),
  }),
  attempted: z.object({
    channel: z.enum(VOTE_CHANNELS),
    byName: z.string(),
    at: z.string(),
    photoUrl: z.optional(z.string()),
  }),
  status: z.enum(['open', 'kept', 'voided']),
  note: z.optional(z.string()),
  resolvedByName: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
});
export type ConflictView = z.output<typeof conflictView>;

/**
 * 核验: whether a receipt's ballot is in the box (during voting) or in the published count (after),
 * and when — never what it chose on a secret (无记名) ballot, so a receipt cannot prove a choice to
 * anyone. After close, the inclusion proof that the phone checks against `receiptRoot`.
 */
export const receiptCheckView = z.object({
  receipt: z.string(),
  secrecy: z.enum(['secret', 'open']),
  /** inBox: recorded, counted at close; counted: in the published result; notCounted: no such ballot (mistyped, changed or voided). */
  status: z.enum(['inBox', 'counted', 'notCounted']),
  /** inBox: when the count will be (the close); counted: when it was. */
  at: z.optional(z.string()),
  /** Open (实名) ballots only: the choice is public there anyway. */
  choices: z.optional(z.array(z.string())),
  proof: z.optional(
    z.object({
      leaf: z.string(),
      root: z.string(),
      steps: z.array(z.object({ side: z.enum(['left', 'right']), hash: z.string() })),
    }),
  ),
});
export type ReceiptCheckView = z.output<typeof receiptCheckView>;

/** The published ballot list: enough to recount, in an order that says nothing of who or when. */
export const publishedBallotView = z.object({
  /** Open (实名) ballots only. */
  receipt: z.optional(z.string()),
  choices: z.array(z.string()),
  heads: z.number(),
  /** ㎡, owners' polls only (the 278 area threshold is counted from it). */
  area: z.number(),
});

export const householdVoteView = z.object({
  unitId: z.string(),
  label: z.string(),
  buildingId: z.string(),
  voterKey: z.string(),
  /** Owners' polls: who the unit's vote belongs to (a multi-unit owner votes once for all their units). */
  voterLabel: z.string(),
  voted: z.boolean(),
  channel: z.optional(z.enum(VOTE_CHANNELS)),
});

export const agoraVotingRoutes = {
  castBallot: defineRoute({
    id: 'agora.castBallot',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/ballots',
    summary: '投票，返回核验码',
    access: roles(['resident']),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'VOTE_CONFLICT', 'ALREADY_VOTED'] },
    params: topicParams,
    body: z.strictObject({
      choices: z.array(id('选项')).check(z.maxLength(MAX_OPTIONS), z.meta({ title: '选择' })),
      voterKey: z.optional(id('投票身份')),
      requestId,
    }),
    response: z.object({ receipt: z.string(), changed: z.boolean() }),
  }),
  checkReceipt: defineRoute({
    id: 'agora.checkReceipt',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/receipts/{receipt}',
    summary: '凭核验码核验选票',
    access: roles(MEMBERS),
    params: z.strictObject({ communityId: id('社区'), topicId: id('议题'), receipt: receiptCode() }),
    response: receiptCheckView,
  }),
  createPaperUpload: defineRoute({
    id: 'agora.createPaperUpload',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/paper-ballots/uploads',
    summary: '纸质票照片上传表单',
    access: roles(PAPER_RECORDERS),
    staffLog: false, // an upload URL; the ballot is recorded by recordPaperBallot
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN'] },
    params: topicParams,
    body: z.strictObject({
      contentType: z.enum(PAPER_PHOTO_TYPES).check(z.meta({ title: '图片类型' })),
      size: z
        .number(zh('图片大小'))
        .check(z.int(), z.gte(1), z.lte(PAPER_PHOTO_MAX_BYTES), z.meta({ title: '图片大小' })),
    }),
    response: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      key: z.string(),
      expiresAt: z.string(),
    }),
  }),
  recordPaperBallot: defineRoute({
    id: 'agora.recordPaperBallot',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/paper-ballots',
    summary: '代录纸质票',
    access: roles(PAPER_RECORDERS),
    staffLog: { object: 'poll' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'VOTE_CONFLICT', 'ALREADY_VOTED'] },
    params: topicParams,
    body: z.strictObject({
      unitId: id('房屋'),
      choices: z.array(id('选项')).check(z.maxLength(MAX_OPTIONS), z.meta({ title: '选择' })),
      photoKey: z.string().check(z.minLength(1), z.maxLength(300), z.meta({ title: '选票照片' })),
      requestId,
    }),
    response: z.object({ receipt: z.string(), voterLabel: z.string() }),
  }),
  listHouseholds: defineRoute({
    id: 'agora.listHouseholds',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/households',
    summary: '各户是否已投票',
    access: roles(PAPER_RECORDERS),
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN'] },
    params: topicParams,
    query: z.object({ buildingId: id('楼栋') }),
    response: z.object({ items: z.array(householdVoteView) }),
  }),
  listConflicts: defineRoute({
    id: 'agora.listConflicts',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/conflicts',
    summary: '跨渠道冲突',
    access: roles(COMMITTEE),
    params: topicParams,
    response: z.object({ items: z.array(conflictView) }),
  }),
  resolveConflict: defineRoute({
    id: 'agora.resolveConflict',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/conflicts/{conflictId}/resolution',
    summary: '核实冲突',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll', id: 'conflictId' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), topicId: id('议题'), conflictId: id('冲突') }),
    body: z.strictObject({
      decision: z.enum(['keep', 'void']).check(z.meta({ title: '核实结果' })),
      note: text('核实说明', { max: 200 }),
    }),
    response: conflictView,
    successStatus: 200,
  }),
  recount: defineRoute({
    id: 'agora.recount',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/recount',
    summary: '从选票复核计票',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll' },
    answers: { conflicts: ['ILLEGAL_TRANSITION'] },
    params: topicParams,
    response: z.object({
      matches: z.boolean(),
      differences: z.array(z.string()),
      recountedAt: z.string(),
      ballots: z.number(),
    }),
    successStatus: 200,
  }),
  exportResult: defineRoute({
    id: 'agora.exportResult',
    method: 'GET',
    path: '/communities/{communityId}/agora/topics/{topicId}/export',
    summary: '导出结果与选票清单',
    access: roles(MEMBERS),
    answers: { conflicts: ['ILLEGAL_TRANSITION'] },
    params: topicParams,
    response: z.object({
      topicId: z.string(),
      title: z.string(),
      result: resultView,
      /** How the list is ordered: by a keyed hash of the receipt, never by time or by receipt. */
      order: z.string(),
      ballots: z.array(publishedBallotView),
    }),
  }),
};
