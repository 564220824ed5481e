import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { PARTICIPANTS } from '../volunteer/rules';
import { accountCodeSchema, requestIdSchema, timebankRoutes } from './contracts';

/*
 * 时间银行 通存通兑 for residents (issue 15 §2): the other communities of her street that accept points
 * from their neighbours, and a donation from her points here to a fund or a resident there. Apart from
 * contracts.ts so only the volunteer subpackage carries them; served by the timebank Lambda.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const streetFundsView = z.object({
  streetId: z.string(),
  streetName: z.string(),
  /** The other communities of the street that accept points from the street (their 爱心基金 balance). */
  communities: z.array(z.object({ communityId: z.string(), name: z.string(), fund: z.number() })),
});
export type StreetFundsView = z.output<typeof streetFundsView>;

export const timebankStreetRoutes = {
  streetFunds: defineRoute({
    id: 'timebank.streetFunds',
    method: 'GET',
    path: '/communities/{communityId}/timebank/street',
    summary: '通存通兑：本街道其他社区中接受跨社区捐赠的爱心基金',
    access: roles(PARTICIPANTS),
    params: communityParams,
    response: streetFundsView,
  }),
  donateAcross: defineRoute({
    id: 'timebank.donateAcross',
    method: 'POST',
    path: '/communities/{communityId}/timebank/street-donations',
    summary: '通存通兑：把本社区的积分捐给同街道另一社区的爱心基金或居民（经两社区结算账户，一笔完成）',
    access: roles(PARTICIPANTS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({
      toCommunityId: id('转入社区'),
      to: z.union([z.literal('fund'), accountCodeSchema], zh('捐赠对象')).check(z.meta({ title: '捐赠对象' })),
      amount: z.number(zh('捐赠积分')).check(z.int(), z.gte(1), z.lte(100_000), z.meta({ title: '捐赠积分' })),
      note: z.optional(text('留言', { max: 50 })),
      requestId: requestIdSchema,
    }),
    response: z.object({ postingId: z.string(), balance: z.number(), toCommunityName: z.string() }),
  }),
};

/** Routes served by the timebank Lambda. */
export const timebankLambdaApi = { ...timebankRoutes, ...timebankStreetRoutes };
