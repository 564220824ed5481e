import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ACTIVITY_CATEGORIES, COMMITTEE, PARTICIPANTS, type ActivityCategory, volunteerTabRoutes } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import type { MainIconName } from '@/components/Icon/Icon';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { PageState } from '@/components/PageState/PageState';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { ActivityCard } from '@/components/ActivityCard';
import { Tiles } from '@/components/Tiles';
import './index.scss';

type View_ = 'upcoming' | 'past';
const VIEWS: { value: View_; label: string }[] = [
  { value: 'upcoming', label: '即将开始' },
  { value: 'past', label: '已结束' },
];
const CATEGORIES = [
  { value: 'all', label: '全部' },
  ...Object.entries(ACTIVITY_CATEGORIES).map(([value, label]) => ({ value, label })),
];

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 志愿: my points and hours at a glance, the way into wallet, mall and tools, and the activities. */

interface Tool {
  key: string;
  icon: MainIconName;
  label: string;
  url: string;
}
export default function VolunteerPage() {
  const session = useSession();
  const communityId = session.communityId;
  const participant = session.hasRole(...PARTICIPANTS);
  const committee = session.hasRole(...COMMITTEE);
  const [view, setView] = useState<View_>('upcoming');
  const [category, setCategory] = useState('all');

  const mine = useAsync(
    () => call(volunteerTabRoutes.myVolunteering, { params: { communityId: communityId as string } }),
    [communityId],
    { enabled: !!communityId && participant },
  );
  const list = useAsync(
    () =>
      call(volunteerTabRoutes.listActivities, {
        params: { communityId: communityId as string },
        query: { view, category: category === 'all' ? undefined : (category as ActivityCategory), limit: 30 },
      }),
    [communityId, view, category],
    { enabled: !!communityId },
  );
  const refresh = () => {
    void list.reload();
    if (participant) void mine.reload();
  };
  useReshow(refresh);
  usePullDownRefresh(() => {
    refresh();
    Taro.stopPullDownRefresh();
  });

  if (!communityId)
    return (
      <Page testId="page-volunteer">
        <PageState
          state="empty"
          testId="volunteer"
          empty={{
            icon: 'volunteer',
            title: '绑定房屋后即可参加志愿服务',
            hint: '报名社区志愿活动，签到签退累计服务时长，积分存入爱心时间银行，可兑换社区服务与公益礼品。',
            action: { label: '申请绑定房屋', onClick: go(ROUTES.bind), testId: 'volunteer-bind' },
          }}
        />
      </Page>
    );

  const tools: Tool[] = [
    ...(participant
      ? ([
          { key: 'wallet', icon: 'wallet', label: '我的积分', url: ROUTES.volunteering.wallet },
          { key: 'mall', icon: 'gift', label: '积分兑换', url: ROUTES.volunteering.mall },
          { key: 'mine', icon: 'clock', label: '我的志愿', url: ROUTES.volunteering.mine },
        ] as Tool[])
      : []),
    { key: 'teams', icon: 'team', label: '服务队', url: ROUTES.volunteering.teams },
    { key: 'honours', icon: 'honour', label: '光荣榜', url: ROUTES.volunteering.honours },
    { key: 'organise', icon: 'organise', label: '组织活动', url: ROUTES.volunteering.organise },
    { key: 'pickup', icon: 'pickup', label: '兑换核销', url: ROUTES.volunteering.pickup },
    ...(committee
      ? ([
          { key: 'ledger', icon: 'ledger', label: '积分账本', url: ROUTES.volunteering.ledger },
          { key: 'catalogue', icon: 'catalogue', label: '兑换目录', url: ROUTES.volunteering.catalogue },
        ] as Tool[])
      : []),
  ];

  return (
    <Page testId="page-volunteer">
      {participant && (
        <Card className="volunteer__summary" testId="volunteer-summary">
          <AsyncView state={mine} compact testId="volunteer-mine">
            {(m) => (
              <View className="volunteer__figures">
                <View
                  className="volunteer__figure"
                  onClick={go(ROUTES.volunteering.wallet)}
                  data-testid="volunteer-balance"
                  role="button"
                >
                  <Text className="volunteer__figure-value">{m.balance}</Text>
                  <Text className="volunteer__figure-label">积分余额</Text>
                </View>
                <View
                  className="volunteer__figure"
                  onClick={go(ROUTES.volunteering.mine)}
                  data-testid="volunteer-hours"
                  role="button"
                >
                  <Text className="volunteer__figure-value">{Math.round((m.totalMinutes / 60) * 10) / 10}</Text>
                  <Text className="volunteer__figure-label">服务小时</Text>
                </View>
                <View className="volunteer__figure" onClick={go(ROUTES.volunteering.mine)} role="button">
                  <Text className="volunteer__figure-value">
                    {m.star.stars ? '★'.repeat(m.star.stars) : m.activityCount}
                  </Text>
                  <Text className="volunteer__figure-label">{m.star.stars ? m.star.label : '参加活动'}</Text>
                </View>
              </View>
            )}
          </AsyncView>
        </Card>
      )}

      <View className="volunteer__filters">
        <ChoiceList options={VIEWS} value={view} onChange={setView} testId="activity-view" label="范围" />
        <ChoiceList
          options={CATEGORIES}
          value={category}
          onChange={setCategory}
          testId="activity-category"
          label="类别"
        />
      </View>

      <AsyncView
        state={list}
        testId="activities"
        isEmpty={(p) => p.items.length === 0}
        empty={{
          icon: 'volunteer',
          title: view === 'upcoming' ? '暂时没有报名中的活动' : '还没有已结束的活动',
          hint: '居委会和服务队发布活动后会出现在这里。',
        }}
      >
        {(p) => (
          <View data-testid="activity-list">
            {p.items.map((a) => (
              <ActivityCard
                key={a.activityId}
                activity={a}
                onOpen={go(withQuery(ROUTES.volunteering.activity, { id: a.activityId }))}
              />
            ))}
          </View>
        )}
      </AsyncView>

      {/* The tools come after the activities, which are what most people open this tab for: above them, two rows
          of tiles and the filters pushed the first activity below the fold. 积分 and 服务小时 above lead to theirs. */}
      <Text className="volunteer__tools-title">志愿服务工具</Text>
      <Tiles
        columns={4}
        items={tools.map((t) => ({ ...t, onClick: go(t.url), testId: `volunteer-${t.key}` }))}
        testId="volunteer-tools"
      />
    </Page>
  );
}
