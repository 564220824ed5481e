import { notificationApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FailedNotificationView, Role } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { usePagedList } from '@/hooks/usePagedList';
import '@/packages/notices/notices.scss';

const ADMINS: readonly Role[] = ['admin'];

/** Failures grouped by reason, most frequent first: what to fix first (a template id, a quota). */
function byReason(items: FailedNotificationView[]) {
  const counts = new Map<string, number>();
  for (const f of items) counts.set(f.reason, (counts.get(f.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value }));
}

function FailedList({ communityId }: { communityId: string }) {
  const list = usePagedList(
    (cursor?: string) => call(notificationApi.listFailed, { params: { communityId }, query: { cursor } }),
    [communityId],
  );
  const [retrying, setRetrying] = useState<string>();

  const retry = async (f: FailedNotificationView) => {
    setRetrying(f.intentId);
    try {
      await call(notificationApi.retryFailed, { params: { communityId, intentId: f.intentId } });
      list.remove((x) => x.intentId !== f.intentId);
      void Taro.showToast({ title: '已重新投递', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setRetrying(undefined);
    }
  };

  return (
    <AsyncView
      state={list.first}
      testId="failed"
      isEmpty={(p) => p.items.length === 0}
      empty={{ icon: 'check', title: '没有未送达的通知', hint: '多次重试仍失败的通知会列在这里，并写明原因。' }}
    >
      {() => (
        <View>
          <Card title="失败原因" testId="failed-reasons">
            <BarChart data={byReason(list.items)} unit="条" title="失败原因" testId="failed-chart" />
          </Card>
          {list.items.map((f) => (
            <Card key={f.intentId} testId={`failed-${f.intentId}`}>
              <View className="notices__item-head">
                <Text className="notices__row-title">{f.title}</Text>
                <StatusTag tone="neutral">{f.eventLabel}</StatusTag>
              </View>
              <Text className="notices__line">接收者：{f.recipient}</Text>
              <Text className="notices__line">原因：{f.reason}</Text>
              <Text className="notices__line">
                {f.inboxDelivered ? '站内消息已送达，仅微信提醒失败' : '站内消息未送达'} · 失败于{' '}
                {formatDateTime(f.failedAt)}
              </Text>
              <View className="notices__actions">
                <ActionButton
                  size="small"
                  variant="secondary"
                  loading={retrying === f.intentId}
                  onClick={() => void retry(f)}
                  testId="failed-retry"
                >
                  重新投递
                </ActionButton>
              </View>
            </Card>
          ))}
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.moreError}
            onMore={() => void list.loadMore()}
            count={list.items.length}
          />
        </View>
      )}
    </AsyncView>
  );
}

/** 未送达通知 (管理员): notifications parked after bounded retries, with the reason; each can be re-queued. */
export default function FailedNotificationsPage() {
  return (
    <Page testId="page-failed-notifications">
      <StaffOnly roles={ADMINS}>{(communityId) => <FailedList communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
