import * as z from 'zod/mini';
import { defineRoute, page, roles } from '../contracts/http';
import { COMMITTEE, MEMBERS } from '../identity/roles';
import { cursor, id, instant, pageLimit, text } from '../validation/fields';
import { zh } from '../validation/messages';
import { PARTICIPANTS } from '../volunteer/rules';
import { ORDER_STATUSES, POSTING_KINDS } from './ledger';

const communityParams = z.strictObject({ communityId: id('社区') });
const wholeNumber = (title: string, min: number, max: number) =>
  z.number(zh(title)).check(z.int(), z.gte(min), z.lte(max), z.meta({ title }));

/** 积分账号: eight characters without look-alikes, shown in the wallet and typed to donate or appoint. */
export const accountCodeSchema = z
  .pipe(
    z.pipe(
      z.string(zh('积分账号')),
      z.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
    ),
    z.string(zh('积分账号')).check(z.regex(/^[A-Z2-9]{8}$/), z.meta({ title: '积分账号' })),
  )
  .check(z.meta({ title: '积分账号' }));

/** A client-made id per user action, so a retry or a double tap posts once. */
export const requestIdSchema = z.string(zh('请求编号')).check(z.regex(/^[\w-]{8,64}$/), z.meta({ title: '请求编号' }));

export const catalogueItemView = z.object({
  itemId: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['service', 'gift']),
  price: z.number(),
  stock: z.number(),
  redeemed: z.number(),
  perPersonLimit: z.optional(z.number()),
  activeFrom: z.optional(z.string()),
  activeUntil: z.optional(z.string()),
  provider: z.optional(z.object({ userId: z.string(), nickname: z.string() })),
  status: z.enum(['active', 'archived']),
  /** Active, within its window and in stock. */
  available: z.boolean(),
  myRedeemed: z.optional(z.number()),
  /** 向街道开放 (通存通兑): residents of the street's other communities may redeem it too. */
  streetOpen: z.optional(z.boolean()),
});
export type CatalogueItemView = z.output<typeof catalogueItemView>;

export const orderView = z.object({
  orderCode: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  quantity: z.number(),
  points: z.number(),
  status: z.enum(ORDER_STATUSES),
  placedAt: z.string(),
  readyAt: z.optional(z.string()),
  fulfilledAt: z.optional(z.string()),
  cancelledAt: z.optional(z.string()),
  /** The resident who redeemed it, for the provider at pickup. */
  holder: z.optional(z.string()),
  /** 通存通兑: the community of the street that hands it over (an order placed with points from here). */
  community: z.optional(z.object({ communityId: z.string(), name: z.string() })),
  /** 通存通兑: the resident's own community, whose points paid (for the community that hands it over). */
  fromCommunity: z.optional(z.object({ communityId: z.string(), name: z.string() })),
});
export type OrderView = z.output<typeof orderView>;

export const movementView = z.object({
  postingId: z.string(),
  at: z.string(),
  kind: z.enum(POSTING_KINDS),
  memo: z.string(),
  amount: z.number(),
  balanceAfter: z.number(),
});

export const postingView = z.object({
  postingId: z.string(),
  at: z.string(),
  kind: z.enum(POSTING_KINDS),
  memo: z.string(),
  actor: z.optional(z.string()),
  entries: z.array(
    z.object({ account: z.string(), name: z.string(), amount: z.number(), unit: z.enum(['pt', 'piece']) }),
  ),
  reversalOf: z.optional(z.string()),
  reversible: z.boolean(),
});
export type PostingView = z.output<typeof postingView>;

export const auditReportView = z.object({
  checkedAt: z.string(),
  passed: z.boolean(),
  postings: z.number(),
  accounts: z.number(),
  pointsInCirculation: z.number(),
  pointsTotal: z.number(),
  fund: z.number(),
  unbalanced: z.array(z.object({ postingId: z.string(), problem: z.string() })),
  mismatches: z.array(z.object({ account: z.string(), name: z.string(), stored: z.number(), computed: z.number() })),
  belowZero: z.array(z.object({ account: z.string(), balance: z.number() })),
});

const expiryPolicyView = z.object({ enabled: z.boolean(), months: z.number() });

export const timebankSettingsView = z.object({
  expiry: expiryPolicyView,
  /**
   * 通存通兑: residents of the street's other communities may donate points to this community and redeem
   * the items it offers to the street (default on; each item is offered on its own, default off).
   */
  street: z.optional(z.object({ open: z.boolean() })),
});

/** What a resident is told of the community's 积分有效期 (the wallet shows it). */
export function expiryPolicyText(expiry: z.output<typeof expiryPolicyView>): string {
  return expiry.enabled ? `积分有效期：获得后 ${expiry.months} 个月，先获得的先到期` : '积分长期有效';
}

const itemFields = {
  /** 向街道开放: residents of the street's other communities may redeem it with their points (通存通兑). */
  streetOpen: z.boolean(zh('向街道开放')).check(z.meta({ title: '向街道开放' })),
  name: text('名称', { max: 30, min: 2 }),
  description: text('说明', { max: 300, multiline: true }),
  price: wholeNumber('所需积分', 1, 100_000),
  perPersonLimit: wholeNumber('每人限兑', 1, 100),
  activeFrom: instant('开始兑换时间'),
  activeUntil: instant('结束兑换时间'),
  providerAccountCode: accountCodeSchema,
};

const window = <T extends { activeFrom?: string | null; activeUntil?: string | null }>(s: z.ZodMiniType<T>) =>
  s.check(
    z.refine((b) => !b.activeFrom || !b.activeUntil || b.activeUntil > b.activeFrom, {
      error: '结束兑换时间应晚于开始时间',
      path: ['activeUntil'],
    }),
  );

// Codes in a path are only checked for shape here: an unknown code is a 404, and callers who may not
// use the route get their 403 before anything about the code is said.
const orderParams = z.strictObject({ communityId: id('社区'), orderCode: id('取货码') });

/** 爱心时间银行: wallet, donations, the redemption mall, providers' pickups, and the committee's ledger. */
export const timebankRoutes = {
  wallet: defineRoute({
    id: 'timebank.wallet',
    method: 'GET',
    path: '/communities/{communityId}/timebank/wallet',
    summary: '我的积分：余额、积分账号、带余额的流水、近 6 个月余额走势',
    access: roles(PARTICIPANTS),
    params: communityParams,
    query: z.object({ cursor, limit: pageLimit }),
    response: z.object({
      accountCode: z.string(),
      balance: z.number(),
      earned: z.number(),
      movements: z.array(movementView),
      nextCursor: z.optional(z.string()),
      chart: z.array(z.object({ month: z.string(), balance: z.number() })),
      /** The community's expiry policy, so residents know whether and when points lapse. */
      expiry: expiryPolicyView,
    }),
  }),
  findAccount: defineRoute({
    id: 'timebank.findAccount',
    method: 'GET',
    path: '/communities/{communityId}/timebank/accounts/{accountCode}',
    summary: '按积分账号确认对方（昵称打码），用于捐赠',
    access: roles(MEMBERS),
    params: z.strictObject({ communityId: id('社区'), accountCode: id('积分账号') }),
    response: z.object({ accountCode: z.string(), nickname: z.string() }),
  }),
  donate: defineRoute({
    id: 'timebank.donate',
    method: 'POST',
    path: '/communities/{communityId}/timebank/donations',
    summary: '把积分捐给爱心基金或另一位居民（如年长的邻居）',
    access: roles(PARTICIPANTS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: communityParams,
    body: z.strictObject({
      to: z.union([z.literal('fund'), accountCodeSchema], zh('捐赠对象')).check(z.meta({ title: '捐赠对象' })),
      amount: wholeNumber('捐赠积分', 1, 100_000),
      note: z.optional(text('留言', { max: 50 })),
      requestId: requestIdSchema,
    }),
    response: z.object({ postingId: z.string(), balance: z.number() }),
  }),
  catalogue: defineRoute({
    id: 'timebank.catalogue',
    method: 'GET',
    path: '/communities/{communityId}/timebank/catalogue',
    summary: '积分兑换：社区服务与公益礼品（居委会可看已下架）',
    access: roles(MEMBERS),
    params: communityParams,
    query: z.strictObject({
      include: z._default(z.enum(['available', 'all']), 'available').check(z.meta({ title: '范围' })),
    }),
    response: z.object({ items: z.array(catalogueItemView) }),
  }),
  redeem: defineRoute({
    id: 'timebank.redeem',
    method: 'POST',
    path: '/communities/{communityId}/timebank/catalogue/{itemId}/orders',
    summary: '兑换：扣积分、减库存、生成取货码（库存与余额由数据库条件保证）',
    access: roles(PARTICIPANTS),
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), itemId: id('兑换项目') }),
    body: z.strictObject({ quantity: wholeNumber('数量', 1, 10), requestId: requestIdSchema }),
    response: orderView,
  }),
  myOrders: defineRoute({
    id: 'timebank.myOrders',
    method: 'GET',
    path: '/communities/{communityId}/timebank/orders',
    summary: '我的兑换订单与取货码',
    access: roles(PARTICIPANTS),
    params: communityParams,
    response: z.object({ items: z.array(orderView) }),
  }),
  cancelOrder: defineRoute({
    id: 'timebank.cancelOrder',
    method: 'POST',
    path: '/communities/{communityId}/timebank/orders/{orderCode}/cancellation',
    summary: '取消未完成的兑换：积分与库存退回（记为冲回分录）',
    access: roles(PARTICIPANTS),
    answers: { conflicts: ['CONFLICT'] },
    params: orderParams,
    response: orderView,
    successStatus: 200,
  }),
  listPickups: defineRoute({
    id: 'timebank.listPickups',
    method: 'GET',
    path: '/communities/{communityId}/timebank/pickups',
    summary: '待领取的订单（服务提供者看自己的项目，居委会看全部）',
    access: roles(MEMBERS),
    params: communityParams,
    response: z.object({ items: z.array(orderView) }),
  }),
  getPickup: defineRoute({
    id: 'timebank.getPickup',
    method: 'GET',
    path: '/communities/{communityId}/timebank/pickups/{orderCode}',
    summary: '按取货码查订单（扫码或输入）',
    access: roles(MEMBERS),
    params: orderParams,
    response: orderView,
  }),
  markReady: defineRoute({
    id: 'timebank.markReady',
    method: 'POST',
    path: '/communities/{communityId}/timebank/pickups/{orderCode}/ready',
    summary: '通知居民可以领取/已安排服务',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT'] },
    params: orderParams,
    response: orderView,
    successStatus: 200,
  }),
  fulfil: defineRoute({
    id: 'timebank.fulfil',
    method: 'POST',
    path: '/communities/{communityId}/timebank/pickups/{orderCode}/fulfilment',
    summary: '核销取货码：交付物品或完成服务',
    access: roles(MEMBERS),
    answers: { conflicts: ['CONFLICT'] },
    params: orderParams,
    response: orderView,
    successStatus: 200,
  }),
  createItem: defineRoute({
    id: 'timebank.createItem',
    method: 'POST',
    path: '/communities/{communityId}/timebank/catalogue',
    summary: '上架兑换项目（理发、家电维修、陪诊、公益礼品…）',
    access: roles(COMMITTEE),
    staffLog: { object: 'catalogueItem' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: communityParams,
    body: window(
      z.strictObject({
        ...itemFields,
        kind: z.enum(['service', 'gift']).check(z.meta({ title: '类型' })),
        perPersonLimit: z.optional(itemFields.perPersonLimit),
        activeFrom: z.optional(itemFields.activeFrom),
        activeUntil: z.optional(itemFields.activeUntil),
        providerAccountCode: z.optional(itemFields.providerAccountCode),
        streetOpen: z.optional(itemFields.streetOpen),
        initialStock: wholeNumber('初始库存', 0, 10_000),
        /** One per 上架 form: a retried create returns the first result instead of 409 同名. */
        requestId: requestIdSchema,
      }),
    ),
    response: catalogueItemView,
  }),
  updateItem: defineRoute({
    id: 'timebank.updateItem',
    method: 'PATCH',
    path: '/communities/{communityId}/timebank/catalogue/{itemId}',
    summary: '修改兑换项目（价格、限兑、兑换期、提供者、上下架）',
    access: roles(COMMITTEE),
    staffLog: { object: 'catalogueItem' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), itemId: id('兑换项目') }),
    body: window(
      z.strictObject({
        name: z.optional(itemFields.name),
        description: z.optional(itemFields.description),
        price: z.optional(itemFields.price),
        perPersonLimit: z.optional(z.nullable(itemFields.perPersonLimit)),
        activeFrom: z.optional(z.nullable(itemFields.activeFrom)),
        activeUntil: z.optional(z.nullable(itemFields.activeUntil)),
        providerAccountCode: z.optional(z.nullable(itemFields.providerAccountCode)),
        status: z.optional(z.enum(['active', 'archived']).check(z.meta({ title: '状态' }))),
        streetOpen: z.optional(itemFields.streetOpen),
      }),
    ).check(z.refine((b) => Object.keys(b).length > 0, { error: '没有需要修改的内容' })),
    response: catalogueItemView,
    successStatus: 200,
  }),
  restock: defineRoute({
    id: 'timebank.restock',
    method: 'POST',
    path: '/communities/{communityId}/timebank/catalogue/{itemId}/restock',
    summary: '入库：增加库存（记为入库分录）',
    access: roles(COMMITTEE),
    staffLog: { object: 'catalogueItem' },
    idempotencyKey: 'requestId',
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), itemId: id('兑换项目') }),
    body: z.strictObject({
      quantity: wholeNumber('入库数量', 1, 10_000),
      note: z.optional(text('备注', { max: 50 })),
      requestId: requestIdSchema,
    }),
    response: catalogueItemView,
    successStatus: 200,
  }),
  ledger: defineRoute({
    id: 'timebank.ledger',
    method: 'GET',
    path: '/communities/{communityId}/timebank/ledger',
    summary: '全社区积分账本（按类型、账户、日期筛选）',
    access: roles(COMMITTEE),
    params: communityParams,
    query: z.object({
      kind: z.optional(z.enum(POSTING_KINDS)).check(z.meta({ title: '类型' })),
      account: z
        .optional(z.string().check(z.regex(/^(issuance|fund|(r|supply|stock|redeemed):[\w-]{1,64})$/)))
        .check(z.meta({ title: '账户' })),
      from: z.optional(instant('开始日期')),
      to: z.optional(instant('结束日期')),
      cursor,
      limit: pageLimit,
    }),
    response: z.extend(page(postingView), {
      totals: z.object({ pointsInCirculation: z.number(), fund: z.number(), heldByResidents: z.number() }),
    }),
  }),
  runAudit: defineRoute({
    id: 'timebank.runAudit',
    method: 'POST',
    path: '/communities/{communityId}/timebank/audits',
    summary: '对账：由全部分录重算每个账户余额并与记录余额比对',
    access: roles(COMMITTEE),
    staffLog: false, // 对账 reads the ledger and reports; it changes no record
    params: communityParams,
    response: auditReportView,
    successStatus: 200,
  }),
  reverse: defineRoute({
    id: 'timebank.reverse',
    method: 'POST',
    path: '/communities/{communityId}/timebank/postings/{postingId}/reversal',
    summary: '冲正：以相反分录撤销一笔记账（须写原因，原记录不改）',
    access: roles(COMMITTEE),
    staffLog: { object: 'posting' },
    answers: { conflicts: ['CONFLICT'] },
    params: z.strictObject({ communityId: id('社区'), postingId: id('记账编号') }),
    body: z.strictObject({ reason: text('冲正原因', { max: 200 }) }),
    response: postingView,
  }),
  settings: defineRoute({
    id: 'timebank.settings',
    method: 'GET',
    path: '/communities/{communityId}/timebank/settings',
    summary: '时间银行设置（积分有效期）',
    access: roles(COMMITTEE),
    params: communityParams,
    response: timebankSettingsView,
  }),
  updateSettings: defineRoute({
    id: 'timebank.updateSettings',
    method: 'PUT',
    path: '/communities/{communityId}/timebank/settings',
    summary: '设置积分有效期（默认关闭；开启后最早获得的积分先到期）',
    access: roles(COMMITTEE),
    staffLog: { object: 'setting' },
    params: communityParams,
    body: z.strictObject({
      expiry: z.strictObject({
        enabled: z.boolean(zh('积分有效期')).check(z.meta({ title: '积分有效期' })),
        months: wholeNumber('有效月数', 6, 60),
      }),
      street: z.optional(
        z.strictObject({
          open: z.boolean(zh('接受街道内跨社区捐赠和兑换')).check(z.meta({ title: '接受街道内跨社区捐赠和兑换' })),
        }),
      ),
    }),
    response: timebankSettingsView,
  }),
};

/** The ledger export: its own Lambda, so the spreadsheet library loads only there. */
export const timebankExportRoutes = {
  exportLedger: defineRoute({
    id: 'timebank.exportLedger',
    method: 'POST',
    path: '/communities/{communityId}/timebank/ledger/exports',
    summary: '导出积分账本（.xlsx，每条分录一行）',
    access: roles(COMMITTEE),
    staffLog: false, // writes a spreadsheet to download, changes no record
    params: communityParams,
    body: z.strictObject({ from: z.optional(instant('开始日期')), to: z.optional(instant('结束日期')) }),
    response: z.object({ url: z.string(), fileName: z.string(), expiresAt: z.string(), rows: z.number() }),
  }),
};
