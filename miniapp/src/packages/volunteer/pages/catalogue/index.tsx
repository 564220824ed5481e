import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { CATALOGUE_KINDS, COMMITTEE, type CatalogueItemView, timebankRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart } from '@/components/charts';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { newRequestId } from '@/packages/volunteer/lib/requestId';
import { ItemDialog } from './ItemDialog';
import '@/packages/volunteer/volunteer.scss';

const STREET_SETTINGS_PAGE = '/packages/volunteer/pages/street-settings/index';

function Catalogue({ communityId }: { communityId: string }) {
  const items = useAsync(
    () => call(timebankRoutes.catalogue, { params: { communityId }, query: { include: 'all' } }),
    [communityId],
  );
  const [creating, setCreating] = useState(false);
  const [restocking, setRestocking] = useState<{ item: CatalogueItemView; requestId: string }>();
  const [quantity, setQuantity] = useState('');
  const restock = useSubmit(async (r: { item: CatalogueItemView; requestId: string }) => {
    await call(timebankRoutes.restock, {
      params: { communityId, itemId: r.item.itemId },
      body: { quantity: Number(quantity) || 0, requestId: r.requestId },
    });
    setRestocking(undefined);
    await items.reload();
  });
  const toggle = async (i: CatalogueItemView) => {
    try {
      await call(timebankRoutes.updateItem, {
        params: { communityId, itemId: i.itemId },
        body: { status: i.status === 'active' ? 'archived' : 'active' },
      });
      await items.reload();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <View>
      <ActionButton block onClick={() => setCreating(true)} testId="catalogue-create">
        上架新项目
      </ActionButton>
      <Text
        className="vol__line"
        onClick={() => void Taro.navigateTo({ url: STREET_SETTINGS_PAGE })}
        data-testid="catalogue-street-settings"
      >
        向街道其他社区开放哪些项目 ›
      </Text>
      <AsyncView
        state={items}
        testId="catalogue"
        isEmpty={(c) => c.items.length === 0}
        empty={{ icon: 'catalogue', title: '目录还是空的', hint: '上架理发、家电维修、陪诊等社区服务和公益礼品。' }}
      >
        {({ items: list }) => (
          <View style={{ marginTop: '24px' }}>
            <Card title="库存与已兑出">
              <BarChart
                data={list.map((i) => ({ label: i.name, value: i.stock + i.redeemed, part: i.redeemed }))}
                partLabel="已兑出"
                valueLabel="入库总数"
                unit="件"
                testId="stock-chart"
                title="库存"
              />
            </Card>
            {list.map((i) => (
              <Card key={i.itemId} testId={`catalogue-${i.itemId}`}>
                <View className="vol__row-head">
                  <Text className="vol__row-title">{i.name}</Text>
                  <StatusTag tone={i.status === 'active' ? 'success' : 'neutral'}>
                    {i.status === 'active' ? CATALOGUE_KINDS[i.kind] : '已下架'}
                  </StatusTag>
                </View>
                <Text className="vol__line">
                  {i.price} 积分 · 库存 {i.stock} · 已兑出 {i.redeemed}
                  {i.perPersonLimit ? ` · 每人限 ${i.perPersonLimit}` : ''}
                  {i.provider ? ` · 提供者 ${i.provider.nickname}` : ''}
                  {i.streetOpen ? ' · 向街道开放' : ''}
                </Text>
                <View className="vol__actions">
                  <ActionButton
                    size="small"
                    onClick={() => {
                      setQuantity('');
                      restock.reset();
                      setRestocking({ item: i, requestId: newRequestId() });
                    }}
                    testId="catalogue-restock"
                  >
                    入库
                  </ActionButton>
                  <ActionButton size="small" variant="plain" onClick={() => void toggle(i)} testId="catalogue-toggle">
                    {i.status === 'active' ? '下架' : '重新上架'}
                  </ActionButton>
                </View>
              </Card>
            ))}
          </View>
        )}
      </AsyncView>
      <ItemDialog
        communityId={communityId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void items.reload()}
      />
      <Dialog
        open={!!restocking}
        title={`入库：${restocking?.item.name ?? ''}`}
        busy={restock.busy}
        onConfirm={() => restocking && void restock.submit(restocking)}
        onCancel={() => setRestocking(undefined)}
        testId="restock-dialog"
      >
        <TextField
          label="入库数量"
          value={quantity}
          onChange={(v) => setQuantity(v.replace(/\D/g, ''))}
          type="number"
          error={restock.errorFor('body.quantity')}
          testId="field-quantity"
          inputTestId="input-quantity"
        />
        <Text className="vol__note">入库记为“入库来源 → 库存”的分录，可在积分账本中查到。</Text>
      </Dialog>
    </View>
  );
}

/** 兑换目录与库存 (居委会): list, add, restock, archive. */
export default function CataloguePage() {
  return (
    <Page testId="page-catalogue">
      <RoleGate roles={COMMITTEE} hint="只有居委会可以管理兑换目录。">
        {(communityId) => <Catalogue communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
