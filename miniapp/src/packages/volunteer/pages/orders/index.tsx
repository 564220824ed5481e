import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ORDER_STATUS_LABELS, PARTICIPANTS, type OrderView, timebankRoutes, timebankStreetRoutes } from '@linli/shared';
import { call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Dialog } from '@/components/Dialog/Dialog';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime, formatInvitationCode } from '@/lib/format';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import '@/packages/volunteer/volunteer.scss';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

const TONES: Record<OrderView['status'], Tone> = {
  placed: 'warning',
  ready: 'success',
  fulfilled: 'neutral',
  cancelled: 'neutral',
};
const open = (o: OrderView) => o.status === 'placed' || o.status === 'ready';

function Orders({ communityId }: { communityId: string }) {
  const orders = useAsync(() => call(timebankRoutes.myOrders, { params: { communityId } }), [communityId]);
  const [cancelling, setCancelling] = useState<OrderView>();
  useReshow(() => void orders.reload());
  usePullDownRefresh(() => {
    void orders.reload();
    Taro.stopPullDownRefresh();
  });

  const { submit: cancel, busy } = useSubmit(
    async (order: OrderView) => {
      // 通存通兑: an order in another community of the street is cancelled in both ledgers at once.
      const updated = order.community
        ? await call(timebankStreetRoutes.cancelAcross, {
            params: { communityId, atCommunityId: order.community.communityId, orderCode: order.orderCode },
          })
        : await call(timebankRoutes.cancelOrder, { params: { communityId, orderCode: order.orderCode } });
      orders.setData((cur) =>
        cur ? { items: cur.items.map((o) => (o.orderCode === updated.orderCode ? updated : o)) } : cur,
      );
      void Taro.showToast({ title: '已取消，积分已退回', icon: 'none' });
      setCancelling(undefined);
    },
    { onError: toastError },
  );

  return (
    <AsyncView
      state={orders}
      testId="orders"
      isEmpty={(o) => o.items.length === 0}
      empty={{ icon: 'pickup', title: '还没有兑换记录', hint: '在“积分兑换”里用积分兑换社区服务或公益礼品。' }}
    >
      {({ items }) => (
        <View>
          {items.some((o) => o.status === 'placed') && (
            <SubscribePrompt
              events={['timebank.orderReady']}
              reason="兑换的物品准备好时通过微信提醒您"
              testId="orders-subscribe"
            />
          )}
          {items.map((o) => (
            <Card key={o.orderCode} testId={`order-${o.orderCode}`}>
              <View className="vol__row-head">
                <Text className="vol__row-title">
                  {o.itemName} × {o.quantity}
                </Text>
                <StatusTag tone={TONES[o.status]} testId="order-status">
                  {ORDER_STATUS_LABELS[o.status]}
                </StatusTag>
              </View>
              <Text className="vol__line">
                {o.points} 积分 · {formatDateTime(o.placedAt)}
              </Text>
              {o.community && (
                <Text className="vol__line" data-testid="order-community">
                  街道通兑 · 由{o.community.name}交付
                </Text>
              )}
              {open(o) && (
                <View className="vol__center">
                  <QrCode value={o.orderCode} size={300} testId="order-qr" />
                  <Text className="vol__code" data-testid="order-code">
                    {formatInvitationCode(o.orderCode)}
                  </Text>
                  <Text className="vol__note">
                    {o.status === 'ready' ? '已可领取：' : ''}向{o.community ? `${o.community.name}的` : ''}
                    服务提供者或居委会出示取货码
                  </Text>
                  <ActionButton size="small" variant="plain" onClick={() => setCancelling(o)} testId="order-cancel">
                    取消兑换
                  </ActionButton>
                </View>
              )}
              {o.fulfilledAt && <Text className="vol__note">{formatDateTime(o.fulfilledAt)} 已完成</Text>}
            </Card>
          ))}
          <Dialog
            open={!!cancelling}
            title="取消兑换"
            danger
            busy={busy}
            confirmText="确认取消"
            onConfirm={() => cancelling && void cancel(cancelling)}
            onCancel={() => setCancelling(undefined)}
            testId="cancel-order-dialog"
          >
            <Text className="vol__text">取消后 {cancelling?.points ?? 0} 积分退回您的账户，物品放回库存。</Text>
          </Dialog>
        </View>
      )}
    </AsyncView>
  );
}

/** 我的兑换: orders with their pickup codes (text and QR) and cancelling an unfulfilled one. */
export default function OrdersPage() {
  return (
    <Page testId="page-orders">
      <ActingBanner />
      <RoleGate roles={PARTICIPANTS} hint="绑定房屋的居民可以用积分兑换。">
        {(communityId) => <Orders communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
