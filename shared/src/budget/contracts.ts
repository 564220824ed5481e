import * as z from 'zod/mini';
import { defineRoute, PUBLIC, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { RATINGS } from '../grievances/lifecycle';
import { buildingsScopeSchema, communityScopeSchema, gridsScopeSchema } from '../agora/scopeSchemas';
import { MAX_BUDGET_YUAN } from './money';
import { PROJECT_STATUSES, ROUND_BASES, ROUND_PHASES, SCHEDULE_ORDER } from './phases';

/*
 * 民生微实事: participatory budget rounds. Routes live under /communities/{communityId}/budget and are
 * served by the `budget` Lambda; the accountability page is public (公开), everything else is for
 * members of the community, writes for residents or the committee as each route says.
 */

export const BUDGET_PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type BudgetPhotoType = keyof typeof BUDGET_PHOTO_TYPES;
export const BUDGET_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_PROJECT_PHOTOS = 6;
/** Duplicates merged into a project in one call: the merge is one transaction of at most 10 writes. */
export const MAX_MERGE = 8;

const communityParams = z.strictObject({ communityId: id('社区') });
const roundParams = z.strictObject({ communityId: id('社区'), roundId: id('预算轮次') });
const projectParams = z.strictObject({ communityId: id('社区'), roundId: id('预算轮次'), projectId: id('项目') });
/** Sent by the client once per user action, so a retried request is recognised rather than repeated. */
const requestId = id('请求编号');
const yuan = (title: string, min = 0) =>
  z.number(zh(title)).check(z.int(), z.gte(min), z.lte(MAX_BUDGET_YUAN), z.meta({ title }));
const photoKeys = z
  ._default(
    z
      .array(z.string(zh('照片')).check(z.minLength(1), z.maxLength(300)), zh('照片'))
      .check(z.maxLength(MAX_PROJECT_PHOTOS)),
    [],
  )
  .check(
    z.refine((keys) => new Set(keys).size === keys.length, { error: '同一张照片只能添加一次' }),
    z.meta({ title: '照片' }),
  );

/** Who a round is for: the whole community, one or more grids, or one or more buildings (议事厅's scope members, without unit lists). */
export const budgetScopeSchema = z
  .discriminatedUnion('kind', [communityScopeSchema, gridsScopeSchema, buildingsScopeSchema], zh('范围'))
  .check(z.meta({ title: '范围' }));

const phaseSchema = z.enum(ROUND_PHASES);
const basisSchema = z.enum(ROUND_BASES, zh('投票方式')).check(z.meta({ title: '投票方式' }));

export const roundScheduleSchema = z
  .strictObject({
    proposingUntil: instant('点单截止时间'),
    screeningUntil: instant('审核截止时间'),
    deliberationUntil: instant('评议截止时间'),
    votingUntil: instant('投票截止时间'),
  })
  .check(
    z.superRefine((s, ctx) => {
      for (let i = 1; i < SCHEDULE_ORDER.length; i++) {
        const [before, after] = [SCHEDULE_ORDER[i - 1]!, SCHEDULE_ORDER[i]!];
        if (Date.parse(s[after]) <= Date.parse(s[before]))
          ctx.addIssue({ code: 'custom', path: [after], message: '各阶段的截止时间须依次推后' });
      }
    }),
    z.meta({ title: '阶段时间' }),
  );

const phaseChangeView = z.object({
  from: phaseSchema,
  to: phaseSchema,
  /** 到达预定时间 when the clock moved it; the committee's reason when it ended a phase early. */
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
  early: z.boolean(),
});

export const roundSummaryView = z.object({
  roundId: z.string(),
  title: z.string(),
  phase: phaseSchema,
  phaseLabel: z.string(),
  totalAmount: z.number(),
  scopeText: z.string(),
  basis: basisSchema,
  /** When the current phase ends by itself (none in 实施 and 验收). */
  phaseEndsAt: z.optional(z.string()),
  projectCount: z.number(),
  /** 待我投票 / 已投票 in the voting phase. */
  myStatus: z.enum(['canVote', 'voted', 'none']),
  inScope: z.boolean(),
  createdAt: z.string(),
});
export type RoundSummaryView = z.output<typeof roundSummaryView>;

const ratingsView = z.object({
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  total: z.number(),
  /** (满意 + 基本满意) / 评价数, whole percent; undefined without ratings. */
  satisfactionRate: z.optional(z.number()),
});

export const projectSummaryView = z.object({
  projectId: z.string(),
  title: z.string(),
  place: z.string(),
  status: z.enum(PROJECT_STATUSES),
  stage: z.enum([
    'proposed',
    'eligible',
    'ineligible',
    'merged',
    'selected',
    'notSelected',
    'implementing',
    'finished',
  ]),
  stageLabel: z.string(),
  /** The proposer's estimate. */
  estimatedCost: z.number(),
  /** The committee's estimate after screening: what the ballot counts. */
  cost: z.optional(z.number()),
  supportCount: z.number(),
  supported: z.boolean(),
  /** Why it was refused (ineligible) or what it was merged into. */
  screeningReason: z.optional(z.string()),
  mergedIntoTitle: z.optional(z.string()),
  mergedCount: z.number(),
  /** After the result is published. */
  votes: z.optional(z.number()),
  rank: z.optional(z.number()),
  progress: z.optional(z.object({ percent: z.number(), spent: z.number(), updatedAt: z.string() })),
  responsibleParty: z.optional(z.string()),
  ratings: z.optional(ratingsView),
  photoCount: z.number(),
  fromGrievance: z.boolean(),
  proposedAt: z.string(),
});
export type ProjectSummaryView = z.output<typeof projectSummaryView>;

export const budgetResultView = z.object({
  countedAt: z.string(),
  budget: z.number(),
  allocated: z.number(),
  leftover: z.number(),
  ballots: z.number(),
  electorate: z.number(),
  rule: z.string(),
  summary: z.string(),
  ranked: z.array(
    z.object({
      projectId: z.string(),
      title: z.string(),
      cost: z.number(),
      votes: z.number(),
      rank: z.number(),
      status: z.enum(['selected', 'doesNotFit', 'noVotes']),
      statusLabel: z.string(),
      remainingBefore: z.number(),
    }),
  ),
  ties: z.array(z.object({ votes: z.number(), titles: z.array(z.string()) })),
  /** SHA-256 over the ballots counted (their receipts and choices, in receipt order). */
  digest: z.string(),
  /** Ballots and "who voted" records are counted separately and must agree. */
  integrity: z.object({ participations: z.number(), ballots: z.number(), consistent: z.boolean() }),
});
export type BudgetResultView = z.output<typeof budgetResultView>;

const seatView = z.object({
  voterKey: z.string(),
  /** 3栋1单元201 (household) or the person's own name. */
  label: z.string(),
  status: z.enum(['open', 'voted']),
  castByName: z.optional(z.string()),
  castAt: z.optional(z.string()),
});

export const objectionView = z.object({
  objectionId: z.string(),
  body: z.string(),
  projectTitle: z.optional(z.string()),
  /** 3栋居民: how a neighbour is recognised without a door number. */
  authorTag: z.string(),
  mine: z.boolean(),
  createdAt: z.string(),
  answer: z.optional(z.object({ text: z.string(), byName: z.string(), at: z.string() })),
});
export type ObjectionView = z.output<typeof objectionView>;

export const roundView = z.extend(roundSummaryView, {
  description: z.string(),
  secrecy: z.enum(['secret', 'open']),
  schedule: z.object({
    proposingUntil: z.string(),
    screeningUntil: z.string(),
    deliberationUntil: z.string(),
    votingUntil: z.string(),
    publicityUntil: z.optional(z.string()),
  }),
  timeline: z.array(
    z.object({
      phase: phaseSchema,
      label: z.string(),
      hint: z.string(),
      until: z.optional(z.string()),
      state: z.enum(['done', 'current', 'upcoming']),
    }),
  ),
  phaseChanges: z.array(phaseChangeView),
  /** Frozen when voting opens: people or households in scope. */
  electorate: z.optional(z.object({ heads: z.number(), frozenAt: z.string() })),
  projects: z.array(projectSummaryView),
  pendingScreening: z.number(),
  mySeats: z.array(seatView),
  result: z.optional(budgetResultView),
  objections: z.array(objectionView),
  openObjections: z.number(),
  can: z.object({
    propose: z.boolean(),
    vote: z.boolean(),
    manage: z.boolean(),
    advance: z.boolean(),
    object: z.boolean(),
  }),
});
export type RoundView = z.output<typeof roundView>;

/** A request (诉求) a project answers: its number, category and excerpt for a viewer who may see it, else only that it exists. */
export const answeredRequestView = z.object({
  visible: z.boolean(),
  grievanceId: z.optional(z.string()),
  number: z.optional(z.string()),
  categoryLabel: z.optional(z.string()),
  excerpt: z.optional(z.string()),
});

export const progressReportView = z.object({
  month: z.string(),
  percent: z.number(),
  spent: z.number(),
  note: z.string(),
  photos: z.array(z.object({ url: z.string() })),
  byName: z.string(),
  at: z.string(),
});

export const projectView = z.extend(projectSummaryView, {
  roundId: z.string(),
  roundTitle: z.string(),
  phase: phaseSchema,
  description: z.string(),
  proposedByName: z.string(),
  photos: z.array(z.object({ url: z.string() })),
  screening: z.optional(
    z.object({ eligible: z.boolean(), reason: z.optional(z.string()), byName: z.string(), at: z.string() }),
  ),
  mergedFrom: z.array(z.object({ projectId: z.string(), title: z.string() })),
  mergedIntoId: z.optional(z.string()),
  answersRequests: z.array(answeredRequestView),
  implementation: z.optional(
    z.object({ responsibleParty: z.string(), commitment: z.string(), dueDate: z.string(), at: z.string() }),
  ),
  reports: z.array(progressReportView),
  finished: z.optional(z.object({ at: z.string(), note: z.string() })),
  myRating: z.optional(z.enum(RATINGS)),
  can: z.object({
    support: z.boolean(),
    comment: z.boolean(),
    councilNote: z.boolean(),
    screen: z.boolean(),
    implement: z.boolean(),
    report: z.boolean(),
    finish: z.boolean(),
    rate: z.boolean(),
    link: z.boolean(),
  }),
});
export type ProjectView = z.output<typeof projectView>;

export const budgetCommentView = z.object({
  commentId: z.string(),
  /** A resident's comment, or the 居民议事会's note recorded by the committee. */
  kind: z.enum(['comment', 'councilNote']),
  body: z.string(),
  authorName: z.string(),
  authorTag: z.string(),
  mine: z.boolean(),
  /** Held for review by WeChat's content check: only the author and the committee see it. */
  held: z.boolean(),
  createdAt: z.string(),
});
export type BudgetCommentView = z.output<typeof budgetCommentView>;

export const accountabilityView = z.object({
  communityName: z.string(),
  totals: z.object({ rounds: z.number(), budget: z.number(), planned: z.number(), spent: z.number() }),
  rounds: z.array(
    z.object({
      roundId: z.string(),
      title: z.string(),
      phase: phaseSchema,
      phaseLabel: z.string(),
      scopeText: z.string(),
      totalAmount: z.number(),
      /** The selected projects' costs. */
      planned: z.number(),
      spent: z.number(),
      ballots: z.optional(z.number()),
      projects: z.array(
        z.object({
          projectId: z.string(),
          title: z.string(),
          place: z.string(),
          stage: projectSummaryView.shape.stage,
          stageLabel: z.string(),
          cost: z.number(),
          votes: z.optional(z.number()),
          percent: z.number(),
          spent: z.number(),
          responsibleParty: z.optional(z.string()),
          satisfactionRate: z.optional(z.number()),
          answersRequests: z.number(),
          /** The latest monthly report's note and photos (实施 on), so anyone can see the work, not only the figures. */
          latest: z.optional(
            z.object({ month: z.string(), note: z.string(), photos: z.array(z.object({ url: z.string() })) }),
          ),
        }),
      ),
    }),
  ),
});
export type AccountabilityView = z.output<typeof accountabilityView>;

const uploadAnswer = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: z.string(),
});

export const budgetRoutes = {
  listRounds: defineRoute({
    id: 'budget.listRounds',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds',
    summary: '民生微实事：本社区的预算轮次',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({ items: z.array(roundSummaryView) }),
  }),
  openRound: defineRoute({
    id: 'budget.openRound',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds',
    summary: '居委会发起一轮民生微实事（总额、范围、各阶段时间）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetRound' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: communityParams,
    body: z.strictObject({
      title: text('名称', { max: 50 }),
      description: text('说明', { max: 2000, multiline: true }),
      totalAmount: yuan('预算总额', 1),
      scope: budgetScopeSchema,
      basis: basisSchema,
      secrecy: z._default(z.enum(['secret', 'open'], zh('是否记名')), 'secret').check(z.meta({ title: '是否记名' })),
      schedule: roundScheduleSchema,
      requestId,
    }),
    response: roundView,
  }),
  getRound: defineRoute({
    id: 'budget.getRound',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}',
    summary: '预算轮次：阶段、项目、我的投票、结果与异议',
    access: roles(MEMBERS),
    params: roundParams,
    response: roundView,
  }),
  advanceRound: defineRoute({
    id: 'budget.advanceRound',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/advance',
    summary: '提前结束当前阶段，进入下一阶段（须写明原因）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetRound' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: roundParams,
    body: z.strictObject({
      from: z.enum(ROUND_PHASES, zh('当前阶段')).check(z.meta({ title: '当前阶段' })),
      reason: text('原因', { max: 200 }),
    }),
    response: roundView,
    successStatus: 200,
  }),
  createPhotoUpload: defineRoute({
    id: 'budget.createPhotoUpload',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/photos',
    summary: '获取上传项目照片的预签名表单（jpg/png/webp，≤10 MB）',
    access: roles(MEMBERS),
    params: roundParams,
    body: z.strictObject({
      contentType: z
        .enum(Object.keys(BUDGET_PHOTO_TYPES) as [BudgetPhotoType], zh('照片格式'))
        .check(z.meta({ title: '照片格式' })),
      size: z
        .number(zh('照片大小'))
        .check(z.int(), z.gte(1), z.lte(BUDGET_PHOTO_MAX_BYTES), z.meta({ title: '照片大小' })),
    }),
    response: uploadAnswer,
  }),
  proposeProject: defineRoute({
    id: 'budget.proposeProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects',
    summary: '点单：提出项目（标题、说明、照片、地点、估算费用）；居委会可由诉求转为项目',
    access: roles(['resident', ...COMMITTEE]),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: roundParams,
    body: z.strictObject({
      title: text('项目名称', { max: 40 }),
      description: text('项目说明', { max: 1000, multiline: true }),
      place: text('地点', { max: 60 }),
      estimatedCost: yuan('估算费用', 1),
      photoKeys,
      sourceGrievanceId: z.optional(id('来源诉求')),
      requestId,
    }),
    response: projectView,
  }),
  getProject: defineRoute({
    id: 'budget.getProject',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}',
    summary: '项目详情：照片、审核、实施进度、验收评价、回应的诉求',
    access: roles(MEMBERS),
    params: projectParams,
    response: projectView,
  }),
  supportProject: defineRoute({
    id: 'budget.supportProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/support',
    summary: '附议项目',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    response: z.object({ count: z.number() }),
    successStatus: 200,
  }),
  screenProject: defineRoute({
    id: 'budget.screenProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/screening',
    summary: '审核：符合条件（核定预算）或不符合条件（写明原因）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z
      .strictObject({
        eligible: z.boolean(zh('审核结果')).check(z.meta({ title: '审核结果' })),
        cost: z.optional(yuan('核定预算', 1)),
        reason: z.optional(text('审核意见', { max: 200 })),
      })
      .check(
        z.superRefine((b, ctx) => {
          if (b.eligible && b.cost === undefined)
            ctx.addIssue({ code: 'custom', path: ['cost'], message: '请填写核定预算' });
          if (!b.eligible && !b.reason)
            ctx.addIssue({ code: 'custom', path: ['reason'], message: '不符合条件时请写明原因' });
        }),
      ),
    response: projectView,
    successStatus: 200,
  }),
  mergeProjects: defineRoute({
    id: 'budget.mergeProjects',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/merge',
    summary: '合并相似提议到本项目',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: projectParams,
    body: z.strictObject({
      duplicateIds: z.array(id('相似提议')).check(
        z.minLength(1),
        z.maxLength(MAX_MERGE),
        z.refine((ids) => new Set(ids).size === ids.length, { error: '同一提议只能选一次' }),
        z.meta({ title: '相似提议' }),
      ),
      reason: text('合并说明', { max: 200 }),
    }),
    response: projectView,
    successStatus: 200,
  }),
  linkRequest: defineRoute({
    id: 'budget.linkRequest',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/requests',
    summary: '关联本项目回应的诉求',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: projectParams,
    body: z.strictObject({ grievanceId: id('诉求') }),
    response: projectView,
    successStatus: 200,
  }),
  listComments: defineRoute({
    id: 'budget.listComments',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/comments',
    summary: '评议：居民意见与居民议事会记录',
    access: roles(MEMBERS),
    params: projectParams,
    response: z.object({ items: z.array(budgetCommentView) }),
  }),
  addComment: defineRoute({
    id: 'budget.addComment',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/comments',
    summary: '发表评议意见；居委会记录居民议事会意见',
    access: roles(MEMBERS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], forbidden: true },
    params: projectParams,
    body: z.strictObject({
      body: text('意见', { max: 500, multiline: true }),
      kind: z._default(z.enum(['comment', 'councilNote']), 'comment').check(z.meta({ title: '类型' })),
      requestId,
    }),
    response: budgetCommentView,
  }),
  castBallot: defineRoute({
    id: 'budget.castBallot',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/ballots',
    summary: '投票：在预算内选择项目（超出预算答 400），返回核验码',
    access: roles(['resident']),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'POLL_NOT_OPEN', 'ALREADY_VOTED'] },
    params: roundParams,
    body: z.strictObject({
      projectIds: z.array(id('项目')).check(z.maxLength(100), z.meta({ title: '所选项目' })),
      voterKey: z.optional(id('投票身份')),
      requestId,
    }),
    response: z.object({ receipt: z.string(), total: z.number() }),
  }),
  checkReceipt: defineRoute({
    id: 'budget.checkReceipt',
    method: 'GET',
    path: '/communities/{communityId}/budget/rounds/{roundId}/receipts/{receipt}',
    summary: '凭核验码核验选票已投入票箱、已计入结果（不显示所选项目）',
    access: roles(MEMBERS),
    params: z.strictObject({ communityId: id('社区'), roundId: id('预算轮次'), receipt: id('核验码') }),
    response: z.object({ receipt: z.string(), inBox: z.boolean(), counted: z.boolean() }),
  }),
  addObjection: defineRoute({
    id: 'budget.addObjection',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/objections',
    summary: '公示期内提出异议',
    access: roles(MEMBERS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'], notFound: true },
    params: roundParams,
    body: z.strictObject({
      body: text('异议', { max: 500, multiline: true }),
      projectId: z.optional(id('项目')),
      requestId,
    }),
    response: objectionView,
  }),
  answerObjection: defineRoute({
    id: 'budget.answerObjection',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/objections/{objectionId}/answer',
    summary: '居委会答复异议',
    access: roles(COMMITTEE),
    staffLog: { object: 'objection' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), roundId: id('预算轮次'), objectionId: id('异议') }),
    body: z.strictObject({ text: text('答复', { max: 500, multiline: true }) }),
    response: objectionView,
    successStatus: 200,
  }),
  setImplementation: defineRoute({
    id: 'budget.setImplementation',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/implementation',
    summary: '一诺：确定入选项目的责任单位、承诺与完成时间',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({
      responsibleParty: text('责任单位', { max: 60 }),
      commitment: text('承诺', { max: 500, multiline: true }),
      dueDate: instant('计划完成时间'),
    }),
    response: projectView,
    successStatus: 200,
  }),
  reportProgress: defineRoute({
    id: 'budget.reportProgress',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/progress',
    summary: '每月进度：完成百分比、累计支出、照片（同月再报为更正）',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({
      percent: z.number(zh('完成进度')).check(z.int(), z.gte(0), z.lte(100), z.meta({ title: '完成进度' })),
      spent: yuan('累计支出'),
      note: text('进度说明', { max: 500, multiline: true }),
      photoKeys,
    }),
    response: projectView,
    successStatus: 200,
  }),
  finishProject: defineRoute({
    id: 'budget.finishProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/finish',
    summary: '项目完工，请居民验收评价',
    access: roles(COMMITTEE),
    staffLog: { object: 'budgetProject' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z.strictObject({ note: text('完工说明', { max: 500, multiline: true }) }),
    response: projectView,
    successStatus: 200,
  }),
  rateProject: defineRoute({
    id: 'budget.rateProject',
    method: 'POST',
    path: '/communities/{communityId}/budget/rounds/{roundId}/projects/{projectId}/rating',
    summary: '验收评价（满意/基本满意/不满意），每人一次',
    access: roles(['resident']),
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: projectParams,
    body: z
      .strictObject({
        rating: z.enum(RATINGS, zh('评价')).check(z.meta({ title: '评价' })),
        comment: z.optional(text('评价意见', { max: 200, multiline: true })),
      })
      .check(
        z.refine((b) => b.rating !== 'unsatisfied' || !!b.comment, {
          error: '不满意时请写明原因',
          path: ['comment'],
        }),
      ),
    response: projectView,
    successStatus: 200,
  }),
  accountability: defineRoute({
    id: 'budget.accountability',
    method: 'GET',
    path: '/communities/{communityId}/budget/accountability',
    summary: '民生微实事公开台账：每一轮、每个项目的状态、进度、计划与实际支出（无需登录）',
    access: PUBLIC,
    answers: { notFound: true },
    params: communityParams,
    response: accountabilityView,
  }),
};
