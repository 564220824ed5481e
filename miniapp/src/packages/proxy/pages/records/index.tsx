import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PROXY_BASIS_LABELS, proxyRoutes, type ProxyRecordView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { Toggle } from '@/components/Toggle/Toggle';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/session/SessionProvider';
import { ROUTES } from '@/routes';
import '@/packages/proxy/proxy.scss';

function RecordList({ items, showResident }: { items: ProxyRecordView[]; showResident: boolean }) {
  return (
    <View>
      {items.map((r) => (
        <View key={r.recordId} className="proxy__record" data-testid="proxy-record">
          <View className="proxy__record-head">
            <Text className="proxy__record-title">{r.actionLabel}</Text>
            <StatusTag tone="info">代办</StatusTag>
          </View>
          {showResident && <Text className="proxy__line">居民：{r.residentName}</Text>}
          <Text className="proxy__line">
            代办人：{r.actorName}（{PROXY_BASIS_LABELS[r.basis]}）
          </Text>
          <Text className="proxy__line">内容：{r.object}</Text>
          <Text className="proxy__line">原因：{r.reason}</Text>
          <Text className="proxy__line muted">{formatDateTime(r.at)}</Text>
        </View>
      ))}
    </View>
  );
}

/** 我的 → 代办记录 (what others did in my name, and the switch), or with `?scope=community` the committee's list. */
export default function ProxyRecordsPage() {
  const { params } = useRouter();
  const { communityId } = useSession();
  const community = params.scope === 'community';
  const mine = useAsync(() => call(proxyRoutes.mine), [], { enabled: !community });
  const all = useAsync(
    () => call(proxyRoutes.communityRecords, { params: { communityId: communityId! }, query: { limit: 50 } }),
    [communityId],
    { enabled: community && !!communityId },
  );
  const toggle = useSubmit(async (enabled: boolean) => {
    await call(proxyRoutes.setEnabled, { body: { enabled } });
    await mine.reload();
  });

  if (community)
    return (
      <Page testId="page-proxy-records">
        <Card title="社区代办记录">
          <AsyncView
            state={all}
            testId="proxy-community-records"
            isEmpty={(p) => p.items.length === 0}
            empty={{ icon: 'empty', title: '还没有代办记录' }}
          >
            {(p) => <RecordList items={p.items} showResident />}
          </AsyncView>
        </Card>
      </Page>
    );

  return (
    <Page testId="page-proxy-records">
      <AsyncView state={mine} testId="proxy-my-records">
        {(m) => (
          <View>
            <Card title="亲情代办">
              <View className="proxy__switch">
                <Text className="proxy__line">允许楼长、网格员和家人为我代办</Text>
                <Toggle
                  checked={m.enabled}
                  label="允许为我代办"
                  onChange={(on) => void toggle.submit(on)}
                  testId="proxy-switch"
                />
              </View>
              <Text className="proxy__note">关闭后，正在进行的代办立即结束，也不能开始新的代办。</Text>
              {toggle.error && (
                <Text className="proxy__error" aria-live="assertive">
                  {toggle.error}
                </Text>
              )}
            </Card>
            <Card title="为他人代办">
              <Text className="proxy__note">
                楼长可为本楼、网格员可为本网格、家人可为同户的居民代办：代提诉求、代为评价、代报名、代兑换、代录纸质票。
              </Text>
              <ActionButton
                block
                onClick={() => void Taro.navigateTo({ url: ROUTES.proxy.start })}
                testId="proxy-go-start"
              >
                开始亲情代办
              </ActionButton>
            </Card>
            <Card title="代办记录">
              {m.records.length ? (
                <RecordList items={m.records} showResident={false} />
              ) : (
                <Text className="muted">还没有人为您代办过。</Text>
              )}
            </Card>
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
