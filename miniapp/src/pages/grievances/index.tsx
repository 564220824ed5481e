import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { STAFF, type GrievanceSummary, grievanceTabRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { GrievanceRow } from '@/components/GrievanceRow/GrievanceRow';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { PageState } from '@/components/PageState/PageState';
import { useAsync } from '@/hooks/useAsync';
import { usePagedList } from '@/hooks/usePagedList';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import './index.scss';

type Tab = 'mine' | 'toRate' | 'community' | 'following';
const TABS: { value: Tab; label: string }[] = [
  { value: 'mine', label: '我的' },
  { value: 'toRate', label: '待评价' },
  { value: 'community', label: '社区' },
  { value: 'following', label: '我关注' },
];
const LIST_ROUTES = {
  mine: grievanceTabRoutes.listMine,
  toRate: grievanceTabRoutes.listMine,
  community: grievanceTabRoutes.listCommunity,
  following: grievanceTabRoutes.listFollowing,
} as const;
const EMPTY: Record<Tab, { title: string; hint: string }> = {
  mine: { title: '您还没有提交过诉求', hint: '楼道灯坏了、垃圾没人清、邻里有矛盾……点“我要反映”，网格员会接单办理。' },
  toRate: { title: '没有等您评价的诉求', hint: '诉求办结后会出现在这里，请为办理结果打分。' },
  community: { title: '社区里暂时没有公开的诉求', hint: '公开的诉求邻居都能看到，遇到同样的问题可以点“我也遇到”。' },
  following: { title: '还没有关注的诉求', hint: '在社区诉求里点“我也遇到”，办理进展会出现在这里。' },
};

const open = (item: GrievanceSummary) =>
  void Taro.navigateTo({
    url: withQuery(ROUTES.grievance.detail, { communityId: item.communityId, id: item.grievanceId }),
  });

/** 诉求: raise a request, follow mine and the community's, and (for staff) the way into 待办 and 看板. */
export default function GrievancesPage() {
  const session = useSession();
  const communityId = session.communityId;
  const member = !!communityId && session.roles.length > 0;
  const staff = session.hasRole(...STAFF);
  const [tab, setTab] = useState<Tab>('mine');

  const list = usePagedList(
    (cursor) =>
      call(LIST_ROUTES[tab], {
        params: { communityId: communityId as string },
        query: { cursor, limit: 20, ...(tab === 'toRate' ? { awaiting: 'rating' as const } : {}) },
      }),
    [communityId, tab],
    { enabled: member },
  );
  const queue = useAsync(
    () => call(grievanceTabRoutes.listQueue, { params: { communityId: communityId as string }, query: { limit: 100 } }),
    [communityId],
    { enabled: member && staff },
  );
  const evaluation = useAsync(
    () => call(grievanceTabRoutes.latestEvaluation, { params: { communityId: communityId as string } }),
    [communityId],
    { enabled: member },
  );

  const reload = () => {
    void list.first.reload();
    if (staff) void queue.reload();
  };
  useReshow(reload);
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  if (!member) {
    return (
      <Page testId="page-grievances">
        <PageState
          state="empty"
          testId="grievances"
          empty={{
            icon: 'grievance',
            title: '绑定房屋后即可反映诉求',
            hint: '楼道照明、环境卫生、邻里纠纷……网格员接单办理，办结后请您评价。',
            action: {
              label: '申请绑定房屋',
              onClick: () => void Taro.navigateTo({ url: ROUTES.bind }),
              testId: 'grievances-bind',
            },
          }}
        />
      </Page>
    );
  }

  const waiting = queue.data?.items ?? [];
  const rated = evaluation.data?.evaluation;
  return (
    <Page testId="page-grievances">
      <Card className="grievances__hero">
        <Text className="grievances__hero-title">身边有问题，告诉社区</Text>
        <Text className="muted">网格员受理并公开承诺，逾期自动上报社区、街道督办；办结后请您评价。</Text>
        <View className="grievances__hero-action">
          <ActionButton
            block
            onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.submit })}
            testId="grievance-new"
          >
            我要反映
          </ActionButton>
        </View>
      </Card>

      {staff && (
        <Card title="办理" testId="grievances-staff">
          <StatTiles
            columns={2}
            tiles={[
              {
                label: '待办',
                value: waiting.filter((g) => g.status !== 'resolved').length,
                unit: '件',
                testId: 'grievances-queue-count',
                onClick: () => void Taro.navigateTo({ url: ROUTES.grievance.queue }),
              },
              {
                label: '已超时',
                value: waiting.filter((g) => g.overdue).length,
                unit: '件',
                tone: waiting.some((g) => g.overdue) ? 'alert' : 'normal',
              },
            ]}
          />
          <View className="grievances__staff-actions">
            <ActionButton
              size="small"
              onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.queue })}
              testId="grievances-queue"
            >
              待办
            </ActionButton>
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.reviews })}
              testId="grievances-reviews"
            >
              待复核
            </ActionButton>
            {session.hasRole('gridWorker') && (
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.grievance.submit, { source: 'visit' }) })}
                testId="grievances-visit"
              >
                走访代录
              </ActionButton>
            )}
            {session.hasRole('committee', 'street', 'admin') && (
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.dashboard })}
                testId="grievances-dashboard"
              >
                看板
              </ActionButton>
            )}
            {session.hasRole('committee', 'admin') && (
              <ActionButton
                size="small"
                variant="plain"
                onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.settings })}
                testId="grievances-settings"
              >
                配置
              </ActionButton>
            )}
          </View>
        </Card>
      )}

      {rated && (
        <Card
          onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.evaluation })}
          testId="grievances-evaluation"
          title={`${rated.month} 群众评议`}
          extra={<Text className="muted">查看 ›</Text>}
        >
          <Text>
            满意率{' '}
            <Text className="grievances__rate">
              {rated.satisfaction.rate === undefined ? '—' : `${Math.round(rated.satisfaction.rate * 100)}%`}
            </Text>{' '}
            · 办结 {rated.closed} 件
          </Text>
        </Card>
      )}

      <ChoiceList options={TABS} value={tab} onChange={setTab} testId="grievances-tab" label="列表" />
      <View className="grievances__list">
        <AsyncView
          state={list.first}
          testId="grievances-list"
          isEmpty={() => list.items.length === 0}
          empty={{ icon: 'grievance', ...EMPTY[tab] }}
        >
          {() => (
            <>
              {list.items.map((item) => (
                <GrievanceRow key={item.grievanceId} item={item} onClick={() => open(item)} />
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
    </Page>
  );
}
