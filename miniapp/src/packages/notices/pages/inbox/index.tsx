import { notificationApi } from '@linli/shared';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { InboxItemView } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useReshow } from '@/hooks/useReshow';
import { cx } from '@/lib/classNames';
import { formatDateTime } from '@/lib/format';
import { ROUTES, withQuery } from '@/routes';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { usePagedList } from '@/hooks/usePagedList';
import { categoryLabel } from '@/packages/notices/lib/labels';
import { openLink } from '@/lib/openLink';
import '@/packages/notices/notices.scss';

/**
 * 消息通知 (我的消息): everything Linli told this person, newest first, unread ones marked. Tapping an
 * entry marks it read and opens what it is about (a notice opens in full).
 */
export default function InboxPage() {
  const [unread, setUnread] = useState<number>();
  const list = usePagedList(async (cursor?: string) => {
    const page = await call(notificationApi.listInbox, { query: { cursor } });
    if (!cursor) setUnread(page.unread);
    return page;
  }, []);
  const [marking, setMarking] = useState(false);

  useReshow(() => void list.first.reload());
  usePullDownRefresh(() => {
    void list.first.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const markedRead = (itemId?: string) => {
    const readAt = new Date().toISOString();
    list.update((i) => (!i.readAt && (!itemId || i.itemId === itemId) ? { ...i, readAt } : i));
  };

  const open = async (item: InboxItemView) => {
    if (!item.readAt) {
      try {
        setUnread((await call(notificationApi.markRead, { params: { itemId: item.itemId } })).unread);
        markedRead(item.itemId);
      } catch {
        // Opening matters more than the mark; it is retried when the entry is opened again.
      }
    }
    if (item.link) openLink(item.link);
    else void Taro.navigateTo({ url: withQuery(ROUTES.notices.notice, { id: item.itemId }) });
  };

  const readAll = async () => {
    setMarking(true);
    try {
      setUnread((await call(notificationApi.markAllRead)).unread);
      markedRead();
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setMarking(false);
    }
  };

  return (
    <Page testId="page-inbox">
      <View className="notices__toolbar">
        <Text className="notices__summary" data-testid="inbox-unread">
          {unread ? `${unread} 条未读` : '没有未读消息'}
        </Text>
        <View className="notices__toolbar-actions">
          <Text
            className="notices__link"
            onClick={() => void Taro.navigateTo({ url: ROUTES.notices.settings })}
            data-testid="inbox-settings"
          >
            通知设置
          </Text>
          <ActionButton
            size="small"
            variant="secondary"
            disabled={!unread}
            loading={marking}
            onClick={() => void readAll()}
            testId="inbox-read-all"
          >
            全部已读
          </ActionButton>
        </View>
      </View>
      <AsyncView
        state={list.first}
        testId="inbox"
        isEmpty={(p) => p.items.length === 0}
        empty={{ icon: 'bell', title: '还没有消息', hint: '社区通知、审核结果和办理进度都会出现在这里。' }}
      >
        {() => (
          <View>
            {list.items.map((item) => (
              <View
                key={item.itemId}
                className={cx('notices__item', !item.readAt && 'notices__item--unread')}
                onClick={() => void open(item)}
                data-testid={`inbox-item-${item.itemId}`}
                data-read={item.readAt ? 'yes' : 'no'}
                role="button"
                aria-label={`${item.readAt ? '' : '未读 '}${item.title}`}
              >
                {!item.readAt && <View className="notices__dot" />}
                <View className="notices__item-head">
                  <Text className="notices__item-title">{item.title}</Text>
                  <StatusTag tone={item.urgent ? 'danger' : 'info'}>
                    {item.urgent ? '紧急' : categoryLabel(item.category)}
                  </StatusTag>
                </View>
                <Text className="notices__item-body">{item.body}</Text>
                <Text className="notices__item-time">{formatDateTime(item.createdAt)}</Text>
              </View>
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
    </Page>
  );
}
