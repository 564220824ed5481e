import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  CATALOGUE_KINDS,
  PARTICIPANTS,
  type CatalogueItemView,
  timebankRoutes,
  timebankStreetRoutes,
  volunteerRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES } from '@/routes';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { newRequestId } from '@/packages/volunteer/lib/requestId';
import { quantityCap } from '@/packages/volunteer/lib/quantityCap';
import '@/packages/volunteer/volunteer.scss';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

type Scope = 'here' | 'street';
const SCOPES = [
  { value: 'here', label: '本社区' },
  { value: 'street', label: '街道其他社区' },
] as const;

/** A community's shelf: this community's (no id), or another of the street's (通存通兑). */
interface Shelf {
  communityId?: string;
  name?: string;
  items: CatalogueItemView[];
}

interface Pick {
  item: CatalogueItemView;
  requestId: string;
  /** 通存通兑: the community of the street whose item it is. */
  at?: { communityId: string; name: string };
}

function Mall({ communityId }: { communityId: string }) {
  const [scope, setScope] = useState<Scope>('here');
  const data = useAsync(async () => {
    const [shelves, mine] = await Promise.all([
      scope === 'here'
        ? call(timebankRoutes.catalogue, { params: { communityId } }).then((c): Shelf[] => [{ items: c.items }])
        : call(timebankStreetRoutes.streetCatalogue, { params: { communityId } }).then((s): Shelf[] => s.communities),
      call(volunteerRoutes.myVolunteering, { params: { communityId } }),
    ]);
    return { shelves, balance: mine.balance };
  }, [communityId, scope]);
  const [chosen, setChosen] = useState<Pick>();
  const [quantity, setQuantity] = useState(1);
  useReshow(() => void data.reload());
  usePullDownRefresh(() => {
    void data.reload();
    Taro.stopPullDownRefresh();
  });

  const {
    submit: redeem,
    busy,
    error,
    reset,
  } = useSubmit(async (pick: Pick) => {
    if (pick.at)
      await call(timebankStreetRoutes.redeemAcross, {
        params: { communityId },
        body: { toCommunityId: pick.at.communityId, itemId: pick.item.itemId, quantity, requestId: pick.requestId },
      });
    else
      await call(timebankRoutes.redeem, {
        params: { communityId, itemId: pick.item.itemId },
        body: { quantity, requestId: pick.requestId },
      });
    setChosen(undefined);
    void Taro.showToast({ title: '兑换成功', icon: 'success' });
    await Taro.navigateTo({ url: ROUTES.volunteering.orders });
  });
  const cap = chosen && data.data ? quantityCap(chosen.item, data.data.balance) : undefined;
  const left = (i: CatalogueItemView) => (i.perPersonLimit ? i.perPersonLimit - (i.myRedeemed ?? 0) : undefined);

  return (
    <View>
      <ChoiceList options={SCOPES} value={scope} onChange={setScope} testId="mall-scope" label="兑换范围" />
      <AsyncView
        state={data}
        testId="mall"
        isEmpty={(d) => d.shelves.every((s) => s.items.length === 0)}
        empty={
          scope === 'here'
            ? { icon: 'gift', title: '暂时没有可兑换的项目', hint: '居委会上架社区服务和公益礼品后会出现在这里。' }
            : {
                icon: 'gift',
                title: '街道其他社区暂时没有向街道开放的项目',
                hint: '其他社区把项目设为“向街道开放”后，您可以用本社区的积分兑换。',
              }
        }
      >
        {(d) => (
          <View>
            <Card testId="mall-balance">
              <View className="vol__row-head">
                <Text className="vol__line">我的积分</Text>
                <Text className="vol__amount" data-testid="mall-balance-value">
                  {d.balance}
                </Text>
              </View>
              <Text
                className="vol__line"
                onClick={() => void Taro.navigateTo({ url: ROUTES.volunteering.orders })}
                data-testid="mall-orders"
              >
                我的兑换订单 ›
              </Text>
            </Card>
            {d.shelves.map((shelf) => (
              <View
                key={shelf.communityId ?? 'here'}
                data-testid={shelf.communityId ? `shelf-${shelf.communityId}` : undefined}
              >
                {shelf.name && (
                  <Text className="vol__title" data-testid="shelf-name">
                    {shelf.name}
                  </Text>
                )}
                {shelf.items.map((i) => (
                  <Card key={i.itemId} testId={`item-${i.itemId}`}>
                    <View className="vol__row-head">
                      <Text className="vol__row-title">{i.name}</Text>
                      <StatusTag tone={i.kind === 'service' ? 'info' : 'success'}>{CATALOGUE_KINDS[i.kind]}</StatusTag>
                    </View>
                    <Text className="vol__line">{i.description}</Text>
                    <Text className="vol__line">
                      {i.price} 积分 · 剩余 {i.stock} 件{i.perPersonLimit ? ` · 每人限 ${i.perPersonLimit} 件` : ''}
                      {i.provider ? ` · 提供者 ${i.provider.nickname}` : ''}
                    </Text>
                    <View className="vol__actions">
                      <ActionButton
                        size="small"
                        disabled={!i.available || d.balance < i.price || left(i) === 0}
                        onClick={() => {
                          setQuantity(1);
                          reset();
                          setChosen({
                            item: i,
                            requestId: newRequestId(),
                            at: shelf.communityId
                              ? { communityId: shelf.communityId, name: shelf.name ?? '' }
                              : undefined,
                          });
                        }}
                        testId="item-redeem"
                      >
                        {!i.available
                          ? '已兑完'
                          : left(i) === 0
                            ? '已达限兑'
                            : d.balance < i.price
                              ? '积分不足'
                              : '兑换'}
                      </ActionButton>
                    </View>
                  </Card>
                ))}
              </View>
            ))}
            <Dialog
              open={!!chosen}
              title={`兑换：${chosen?.item.name ?? ''}`}
              busy={busy}
              confirmText="确认兑换"
              onConfirm={() => chosen && void redeem(chosen)}
              onCancel={() => setChosen(undefined)}
              testId="redeem-dialog"
            >
              {chosen && cap && (
                <View>
                  <View className="vol__row-head">
                    <Text className="vol__line">数量</Text>
                    <View className="vol__stepper">
                      <ActionButton
                        size="small"
                        variant="secondary"
                        disabled={quantity <= 1}
                        onClick={() => setQuantity((q) => q - 1)}
                        testId="redeem-less"
                      >
                        －
                      </ActionButton>
                      <Text className="vol__amount" data-testid="redeem-quantity">
                        {quantity}
                      </Text>
                      <ActionButton
                        size="small"
                        variant="secondary"
                        disabled={quantity >= cap.max}
                        onClick={() => setQuantity((q) => q + 1)}
                        testId="redeem-more"
                      >
                        ＋
                      </ActionButton>
                    </View>
                  </View>
                  {quantity >= cap.max && (
                    <Text className="vol__note" data-testid="redeem-cap" aria-live="polite">
                      {cap.why}，不能再加了
                    </Text>
                  )}
                  <Text className="vol__line" data-testid="redeem-cost">
                    共需 {quantity * chosen.item.price} 积分，兑换后余额 {d.balance - quantity * chosen.item.price}
                  </Text>
                  <Text className="vol__note">
                    {chosen.at
                      ? `用本社区的积分兑换${chosen.at.name}的项目，由${chosen.at.name}居委会交付，请凭取货码到${chosen.at.name}领取；未领取前可以取消，积分全额退回。`
                      : '兑换后凭取货码领取或预约服务；未领取前可以取消，积分全额退回。'}
                  </Text>
                  {error && (
                    <Text className="vol__error" data-testid="redeem-error">
                      {error}
                    </Text>
                  )}
                </View>
              )}
            </Dialog>
          </View>
        )}
      </AsyncView>
    </View>
  );
}

/** 积分兑换: community services and charity gifts for points. */
export default function MallPage() {
  return (
    <Page testId="page-mall">
      <ActingBanner />
      <RoleGate roles={PARTICIPANTS} hint="绑定房屋的居民可以用积分兑换。">
        {(communityId) => <Mall communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
