import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { accounts, COMMITTEE, holdsRole, normaliseCode, type OrderView, type Principal } from '@linli/shared';
import { ledgerPostings } from '../db/entities/ledgerPosting';
import { redemptionCounts } from '../db/entities/redemptionCount';
import { redemptionOrders, type RedemptionOrderItem } from '../db/entities/redemptionOrder';
import type { UserItem } from '../db/entities/user';
import type { Draft } from '../db/draft';
import { failedWrites, transact } from '../db/transactions';
import { conflict, forbidden, notFound } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { humanCode } from '../commons/ids';
import { notificationIntent } from '../notifications/outbox';
import { catalogueOf, inWindow, loadItem, redeemableAsShown } from './catalogue';
import { executePosting, postingIdOf, PostingRefused } from './ledger/posting';
import { timebank } from '../db/registries/timebank';
import type { CommunityRequest } from '../commons/serviceRequest';

/** A resident's own request: the stored user (nickname, account) in a community, and when. */
export interface ResidentRequest {
  user: UserItem;
  communityId: string;
  now: Date;
  /** 亲情代办: the helper redeeming in the resident's name (the ledger entry is marked 代办). */
  proxyBy?: string;
}

/** A request about one order, by its pickup code. */
export interface OrderRequest extends CommunityRequest {
  orderCode: string;
}

export function orderView(o: Draft<RedemptionOrderItem>, withHolder = false): OrderView {
  return {
    orderCode: o.orderCode,
    itemId: o.itemId,
    itemName: o.itemName,
    quantity: o.quantity,
    points: o.points,
    status: o.status,
    placedAt: o.placedAt,
    readyAt: o.readyAt,
    fulfilledAt: o.fulfilledAt,
    cancelledAt: o.cancelledAt,
    holder: withHolder ? (o.fromCommunityName ? `${o.holderName}（${o.fromCommunityName}）` : o.holderName) : undefined,
    // 通存通兑: an order placed with this community's points in another community of the street.
    community: o.fromCommunityId ? { communityId: o.communityId, name: o.communityName ?? o.communityId } : undefined,
    fromCommunity: o.fromCommunityId
      ? { communityId: o.fromCommunityId, name: o.fromCommunityName ?? o.fromCommunityId }
      : undefined,
  };
}

async function loadOrder(communityId: string, code: string) {
  const orderCode = normaliseCode(code);
  if (!/^[A-Z2-9]{8}$/.test(orderCode)) throw notFound('订单');
  const { Item } = await redemptionOrders.get({ communityId, orderCode }, { consistent: true });
  if (!Item) throw notFound('订单');
  return Item;
}

const CODE_ATTEMPTS = 4;

/**
 * 兑换. One transaction: the posting (resident −price×qty, issuing account +; stock −qty, redeemed +qty),
 * the order with a fresh pickup code, and the per-person counter. The conditions carry every rule at
 * once — `balance >= cost` (never overdrawn), `stock >= qty` with the item listed, in its window and
 * at the price shown (never oversold), the person's count within the limit, the code unused — so
 * concurrent redemptions cannot break any of them. The request id makes a retry return the same order.
 */
export async function redeem({
  user,
  communityId,
  itemId,
  input: body,
  now,
  proxyBy,
}: ResidentRequest & { itemId: string; input: { quantity: number; requestId: string } }) {
  const nowIso = now.toISOString();
  // The key names the item it redeems: the same request id for another item is another redemption.
  const key = `redeem:${user.userId}:${itemId}:${body.requestId}`;
  const fingerprint = requestFingerprint({
    route: 'timebank.redeem',
    caller: user.userId,
    params: { communityId, itemId },
    body,
  });
  const replay = async () => {
    const { Item: posting } = await ledgerPostings.get(
      { communityId, postingId: postingIdOf(communityId, key) },
      { consistent: true },
    );
    if (posting) assertSameRequest(posting.requestFingerprint, fingerprint);
    return posting?.refs.orderCode ? orderView(await loadOrder(communityId, posting.refs.orderCode)) : undefined;
  };
  // A redemption made before (a retried request) answers with its order: the posting's condition finds it
  // in the transaction, and a refusal asks first whether this is a replay. The happy path reads nothing for it.
  const unlessReplayed = async (refusal: unknown) => {
    const earlier = await replay();
    if (earlier) return earlier;
    throw refusal;
  };
  let item: Awaited<ReturnType<typeof loadItem>>;
  try {
    item = await loadItem(communityId, itemId);
  } catch (error) {
    return unlessReplayed(error);
  }
  if (!inWindow(item, nowIso)) return unlessReplayed(conflict('该项目当前不在兑换期内'));
  const limit = item.perPersonLimit;
  // The counter's condition below can only compare what is already redeemed: a first order has no
  // counter yet, so an order larger than the limit on its own is refused here.
  if (limit && body.quantity > limit) return unlessReplayed(conflict(`每人限兑 ${limit} 件`));
  if (item.stock < body.quantity) return unlessReplayed(conflict(item.stock ? `库存只剩 ${item.stock} 件` : '已兑完'));
  const cost = item.price * body.quantity;
  const me = accounts.resident(user.userId);

  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const order: Draft<RedemptionOrderItem> = {
      communityId,
      orderCode: humanCode(8),
      itemId,
      itemName: item.name,
      userId: user.userId,
      holderName: user.nickname,
      quantity: body.quantity,
      points: cost,
      status: 'placed',
      placedAt: nowIso,
      postingId: postingIdOf(communityId, key),
      countsTowardLimit: !!limit,
    };
    const alongside = {
      order: redemptionOrders.transactPut(order, { condition: { attr: 'orderCode', exists: false } }),
      limitCount: limit
        ? redemptionCounts.transactUpdate(
            { communityId, itemId, userId: user.userId, count: $add(body.quantity) },
            {
              condition: {
                or: [
                  { attr: 'count', exists: false },
                  { attr: 'count', lte: limit - body.quantity },
                ],
              },
            },
          )
        : undefined,
    };
    try {
      const { outcome } = await executePosting(
        {
          communityId,
          idempotencyKey: key,
          requestFingerprint: fingerprint,
          kind: 'redemption',
          entries: [
            { account: me, amount: -cost },
            { account: accounts.issuance, amount: cost },
            { account: accounts.stock(itemId), amount: -body.quantity },
            { account: accounts.redeemed(itemId), amount: body.quantity },
          ],
          memo: `兑换 ${item.name} × ${body.quantity}${proxyBy ? `（${proxyBy}代办）` : ''}`,
          actorId: user.userId,
          at: nowIso,
          refs: { itemId, orderCode: order.orderCode, userId: user.userId },
        },
        {
          alongside,
          conditions: {
            [accounts.stock(itemId)]: { and: redeemableAsShown(item.price, nowIso) },
          },
        },
      );
      if (outcome === 'duplicate') return (await replay()) as OrderView;
      return orderView(order);
    } catch (error) {
      if (!(error instanceof PostingRefused)) throw error;
      if (error.account === me) throw conflict(`积分余额不足，需要 ${cost} 积分`);
      if (error.account) throw conflict('库存不足、项目已下架或价格刚刚调整，请刷新后再试');
      if (error.alongside === 'limitCount') throw conflict(`每人限兑 ${limit} 件`);
      // The order's condition: the pickup code is taken; draw another.
    }
  }
  throw conflict('生成取货码失败，请重试');
}

export async function myOrders(principal: Principal, communityId: string) {
  const { Items = [] } = await timebank.query
    .ordersOf({ userId: principal.userId, communityId, newestFirst: true, page: { limit: 100 } })
    .send();
  return { items: Items.map((o) => orderView(o)) };
}

/**
 * 取消兑换: the resident's own unfulfilled order. The redemption's entries come back as an
 * orderCancel posting (points to the resident, pieces to the shelf) with the order's new status and
 * the per-person counter, once: its key is the order's.
 */
export async function cancelOrder({ principal, communityId, orderCode: code, now }: OrderRequest) {
  const order = await loadOrder(communityId, code);
  const { orderCode } = order;
  if (order.userId !== principal.userId) throw notFound('订单');
  if (order.status === 'cancelled') return orderView(order);
  if (order.status === 'fulfilled') throw conflict('订单已完成，不能取消');
  const nowIso = now.toISOString();
  const alongside = {
    order: redemptionOrders.transactUpdate(
      {
        communityId,
        orderCode,
        status: 'cancelled',
        cancelledAt: nowIso,
      },
      {
        condition: {
          or: [
            { attr: 'status', eq: 'placed' },
            { attr: 'status', eq: 'ready' },
          ],
        },
      },
    ),
    limitCount: order.countsTowardLimit
      ? redemptionCounts.transactUpdate(
          { communityId, itemId: order.itemId, userId: order.userId, count: $add(-order.quantity) },
          { condition: { attr: 'count', gte: order.quantity } },
        )
      : undefined,
  };
  try {
    await executePosting(
      {
        communityId,
        idempotencyKey: `cancel-order:${orderCode}`,
        kind: 'orderCancel',
        entries: [
          { account: accounts.resident(order.userId), amount: order.points },
          { account: accounts.issuance, amount: -order.points },
          { account: accounts.stock(order.itemId), amount: order.quantity },
          { account: accounts.redeemed(order.itemId), amount: -order.quantity },
        ],
        memo: `取消兑换 ${order.itemName} × ${order.quantity}，积分退回`,
        actorId: principal.userId,
        at: nowIso,
        refs: { itemId: order.itemId, orderCode, userId: order.userId },
      },
      { alongside },
    );
  } catch (error) {
    if (error instanceof PostingRefused) throw conflict('订单状态刚刚发生变化，请刷新');
    throw error;
  }
  return orderView(await loadOrder(communityId, orderCode));
}

/** Providers handle orders of the items they provide; the committee handles all. */
async function assertHandles(principal: Principal, communityId: string, itemId: string) {
  if (holdsRole(principal, COMMITTEE, communityId)) return;
  const item = await loadItem(communityId, itemId);
  if (item.providerId !== principal.userId) throw forbidden('只有该项目的服务提供者或居委会可以核销');
}

/** 待领取: open orders of the items this person provides (all of them for the committee, none for others). */
export async function listPickups(principal: Principal, communityId: string) {
  const committee = holdsRole(principal, COMMITTEE, communityId);
  // Someone who provides nothing simply has nothing to hand over.
  const mine = committee
    ? [undefined]
    : (await catalogueOf(communityId)).filter((i) => i.providerId === principal.userId).map((i) => i.itemId);
  const pages = await Promise.all(mine.map((itemId) => timebank.query.openOrders({ communityId, itemId }).send()));
  return {
    items: pages
      .flatMap((p) => p.Items ?? [])
      .sort((a, b) => (a.placedAt < b.placedAt ? -1 : 1))
      .map((o) => orderView(o, true)),
  };
}

export async function getPickup(principal: Principal, communityId: string, code: string) {
  const order = await loadOrder(communityId, code);
  await assertHandles(principal, communityId, order.itemId);
  return orderView(order, true);
}

/** 通知领取: the provider has it ready; the resident is told in the same transaction. */
export async function markReady({ principal, communityId, orderCode: code, now }: OrderRequest) {
  const order = await loadOrder(communityId, code);
  const { orderCode } = order;
  await assertHandles(principal, communityId, order.itemId);
  if (order.status === 'ready') return orderView(order, true);
  if (order.status !== 'placed') throw conflict(order.status === 'fulfilled' ? '订单已完成' : '订单已取消');
  const nowIso = now.toISOString();
  const writes = {
    order: redemptionOrders.transactUpdate(
      { communityId, orderCode, status: 'ready', readyAt: nowIso },
      { condition: { attr: 'status', eq: 'placed' } },
    ),
    notice: notificationIntent(
      {
        communityId,
        event: 'timebank.orderReady',
        dedupeKey: `${orderCode}:ready`,
        recipientId: order.userId,
        title: '兑换可领取',
        body: `您兑换的「${order.itemName}」已准备好，请凭取货码 ${orderCode} 领取`,
        link: '/packages/volunteer/pages/orders/index',
        data: { item: order.itemName, code: orderCode, quantity: String(order.quantity) },
      },
      now,
    ),
  };
  try {
    await transact(writes);
  } catch (error) {
    if (failedWrites(error, writes)?.has('order')) throw conflict('订单状态刚刚发生变化，请刷新');
    throw error;
  }
  return orderView(await loadOrder(communityId, orderCode), true);
}

/** 核销: the code was shown or typed at the counter; a second scan of a fulfilled order is a no-op. */
export async function fulfil({ principal, communityId, orderCode: code, now }: OrderRequest) {
  const order = await loadOrder(communityId, code);
  const { orderCode } = order;
  await assertHandles(principal, communityId, order.itemId);
  if (order.status === 'fulfilled') return orderView(order, true);
  if (order.status === 'cancelled') throw conflict('订单已取消');
  try {
    await redemptionOrders.update(
      {
        communityId,
        orderCode,
        status: 'fulfilled',
        fulfilledAt: now.toISOString(),
        fulfilledBy: principal.userId,
      },
      {
        condition: {
          or: [
            { attr: 'status', eq: 'placed' },
            { attr: 'status', eq: 'ready' },
          ],
        },
      },
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException')
      throw conflict('订单状态刚刚发生变化，请刷新');
    throw error;
  }
  return orderView(await loadOrder(communityId, orderCode), true);
}
