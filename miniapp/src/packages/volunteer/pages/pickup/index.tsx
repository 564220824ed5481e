import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEMBERS, ORDER_STATUS_LABELS, type OrderView, timebankRoutes } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime, formatInvitationCode } from '@/lib/format';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { ScanButton } from '@/packages/volunteer/components/ScanButton';
import '@/packages/volunteer/volunteer.scss';

function Pickup({ communityId }: { communityId: string }) {
  const queue = useAsync(() => call(timebankRoutes.listPickups, { params: { communityId } }), [communityId]);
  const [code, setCode] = useState('');
  const [order, setOrder] = useState<OrderView>();
  // Looking up and handing over share one busy state and one line for what went wrong.
  const { submit: run, busy, error } = useSubmit((step: () => Promise<void>) => step());
  usePullDownRefresh(() => {
    void queue.reload();
    Taro.stopPullDownRefresh();
  });

  const find = (value: string) =>
    run(async () => {
      setOrder(undefined);
      setOrder(
        await call(timebankRoutes.getPickup, {
          params: { communityId, orderCode: value.replace(/[\s-]/g, '').toUpperCase() },
        }),
      );
    });
  const act = async (route: typeof timebankRoutes.fulfil | typeof timebankRoutes.markReady, done: string) => {
    if (!order) return;
    await run(async () => {
      setOrder(await call(route, { params: { communityId, orderCode: order.orderCode } }));
      void Taro.showToast({ title: done, icon: 'success' });
      void queue.reload();
    });
  };

  return (
    <View>
      <Card title="核对取货码" testId="pickup-lookup">
        <ScanButton label="扫居民的取货码" onResult={(text) => void find(text)} testId="pickup-scan" />
        <TextField
          label="或输入 8 位取货码"
          value={code}
          onChange={setCode}
          maxLength={9}
          placeholder="例如 ABCD-2345"
          testId="field-pickupCode"
          inputTestId="input-pickupCode"
        />
        <ActionButton
          block
          loading={busy}
          disabled={code.replace(/[\s-]/g, '').length !== 8}
          onClick={() => void find(code)}
          testId="pickup-find"
        >
          查询订单
        </ActionButton>
        {error && (
          <Text className="vol__error" data-testid="pickup-error">
            {error}
          </Text>
        )}
      </Card>

      {order && (
        <Card title="订单" testId="pickup-order">
          <View className="vol__row-head">
            <Text className="vol__row-title">
              {order.itemName} × {order.quantity}
            </Text>
            <StatusTag
              tone={order.status === 'fulfilled' ? 'success' : order.status === 'cancelled' ? 'neutral' : 'warning'}
              testId="pickup-status"
            >
              {ORDER_STATUS_LABELS[order.status]}
            </StatusTag>
          </View>
          <Text className="vol__line">
            取货码 {formatInvitationCode(order.orderCode)} · 兑换人 {order.holder ?? ''} ·{' '}
            {formatDateTime(order.placedAt)}
          </Text>
          {(order.status === 'placed' || order.status === 'ready') && (
            <View className="vol__actions">
              <ActionButton
                loading={busy}
                onClick={() => void act(timebankRoutes.fulfil, '已核销')}
                testId="pickup-fulfil"
              >
                确认交付/完成服务
              </ActionButton>
              {order.status === 'placed' && (
                <ActionButton
                  variant="secondary"
                  loading={busy}
                  onClick={() => void act(timebankRoutes.markReady, '已通知居民')}
                  testId="pickup-ready"
                >
                  通知可领取
                </ActionButton>
              )}
            </View>
          )}
        </Card>
      )}

      <Card title="待领取" testId="pickup-queue">
        <AsyncView
          state={queue}
          compact
          testId="pickups"
          isEmpty={(q) => q.items.length === 0}
          empty={{
            icon: 'pickup',
            title: '没有待领取的订单',
            hint: '您提供的项目（居委会：全部项目）被兑换后会出现在这里。',
          }}
        >
          {({ items }) => (
            <View>
              {items.map((o) => (
                <View
                  key={o.orderCode}
                  className="vol__row"
                  onClick={() => setOrder(o)}
                  data-testid={`pickup-${o.orderCode}`}
                >
                  <View className="vol__row-head">
                    <Text className="vol__row-title">
                      {o.itemName} × {o.quantity}
                    </Text>
                    <Text className="vol__line">{ORDER_STATUS_LABELS[o.status]}</Text>
                  </View>
                  <Text className="vol__note">
                    {o.holder} · {formatDateTime(o.placedAt)}
                  </Text>
                </View>
              ))}
            </View>
          )}
        </AsyncView>
      </Card>
    </View>
  );
}

/** 兑换核销: a provider (or the committee) scans or types a pickup code and fulfils the order. */
export default function PickupPage() {
  return (
    <Page testId="page-pickup">
      <RoleGate roles={MEMBERS} hint="兑换项目的服务提供者和居委会可以核销。">
        {(communityId) => <Pickup communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
