import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ORGANISERS, volunteerRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { ActivityCard } from '@/components/ActivityCard';
import { ROUTES, withQuery } from '@/routes';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import '@/packages/volunteer/volunteer.scss';

function Organising({ communityId }: { communityId: string }) {
  const list = useAsync(
    () => call(volunteerRoutes.listActivities, { params: { communityId }, query: { view: 'organising', limit: 50 } }),
    [communityId],
  );
  useReshow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <View>
      <ActionButton
        block
        onClick={() => void Taro.navigateTo({ url: ROUTES.volunteering.activityForm })}
        testId="organise-create"
      >
        发布新活动
      </ActionButton>
      <View style={{ marginTop: '24px' }}>
        <AsyncView
          state={list}
          testId="organising"
          isEmpty={(p) => p.items.length === 0}
          empty={{
            icon: 'organise',
            title: '暂无您组织的活动',
            hint: '居委会和服务队队长可以发布活动；近 30 天结束的活动也在这里，便于确认时长。',
          }}
        >
          {(p) => (
            <View>
              {p.items.map((a) => (
                <ActivityCard
                  key={a.activityId}
                  activity={a}
                  onOpen={() =>
                    void Taro.navigateTo({ url: withQuery(ROUTES.volunteering.activity, { id: a.activityId }) })
                  }
                />
              ))}
            </View>
          )}
        </AsyncView>
      </View>
    </View>
  );
}

/** 组织活动: the activities I organise (upcoming and the last month's), and publishing a new one. */
export default function OrganisePage() {
  return (
    <Page testId="page-organise">
      <RoleGate roles={ORGANISERS} hint="居委会或服务队队长可以组织活动。">
        {(communityId) => <Organising communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
