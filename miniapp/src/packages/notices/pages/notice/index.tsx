import { notificationApi } from '@linli/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { PageState } from '@/components/PageState/PageState';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { categoryLabel } from '@/packages/notices/lib/labels';
import { openLink } from '@/lib/openLink';
import '@/packages/notices/notices.scss';

/**
 * One message in full — what a WeChat subscribe message opens. Opening it marks it read; 查看详情 goes
 * on to the object it is about.
 */
export default function NoticePage() {
  const itemId = readParam(useRouter().params.id);
  const item = useAsync(() => call(notificationApi.getInboxItem, { params: { itemId: itemId as string } }), [itemId], {
    enabled: !!itemId,
  });

  useEffect(() => {
    if (item.data && !item.data.readAt)
      void call(notificationApi.markRead, { params: { itemId: item.data.itemId } }).catch(() => undefined);
  }, [item.data]);

  return (
    <Page testId="page-notice">
      {!itemId ? (
        <PageState state="empty" testId="notice" empty={{ icon: 'bell', title: '消息不存在' }} />
      ) : (
        <AsyncView state={item} testId="notice">
          {(n) => (
            <Card testId="notice-detail">
              <Text className="notices__detail-title">{n.title}</Text>
              <View className="notices__detail-meta">
                <StatusTag tone={n.urgent ? 'danger' : 'info'}>
                  {n.urgent ? '紧急' : categoryLabel(n.category)}
                </StatusTag>
                <Text>{formatDateTime(n.createdAt)}</Text>
              </View>
              <Text className="notices__detail-body" data-testid="notice-body">
                {n.body}
              </Text>
              {n.link && (
                <ActionButton block onClick={() => openLink(n.link)} testId="notice-open">
                  查看详情
                </ActionButton>
              )}
            </Card>
          )}
        </AsyncView>
      )}
    </Page>
  );
}
