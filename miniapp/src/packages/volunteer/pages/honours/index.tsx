import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MEMBERS, chinaMonth, volunteerRoutes } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { BarChart } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import '@/packages/volunteer/volunteer.scss';

/** This month and the two before it, as 2026-11. */
function recentMonths(): { value: string; label: string }[] {
  const now = new Date();
  return [0, 1, 2].map((back) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15));
    const value = chinaMonth(d.toISOString());
    return { value, label: back === 0 ? '本月' : `${Number(value.slice(5))}月` };
  });
}

function Honours({ communityId }: { communityId: string }) {
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]!.value);
  const board = useAsync(
    () => call(volunteerRoutes.honours, { params: { communityId }, query: { month } }),
    [communityId, month],
  );
  return (
    <View>
      <ChoiceList options={months} value={month} onChange={setMonth} testId="honour-month" label="月份" />
      <AsyncView
        state={board}
        testId="honours"
        isEmpty={(b) => b.items.length === 0}
        empty={{ icon: 'honour', title: '这个月还没有确认的服务时长', hint: '组织者确认时长后，志愿者会按时长上榜。' }}
      >
        {(b) => (
          <View>
            <Card title="服务时长（小时）">
              <BarChart
                data={b.items
                  .slice(0, 10)
                  .map((x) => ({ label: x.nickname, value: Math.round((x.minutes / 60) * 10) / 10 }))}
                unit="小时"
                testId="honour-chart"
                title="本月服务时长"
              />
            </Card>
            <Card title="月度志愿之星" testId="honour-list">
              {b.items.map((x) => (
                <View key={x.userId} className="vol__row" data-testid={`honour-${x.rank}`}>
                  <View className="vol__row-head">
                    <Text className="vol__row-title">
                      第{x.rank}名 {x.nickname}
                    </Text>
                    <Text className="vol__line">{Math.round((x.minutes / 60) * 10) / 10} 小时</Text>
                  </View>
                  <Text className="vol__note">
                    {x.activities} 次活动 · {x.star.stars ? `${'★'.repeat(x.star.stars)} ${x.star.label}` : '志愿者'}
                  </Text>
                </View>
              ))}
            </Card>
          </View>
        )}
      </AsyncView>
    </View>
  );
}

/** 光荣榜: each month's volunteers by verified hours, with their star levels (星级志愿者). */
export default function HonoursPage() {
  return (
    <Page testId="page-honours">
      <RoleGate roles={MEMBERS} hint="社区成员可以查看光荣榜。">
        {(communityId) => <Honours communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
