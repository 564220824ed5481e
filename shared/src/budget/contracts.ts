import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { id, instant, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { buildingsScopeSchema, communityScopeSchema, gridsScopeSchema } from '../agora/scopeSchemas';
import { ROUND_PHASES, SCHEDULE_ORDER } from './phases';
import { communityParams, requestId, roundParams, yuan } from './routeFields';
import { roundBasisSchema, roundSummaryView, roundView } from './roundViews';

/*
 * 民生微实事: participatory budget rounds. Routes live under /communities/{communityId}/budget and are served
 * by three Lambdas, each bundling only its own routes module: `budget` (this one: rounds, phases, ballots), `budgetProjects` (projectContracts.ts) and `budgetDelivery` (deliveryContracts.ts, 实施与验收);
 * the mini-program calls them all through `budgetRoutes` (routes.ts). The accountability page is public (公开),
 * everything else is for members of the community, writes for residents or the committee as each route says.
 */

/** Who a round is for: the whole community, one or more grids, or one or more buildings (议事厅's scope members, without unit lists). */
export const budgetScopeSchema = z
  .discriminatedUnion('kind', [communityScopeSchema, gridsScopeSchema, buildingsScopeSchema], zh('范围'))
  .check(z.meta({ title: '范围' }));

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

export const budgetRoundRoutes = {
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
      basis: roundBasisSchema,
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
};
