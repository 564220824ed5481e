import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { id, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { PARTICIPANTS } from '../volunteer/rules';
import { accountCodeSchema, catalogueItemView, orderView, requestIdSchema } from './contracts';

/*
 * 时间银行 通存通兑 for residents (issue 15 §2): the other communities of her street that accept points
 * from their neighbours, and a donation from her points here to a fund or a resident there. Apart from
 * contracts.ts so only the volunteer subpackage carries them; served by their own Lambda (`timebankStreet`),
 * routed by API Gateway ahead of the timebank Lambda's `/timebank/{proxy+}`.
 */

const communityParams = z.strictObject({ communityId: id('社区') });

export const streetFundsView = z.object({
  streetId: z.string(),
  streetName: z.string(),
  /** The other communities of the street that accept points from the street (their 爱心基金 balance). */
  communities: z.array(z.object({ communityId: z.string(), name: z.string(), fund: z.number() })),
});
export type StreetFundsView = z.output<typeof streetFundsView>;

export const streetCatalogueView = z.object({
  streetId: z.string(),
  streetName: z.string(),
  /** The other communities of the street that accept the street, with the items each offers to it now. */
  communities: z.array(z.object({ communityId: z.string(), name: z.string(), items: z.array(catalogueItemView) })),
});
export type StreetCatalogueView = z.output<typeof streetCatalogueView>;

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
  streetCatalogue: defineRoute({
    id: 'timebank.streetCatalogue',
    method: 'GET',
    path: '/communities/{communityId}/timebank/street/catalogue',
    summary: '通存通兑：本街道其他社区向街道开放的兑换项目（按社区，含库存与所需积分）',
    access: roles(PARTICIPANTS),
    params: communityParams,
    response: streetCatalogueView,
  }),
  redeemAcross: defineRoute({
    id: 'timebank.redeemAcross',
    method: 'POST',
    path: '/communities/{communityId}/timebank/street-redemptions',
    summary: '通存通兑：用本社区的积分兑换同街道另一社区向街道开放的项目（两社区记账与订单一笔完成）',
    access: roles(PARTICIPANTS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: communityParams,
    body: z.strictObject({
      toCommunityId: id('兑换社区'),
      itemId: id('兑换项目'),
      quantity: z.number(zh('数量')).check(z.int(), z.gte(1), z.lte(10), z.meta({ title: '数量' })),
      requestId: requestIdSchema,
    }),
    response: orderView,
  }),
  cancelAcross: defineRoute({
    id: 'timebank.cancelAcross',
    method: 'POST',
    path: '/communities/{communityId}/timebank/street-orders/{atCommunityId}/{orderCode}/cancellation',
    summary: '取消在街道其他社区的兑换：两社区的记账冲回，积分与库存退回',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'], notFound: true },
    params: z.strictObject({
      communityId: id('社区'),
      atCommunityId: id('兑换社区'),
      orderCode: id('取货码'),
    }),
    response: orderView,
    successStatus: 200,
  }),
};
