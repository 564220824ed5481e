import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COMMITTEE, type CatalogueItemView, timebankRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { Toggle } from '@/components/Toggle/Toggle';
import { useAsync } from '@/hooks/useAsync';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import '@/packages/volunteer/volunteer.scss';

/**
 * 街道通存通兑 (committee): whether this community accepts the street's residents — their donations to
 * its 爱心基金 or residents and their redemptions of its items — and, item by item, which of its
 * catalogue is offered to the street (default off: an item is for this community's residents only).
 */
function StreetSettings({ communityId }: { communityId: string }) {
  const data = useAsync(async () => {
    const [settings, catalogue] = await Promise.all([
      call(timebankRoutes.settings, { params: { communityId } }),
      call(timebankRoutes.catalogue, { params: { communityId }, query: { include: 'all' } }),
    ]);
    return { settings, items: catalogue.items };
  }, [communityId]);

  const saveOpen = async (open: boolean) => {
    const current = data.data?.settings;
    if (!current) return;
    try {
      // The expiry is sent as it is: this page changes only the street switch.
      const settings = await call(timebankRoutes.updateSettings, {
        params: { communityId },
        body: { expiry: current.expiry, street: { open } },
      });
      data.setData((d) => (d ? { ...d, settings } : d));
      void Taro.showToast({ title: open ? '已接受街道内捐赠和兑换' : '已暂停街道内捐赠和兑换', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };
  const saveItem = async (item: CatalogueItemView, streetOpen: boolean) => {
    try {
      const updated = await call(timebankRoutes.updateItem, {
        params: { communityId, itemId: item.itemId },
        body: { streetOpen },
      });
      data.setData((d) => (d ? { ...d, items: d.items.map((i) => (i.itemId === updated.itemId ? updated : i)) } : d));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <AsyncView state={data} testId="street-settings">
      {({ settings, items }) => {
        const open = settings.street?.open ?? true;
        return (
          <View>
            <Card title="接受街道其他社区的居民" testId="street-open-card">
              <View className="vol__row-head">
                <Text className="vol__line">{open ? '接受捐赠和兑换' : '已暂停'}</Text>
                <Toggle
                  checked={open}
                  onChange={(v) => void saveOpen(v)}
                  label="接受街道内跨社区捐赠和兑换"
                  testId="street-open"
                />
              </View>
              <Text className="vol__note">
                开启后，同街道其他社区的居民可以把积分捐给本社区的爱心基金或居民，并用他们社区的积分兑换下面“向街道开放”的项目；
                兑换的订单出现在本社区的待领取里，由本社区交付。积分经两个社区的结算账户记账，街道对账时两边相抵。
                关闭后不再接受新的捐赠和兑换，已下的订单照常交付。
              </Text>
            </Card>
            <Card title="向街道开放的项目" testId="street-items">
              <Text className="vol__note">
                每个项目默认只供本社区居民兑换。开放后，街道其他社区的居民也能兑换，与本社区居民共用同一库存。
              </Text>
              {items.length === 0 && (
                <Text className="vol__line" data-testid="street-items-empty">
                  目录还是空的：先在“兑换目录”上架项目。
                </Text>
              )}
              {items.map((i) => (
                <View key={i.itemId} className="vol__row" data-testid={`street-item-${i.itemId}`}>
                  <View className="vol__row-head">
                    <Text className="vol__row-title">{i.name}</Text>
                    <Toggle
                      checked={!!i.streetOpen}
                      onChange={(v) => void saveItem(i, v)}
                      label={`${i.name} 向街道开放`}
                      testId="street-item-open"
                    />
                  </View>
                  <Text className="vol__line">
                    {i.price} 积分 · 库存 {i.stock} 件{i.status === 'archived' ? ' · 已下架' : ''}
                    {i.streetOpen ? ' · 向街道开放' : ' · 仅本社区'}
                  </Text>
                </View>
              ))}
            </Card>
          </View>
        );
      }}
    </AsyncView>
  );
}

/** 街道通存通兑设置: the committee's switch for the street and, per item, 向街道开放. */
export default function StreetSettingsPage() {
  return (
    <Page testId="page-street-settings">
      <RoleGate roles={COMMITTEE} hint="居委会可以设置本社区是否接受街道内的捐赠和兑换。">
        {(communityId) => <StreetSettings communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
