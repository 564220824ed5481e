import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { homeRoutes, notificationTabRoutes, type WaitingItem, type WaitingKind } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import type { AsyncState } from '@/hooks/useAsync';
import { useAsync } from '@/hooks/useAsync';
import { focusable } from '@/lib/a11y';
import { openLink } from '@/lib/openLink';
import { ROUTES } from '@/routes';

/** The word on each item's tag: what it is, read before the title. */
const KIND_LABELS: Record<WaitingKind, { label: string; tone: Tone }> = {
  staffCase: { label: '待办', tone: 'danger' },
  vote: { label: '投票', tone: 'warning' },
  rating: { label: '评价', tone: 'warning' },
  caseNews: { label: '诉求进展', tone: 'info' },
  activity: { label: '活动', tone: 'success' },
  pickup: { label: '领取', tone: 'success' },
  notice: { label: '通知', tone: 'info' },
  support: { label: '附近诉求', tone: 'neutral' },
  budget: { label: '微实事', tone: 'info' },
};

/** Shown before 查看全部: enough to see the most urgent without pushing the tiles off the screen. */
const FIRST_ITEMS = 5;

/** The feed's one request; the home page reloads it when it shows again. */
export function useWaiting(communityId: string | undefined, enabled: boolean) {
  return useAsync(() => call(homeRoutes.waiting, { params: { communityId: communityId as string } }), [communityId], {
    enabled: enabled && !!communityId,
  });
}

function WaitingRow({ item }: { item: WaitingItem }) {
  const tag = KIND_LABELS[item.kind];
  const go = () => {
    // A notice that links somewhere opens it directly, as the inbox does, and is read on the way (the
    // notice page marks the ones it shows itself).
    if (item.inboxItemId && !item.link.startsWith(ROUTES.notices.notice))
      void call(notificationTabRoutes.markRead, { params: { itemId: item.inboxItemId } }).catch(() => undefined);
    openLink(item.link);
  };
  return (
    <View className="waiting__item" data-testid={`waiting-${item.kind}`} data-key={item.key}>
      <View className="waiting__text" onClick={go} role="link" {...focusable}>
        <View className="waiting__tags">
          <StatusTag tone={item.overdue ? 'danger' : tag.tone}>{item.overdue ? '已超时' : tag.label}</StatusTag>
        </View>
        <Text className="waiting__title">{item.title}</Text>
        <Text className="waiting__detail">{item.detail}</Text>
      </View>
      <ActionButton size="small" onClick={go} testId={`waiting-action-${item.kind}`} className="waiting__action">
        {item.action}
      </ActionButton>
    </View>
  );
}

/** Nothing waits: say so, and offer a first thing to do rather than a blank card. */
function NothingWaiting({ staff }: { staff: boolean }) {
  return (
    <View className="waiting__empty" data-testid="home-waiting-empty">
      <Text className="waiting__empty-title">暂时没有等您处理的事</Text>
      <Text className="waiting__empty-hint">
        {staff ? '辖区的诉求都已处理完。' : '有投票、待评价的诉求或临近的活动时，会出现在这里。'}
      </Text>
      <View className="waiting__empty-actions">
        <ActionButton size="small" onClick={() => openLink(ROUTES.grievance.submit)} testId="home-first-grievance">
          反映一个问题
        </ActionButton>
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => openLink(ROUTES.volunteer)}
          testId="home-first-activity"
        >
          看看社区活动
        </ActionButton>
      </View>
    </View>
  );
}

/** 待我处理: what waits for me, most urgent first, each item one tap from what settles it. */
export function WaitingFeed({ state, staff }: { state: AsyncState<{ items: WaitingItem[] }>; staff: boolean }) {
  const [all, setAll] = useState(false);
  const count = state.data?.items.length ?? 0;
  return (
    <Card
      title="待我处理"
      extra={count > 0 ? <Text data-testid="home-waiting-count">{`${count} 项`}</Text> : undefined}
      testId="home-waiting"
    >
      <AsyncView state={state} compact testId="home-waiting" loadingText="正在查看待办…">
        {({ items }) =>
          items.length === 0 ? (
            <NothingWaiting staff={staff} />
          ) : (
            <View className="waiting">
              {(all ? items : items.slice(0, FIRST_ITEMS)).map((item) => (
                <WaitingRow key={item.key} item={item} />
              ))}
              {!all && items.length > FIRST_ITEMS && (
                <View
                  className="waiting__more"
                  onClick={() => setAll(true)}
                  data-testid="home-waiting-more"
                  role="button"
                  {...focusable}
                >
                  <Text>{`查看全部 ${items.length} 项`}</Text>
                </View>
              )}
            </View>
          )
        }
      </AsyncView>
    </Card>
  );
}
