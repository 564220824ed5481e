import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { expiryPolicyText, PARTICIPANTS, POSTING_KIND_LABELS, type ResponseOf, timebankRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ColumnChart, StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime, formatInvitationCode } from '@/lib/format';
import { cx } from '@/lib/classNames';
import { ROUTES } from '@/routes';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { DonateDialog } from './DonateDialog';
import '@/packages/volunteer/volunteer.scss';

/** 通存通兑 lives in this subpackage; its path stays out of `ROUTES` (the main package's budget). */
const STREET_DONATE_PAGE = '/packages/volunteer/pages/street-donate/index';

type Wallet = ResponseOf<typeof timebankRoutes.wallet>;

function WalletView({ communityId }: { communityId: string }) {
  const wallet = useAsync(
    () => call(timebankRoutes.wallet, { params: { communityId }, query: { limit: 20 } }),
    [communityId],
  );
  const [donating, setDonating] = useState(false);
  const [showCode, setShowCode] = useState(false);
  const [more, setMore] = useState(false);
  useReshow(() => void wallet.reload());
  usePullDownRefresh(() => {
    void wallet.reload();
    Taro.stopPullDownRefresh();
  });

  const loadMore = async (w: Wallet) => {
    if (!w.nextCursor) return;
    setMore(true);
    try {
      const next = await call(timebankRoutes.wallet, {
        params: { communityId },
        query: { limit: 20, cursor: w.nextCursor },
      });
      wallet.setData((cur) =>
        cur ? { ...cur, movements: [...cur.movements, ...next.movements], nextCursor: next.nextCursor } : cur,
      );
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setMore(false);
    }
  };

  return (
    <AsyncView state={wallet} testId="wallet">
      {(w) => (
        <View>
          <Card testId="wallet-summary">
            <StatTiles
              columns={2}
              tiles={[
                { label: '积分余额', value: w.balance, unit: '分', testId: 'wallet-balance' },
                { label: '服务累计获得', value: w.earned, unit: '分' },
              ]}
            />
            <View className="vol__row-head" style={{ marginTop: '16px' }}>
              <Text className="vol__line" data-testid="wallet-account-code">
                积分账号 {formatInvitationCode(w.accountCode)}
              </Text>
              <Text className="vol__line" onClick={() => setShowCode((s) => !s)} data-testid="wallet-show-code">
                {showCode ? '收起' : '二维码'}
              </Text>
            </View>
            <Text className="vol__note" data-testid="wallet-expiry">
              {expiryPolicyText(w.expiry)}
            </Text>
            {showCode && (
              <View className="vol__center">
                <QrCode value={w.accountCode} size={300} testId="wallet-code-qr" />
                <Text className="vol__note">邻居捐赠积分给您、居委会指定您为队长或服务提供者时，用这个账号</Text>
              </View>
            )}
            <View className="vol__actions">
              <ActionButton size="small" onClick={() => setDonating(true)} testId="wallet-donate">
                捐赠积分
              </ActionButton>
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() => void Taro.navigateTo({ url: ROUTES.volunteering.mall })}
                testId="wallet-mall"
              >
                去兑换
              </ActionButton>
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() => void Taro.navigateTo({ url: STREET_DONATE_PAGE })}
                testId="wallet-street-donate"
              >
                捐给街道其他社区
              </ActionButton>
            </View>
          </Card>

          <Card title="近 6 个月余额" testId="wallet-chart">
            <ColumnChart
              data={w.chart.map((c) => ({ label: `${Number(c.month.slice(5))}月`, value: c.balance }))}
              unit="分"
              height={260}
              testId="balance-chart"
              title="月末积分余额"
            />
          </Card>

          <Card title="积分明细" testId="wallet-statement">
            {w.movements.length === 0 && (
              <Text className="muted">还没有积分记录。参加志愿活动、确认时长后积分会到这里。</Text>
            )}
            {w.movements.map((m) => (
              <View key={m.postingId} className="vol__row" data-testid="statement-line">
                <View className="vol__row-head">
                  <Text className="vol__row-title">{m.memo}</Text>
                  <Text className={cx('vol__amount', m.amount > 0 ? 'vol__amount--plus' : 'vol__amount--minus')}>
                    {m.amount > 0 ? `+${m.amount}` : m.amount}
                  </Text>
                </View>
                <Text className="vol__note">
                  {POSTING_KIND_LABELS[m.kind]} · {formatDateTime(m.at)} · 余额 {m.balanceAfter}
                </Text>
              </View>
            ))}
            {w.nextCursor && (
              <ActionButton
                size="small"
                variant="plain"
                loading={more}
                onClick={() => void loadMore(w)}
                testId="statement-more"
              >
                查看更早的记录
              </ActionButton>
            )}
          </Card>

          <DonateDialog
            communityId={communityId}
            open={donating}
            balance={w.balance}
            onClose={() => setDonating(false)}
            onDonated={() => void wallet.reload()}
          />
        </View>
      )}
    </AsyncView>
  );
}

/** 我的积分 (爱心时间银行): balance, account code, balance over six months, the statement, donating. */
export default function WalletPage() {
  return (
    <Page testId="page-wallet">
      <RoleGate roles={PARTICIPANTS} hint="绑定房屋的居民可以使用积分。">
        {(communityId) => <WalletView communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
