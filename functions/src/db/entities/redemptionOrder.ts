import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { ORDER_STATUSES } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';

/**
 * A redemption order (兑换订单), keyed by its pickup code (取货码): the provider types or scans the
 * code to find and fulfil it, and the put's condition keeps codes unique. GSI1 is the open-orders
 * queue by item (providers read their items' slices); GSI2 lists a resident's orders.
 */
export const RedemptionOrderEntity = new Entity({
  name: 'RedemptionOrder',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    orderCode: string().key(),
    itemId: string(),
    itemName: string(),
    userId: string(),
    holderName: string(),
    quantity: number(),
    points: number(),
    status: string().enum(...ORDER_STATUSES),
    placedAt: string(),
    readyAt: string().optional(),
    fulfilledAt: string().optional(),
    fulfilledBy: string().optional(),
    cancelledAt: string().optional(),
    postingId: string(),
    /** Whether the per-person counter was moved (items with a limit), so a cancel moves it back. */
    countsTowardLimit: boolean().default(false),
    /**
     * 通存通兑: the redeeming resident's own community, whose points paid (the order lives in the item's
     * community, which hands it over); absent for an order of one's own community.
     */
    fromCommunityId: string().optional(),
    fromCommunityName: string().optional(),
    /** The community the order lives in, for the resident's list in her own community. */
    communityName: string().optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>((o) => orderQueueKeys(o).GSI1PK)
      // A status change moves the order between the open and closed queues (same sort key).
      .updateLink<typeof prev>((o) =>
        typeof o.status === 'string' && typeof o.communityId === 'string'
          ? orderQueue(o.communityId, isOpen(o.status))
          : undefined,
      ),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((o) => orderQueueKeys(o).GSI1SK),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      // A resident's orders list under the community whose points paid: 我的兑换 in her community
      // shows the orders she placed in the street's other communities too (通存通兑).
      .link<typeof prev>(
        ({ communityId, fromCommunityId, placedAt, orderCode }) =>
          `TBORDER#${fromCommunityId ?? communityId}#${placedAt}#${orderCode}`,
      ),
  })),
  computeKey: ({ communityId, orderCode }) => ({ PK: `C#${communityId}#TB#ORDER#${orderCode}`, SK: 'ORDER' }),
});
export const redemptionOrders = RedemptionOrderEntity.build(Repository);
export type RedemptionOrderItem = FormattedItem<typeof RedemptionOrderEntity>;

const isOpen = (status: string) => status === 'placed' || status === 'ready';
export const orderQueue = (communityId: string, open: boolean) =>
  `C#${communityId}#TB#ORDERS#${open ? 'open' : 'closed'}`;

/** Queue keys for an order's status. */
export function orderQueueKeys(o: {
  communityId: string;
  status: string;
  itemId: string;
  placedAt: string;
  orderCode: string;
}) {
  return { GSI1PK: orderQueue(o.communityId, isOpen(o.status)), GSI1SK: `${o.itemId}#${o.placedAt}#${o.orderCode}` };
}

/** T6 / T15 A person's orders (in one community, newest first for 我的兑换; in all for their data export). */
export const ordersOf = RedemptionOrderEntity.build(AccessPattern)
  .schema(
    map({
      userId: string(),
      communityId: string().optional(),
      newestFirst: boolean().optional(),
      /** 待领取 and the like: only orders in this status (filtered in DynamoDB). */
      status: string()
        .enum(...ORDER_STATUSES)
        .optional(),
      page: pageInput,
    }),
  )
  .pattern(({ userId, communityId, newestFirst, status, page }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: communityId ? `TBORDER#${communityId}#` : 'TBORDER#' },
    options: {
      reverse: newestFirst,
      ...pageOptions(page),
      ...(status ? { filters: { RedemptionOrder: { attr: 'status' as const, eq: status } } } : {}),
    },
  }))
  .meta({ title: 'T6' });

/** T8 A community's open orders, all of them or one catalogue item's. */
export const openOrders = RedemptionOrderEntity.build(AccessPattern)
  .schema(map({ communityId: string(), itemId: string().optional() }))
  .pattern(({ communityId, itemId }) => ({
    index: 'GSI1',
    partition: orderQueue(communityId, true),
    ...(itemId ? { range: { beginsWith: `${itemId}#` } } : {}),
    options: pageOptions(undefined),
  }))
  .meta({ title: 'T8' });
