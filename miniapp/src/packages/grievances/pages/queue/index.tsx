import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { LEVEL_LABELS, LEVELS, STAFF, type GrievanceSummary, type Level, grievanceRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { GrievanceRow } from '@/components/GrievanceRow/GrievanceRow';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { usePagedList } from '@/hooks/usePagedList';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES, withQuery } from '@/routes';
import { StaffGate } from '@/packages/grievances/components/StaffGate';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import '@/packages/grievances/grievances.scss';

type Filter = 'all' | Level;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...LEVELS.map((l) => ({ value: l as Filter, label: LEVEL_LABELS[l] })),
];

/** Overdue first, then by deadline: what needs doing soonest is on top. */
const byUrgency = (a: GrievanceSummary, b: GrievanceSummary) =>
  Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '').localeCompare(b.dueAt ?? '');

function Queue({ communityId }: { communityId: string }) {
  const [filter, setFilter] = useState<Filter>('all');
  const list = usePagedList(
    (cursor) =>
      call(grievanceRoutes.listQueue, {
        params: { communityId },
        query: { level: filter === 'all' ? undefined : filter, cursor, limit: 50 },
      }),
    [communityId, filter],
  );
  useReshow(() => void list.first.reload());
  usePullDownRefresh(() => {
    void list.first.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <>
      <ChoiceList options={FILTERS} value={filter} onChange={setFilter} testId="queue-level" label="层级" />
      <View className="grv-actions">
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.reviews })}
          testId="queue-reviews"
        >
          待人工复核
        </ActionButton>
      </View>
      <SubscribePrompt
        events={['grievance.assigned', 'grievance.dueSoon', 'grievance.overdue']}
        reason="有新诉求分派给您或即将超时时通过微信提醒您"
        testId="queue-subscribe"
      />
      <View style={{ marginTop: '12px' }}>
        <AsyncView
          state={list.first}
          testId="queue"
          isEmpty={() => list.items.length === 0}
          empty={{ icon: 'check', title: '没有待办的诉求', hint: '新的诉求分派到您这里时会出现在这里，并通知您。' }}
        >
          {() => (
            <>
              {[...list.items].sort(byUrgency).map((g) => (
                <GrievanceRow
                  key={g.grievanceId}
                  item={g}
                  onClick={() =>
                    void Taro.navigateTo({
                      url: withQuery(ROUTES.grievance.detail, { communityId, id: g.grievanceId }),
                    })
                  }
                />
              ))}
              <LoadMore
                hasMore={list.hasMore}
                loading={list.loadingMore}
                error={list.moreError}
                onMore={() => void list.loadMore()}
                count={list.items.length}
              />
            </>
          )}
        </AsyncView>
      </View>
    </>
  );
}

/** 待办: the open requests at the levels this handler works (a grid worker: their grid). */
export default function QueuePage() {
  return (
    <Page testId="page-grievance-queue">
      <StaffGate roles={STAFF}>{(communityId) => <Queue communityId={communityId} />}</StaffGate>
    </Page>
  );
}
