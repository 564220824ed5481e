import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  accounts,
  crossCommunityRedemptionEntries,
  normaliseCode,
  reversedEntries,
  type StreetCatalogueView,
} from '@linli/shared';
import { communities } from '../db/entities/community';
import { ledgerPostings } from '../db/entities/ledgerPosting';
import { redemptionCounts } from '../db/entities/redemptionCount';
import { redemptionOrders, type RedemptionOrderItem } from '../db/entities/redemptionOrder';
import type { Draft } from '../db/draft';
import type { Writes } from '../db/transactions';
import { badRequest, conflict, notFound } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { humanCode } from '../commons/ids';
import type { CommunityRequest } from '../commons/serviceRequest';
import { catalogueOf, inWindow, itemView, loadItem, redeemableAsShown } from './catalogue';
import { postingIdOf } from './ledger/posting';
import { otherCommunitiesOfStreet, prefixed, transactRetrying } from './streetExchange';
import { orderView, type ResidentRequest } from './orders';
import { getSettings } from './settings';

/**
 * 时间银行 通存通兑, redemption (issue 15 §2): a resident of community A redeems an item of community B's
 * catalogue that B offers to the street (`CatalogueItem.streetOpen`) with her points from A. One
 * TransactWrite carries A's posting (r:resident −cost, settle:B +cost), B's posting (settle:A −cost,
 * issuance +cost, stock −q, redeemed +q: a redemption in B's books), the order in B (B's committee or
 * the item's provider hands it over; it lists under A for the resident) and B's per-person counter.
 * The conditions are those of a redemption at home — the resident's `balance >= cost`, the item's
 * `stock >= q`, listed, offered to the street, in its window and at the price shown — so concurrent
 * redemptions from several communities can never oversell or overdraw. The key names the item.
 */

const FROM = 'from:';
const TO = 'to:';
const CODE_ATTEMPTS = 4;

/** The other communities of my street that accept the street, and what each offers to the street now. */
export async function streetCatalogue({
  communityId,
  now,
}: Pick<CommunityRequest, 'communityId' | 'now'>): Promise<StreetCatalogueView> {
  const { streetId, streetName, others } = await otherCommunitiesOfStreet(communityId);
  const nowIso = now.toISOString();
  const rows = await Promise.all(
    others.map(async (c) => {
      if (!(await getSettings(c.communityId)).street?.open) return [];
      const items = (await catalogueOf(c.communityId))
        .filter((i) => i.streetOpen && inWindow(i, nowIso))
        .sort((a, b) => a.price - b.price)
        .map((i) => itemView(i, nowIso));
      return items.length ? [{ communityId: c.communityId, name: c.name, items }] : [];
    }),
  );
  return { streetId, streetName, communities: rows.flat() };
}

export interface RedeemAcrossRequest extends ResidentRequest {
  input: { toCommunityId: string; itemId: string; quantity: number; requestId: string };
}

/** 兑换街道其他社区的项目: points here, the item and the order there, in one transaction. */
export async function redeemAcross({ user, communityId, input, now, proxyBy }: RedeemAcrossRequest) {
  const { toCommunityId, itemId, quantity } = input;
  const key = `street-redeem:${user.userId}:${toCommunityId}:${itemId}:${input.requestId}`;
  const fingerprint = requestFingerprint({
    route: 'timebank.redeemAcross',
    caller: user.userId,
    params: { communityId },
    body: input,
  });
  // The posting here is the request's record: the same request again answers its order (even if the
  // item sold out since), another request under its id is refused before anything is checked.
  const postingHere = postingIdOf(communityId, key);
  const replay = async () => {
    const { Item: posted } = await ledgerPostings.get({ communityId, postingId: postingHere }, { consistent: true });
    if (!posted) return undefined;
    assertSameRequest(posted.requestFingerprint, fingerprint);
    const { Item: order } = await redemptionOrders.get(
      { communityId: toCommunityId, orderCode: posted.refs.orderCode ?? '' },
      { consistent: true },
    );
    if (!order) throw notFound('订单');
    return orderView(order);
  };
  const earlier = await replay();
  if (earlier) return earlier;

  if (toCommunityId === communityId)
    throw badRequest('兑换社区与本社区相同', [
      { field: 'body.toCommunityId', message: '本社区的项目请在“本社区”兑换' },
    ]);
  const [{ Item: from }, { Item: to }] = await Promise.all([
    communities.get({ communityId }),
    communities.get({ communityId: toCommunityId }),
  ]);
  if (!from || !to) throw notFound('社区');
  if (!from.streetId || from.streetId !== to.streetId)
    throw badRequest('只能兑换同一街道其他社区的项目', [
      { field: 'body.toCommunityId', message: `${to.name}不在${from.street ?? '本街道'}` },
    ]);
  if (!(await getSettings(toCommunityId)).street?.open) throw conflict(`${to.name}暂不接受其他社区居民兑换`);
  const item = await loadItem(toCommunityId, itemId);
  const nowIso = now.toISOString();
  if (!item.streetOpen) throw conflict(`${to.name}的「${item.name}」只供本社区居民兑换`);
  if (!inWindow(item, nowIso)) throw conflict('该项目当前不在兑换期内');
  const limit = item.perPersonLimit;
  if (limit && quantity > limit) throw conflict(`每人限兑 ${limit} 件`);
  if (item.stock < quantity) throw conflict(item.stock ? `库存只剩 ${item.stock} 件` : '已兑完');

  const cost = item.price * quantity;
  const me = accounts.resident(user.userId);
  const entries = crossCommunityRedemptionEntries({
    fromCommunityId: communityId,
    fromAccount: me,
    toCommunityId,
    itemId,
    quantity,
    cost,
  });
  const memo = `兑换 ${to.name}「${item.name}」× ${quantity}${proxyBy ? `（${proxyBy}代办）` : ''}`;
  // The item as it was offered: listed, to the street, at this price, in its window (and stock >= q).
  const itemCondition = { and: [...redeemableAsShown(item.price, nowIso), { attr: 'streetOpen', eq: true }] };
  for (let draw = 0; draw < CODE_ATTEMPTS; draw++) {
    const orderCode = humanCode(8);
    const shared = {
      idempotencyKey: key,
      requestFingerprint: fingerprint,
      kind: 'redemption' as const,
      actorId: user.userId,
      at: nowIso,
      refs: { itemId, orderCode, userId: user.userId, fromCommunity: communityId, toCommunity: toCommunityId },
    };
    const here = prefixed(FROM, { ...shared, communityId, entries: entries.from, memo });
    const there = prefixed(
      TO,
      { ...shared, communityId: toCommunityId, entries: entries.to, memo: `${from.name}居民 ${memo}` },
      { [accounts.stock(itemId)]: itemCondition },
    );
    const order: Draft<RedemptionOrderItem> = {
      communityId: toCommunityId,
      orderCode,
      itemId,
      itemName: item.name,
      userId: user.userId,
      holderName: user.nickname,
      quantity,
      points: cost,
      status: 'placed',
      placedAt: nowIso,
      postingId: there.postingId,
      countsTowardLimit: !!limit,
      fromCommunityId: communityId,
      fromCommunityName: from.name,
      communityName: to.name,
    };
    const writes: Writes = {
      ...here.writes,
      ...there.writes,
      order: redemptionOrders.transactPut(order, { condition: { attr: 'orderCode', exists: false } }),
      limitCount: limit
        ? redemptionCounts.transactUpdate(
            { communityId: toCommunityId, itemId, userId: user.userId, count: $add(quantity) },
            {
              condition: {
                or: [
                  { attr: 'count', exists: false },
                  { attr: 'count', lte: limit - quantity },
                ],
              },
            },
          )
        : undefined,
    };
    const outcome = await transactRetrying(writes);
    if (outcome === 'written') return orderView(order);
    if (outcome.has(`${FROM}posting`) || outcome.has(`${TO}posting`)) {
      const again = await replay();
      if (again) return again;
      throw conflict('请求正在处理，请稍后刷新');
    }
    if (outcome.has(`${FROM}balance:${me}`)) throw conflict(`积分余额不足，需要 ${cost} 积分`);
    if (outcome.has(`${TO}balance:${accounts.stock(itemId)}`))
      throw conflict('库存不足、项目已下架或不再向街道开放，请刷新后再试');
    if (outcome.has('limitCount')) throw conflict(`每人限兑 ${limit} 件`);
    // Only the order's condition failed: the pickup code is taken; draw another.
  }
  throw conflict('生成取货码失败，请重试');
}

export interface CancelAcrossRequest extends CommunityRequest {
  /** The community the order lives in (the item's). */
  atCommunityId: string;
  orderCode: string;
}

/**
 * 取消跨社区兑换: the resident's own unfulfilled order in another community. Both postings come back
 * negated (points to her account here, settle:B back; in B settle:A back, the pieces to the shelf) with
 * the order's new status and B's counter, once: each posting's key is the order's.
 */
export async function cancelAcross({
  principal,
  communityId,
  atCommunityId,
  orderCode: code,
  now,
}: CancelAcrossRequest) {
  const orderCode = normaliseCode(code);
  const { Item: order } = /^[A-Z2-9]{8}$/.test(orderCode)
    ? await redemptionOrders.get({ communityId: atCommunityId, orderCode }, { consistent: true })
    : { Item: undefined };
  if (!order || order.userId !== principal.userId || order.fromCommunityId !== communityId) throw notFound('订单');
  if (order.status === 'cancelled') return orderView(order);
  if (order.status === 'fulfilled') throw conflict('订单已完成，不能取消');
  const entries = crossCommunityRedemptionEntries({
    fromCommunityId: communityId,
    fromAccount: accounts.resident(order.userId),
    toCommunityId: atCommunityId,
    itemId: order.itemId,
    quantity: order.quantity,
    cost: order.points,
  });
  const nowIso = now.toISOString();
  const shared = {
    idempotencyKey: `cancel-order:${atCommunityId}:${orderCode}`,
    kind: 'orderCancel' as const,
    actorId: principal.userId,
    at: nowIso,
    refs: {
      itemId: order.itemId,
      orderCode,
      userId: order.userId,
      fromCommunity: communityId,
      toCommunity: atCommunityId,
    },
  };
  const memo = `取消兑换 ${order.communityName ?? ''}「${order.itemName}」× ${order.quantity}，积分退回`;
  const here = prefixed(FROM, { ...shared, communityId, entries: reversedEntries(entries.from), memo });
  const there = prefixed(TO, {
    ...shared,
    communityId: atCommunityId,
    entries: reversedEntries(entries.to),
    memo: `${order.fromCommunityName ?? ''}居民 ${memo}`,
  });
  const writes: Writes = {
    ...here.writes,
    ...there.writes,
    order: redemptionOrders.transactUpdate(
      { communityId: atCommunityId, orderCode, status: 'cancelled', cancelledAt: nowIso },
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
          { communityId: atCommunityId, itemId: order.itemId, userId: order.userId, count: $add(-order.quantity) },
          { condition: { attr: 'count', gte: order.quantity } },
        )
      : undefined,
  };
  const outcome = await transactRetrying(writes);
  if (outcome !== 'written' && !outcome.has(`${FROM}posting`)) throw conflict('订单状态刚刚发生变化，请刷新');
  const { Item: after } = await redemptionOrders.get({ communityId: atCommunityId, orderCode }, { consistent: true });
  return orderView(after ?? order);
}
