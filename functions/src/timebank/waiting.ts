import type { WaitingItem } from '@linli/shared';
import { timebank } from '../db/registries/timebank';
import type { CommunityRequest } from '../commons/serviceRequest';

/** My orders looked at: the newest, as 我的兑换 shows them. */
const ORDERS_READ = 100;

/** 待领取 for the home page: my redemption orders the provider has made ready; one query of my orders. */
export async function ordersReadyForPickup({
  principal,
  communityId,
}: Omit<CommunityRequest, 'now'>): Promise<WaitingItem[]> {
  const { Items = [] } = await timebank.query
    .ordersOf({
      userId: principal.userId,
      communityId,
      newestFirst: true,
      status: 'ready',
      page: { limit: ORDERS_READ },
    })
    .send();
  return Items.map((o) => ({
    kind: 'pickup' as const,
    key: `pickup:${o.orderCode}`,
    title: `${o.itemName} × ${o.quantity}`,
    detail: `可以领取了 · 取货码 ${o.orderCode}`,
    action: '去领取',
    link: '/packages/volunteer/pages/orders/index',
    overdue: false,
    since: o.readyAt ?? o.placedAt,
  }));
}
