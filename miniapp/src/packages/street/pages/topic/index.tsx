import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { streetAgoraRoutes, type StreetTopicView } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { BarChart, StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import '@/packages/street/street.scss';

type Counts = Pick<StreetTopicView['communities'][number], 'options'>;
const bars = (c: Counts) => c.options.map((o) => ({ label: o.label, value: o.heads }));
const percent = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '—');

/** 街道议事结果: the street's sum (once every community's poll is published) and each community's own result. */
export default function StreetTopicPage() {
  const { streetId = '', streetTopicId = '' } = useRouter().params;
  const topic = useAsync(
    () => call(streetAgoraRoutes.getStreetTopic, { params: { streetId, streetTopicId } }),
    [streetId, streetTopicId],
  );
  const unit = (t: StreetTopicView) => (t.basis === 'household' ? '户' : '人');
  return (
    <Page testId="page-street-topic">
      <AsyncView state={topic} testId="street-topic">
        {(t) => (
          <View>
            <Card title={t.title} testId="street-topic-info">
              <Text className="street__intro">{t.description}</Text>
              <Text className="street__meta" style={{ display: 'block' }}>
                {t.streetName} · {t.basis === 'household' ? '一户一票' : '一人一票'} · {formatDateTime(t.opensAt)} 至{' '}
                {formatDateTime(t.closesAt)}
              </Text>
              <Text className="street__meta" style={{ display: 'block' }} data-testid="street-topic-counted">
                已公示 {t.counted} / {t.communities.length} 个社区
              </Text>
            </Card>
            <Card title="全街道合计" testId="street-topic-total">
              {t.total ? (
                <View>
                  <StatTiles
                    columns={3}
                    tiles={[
                      { label: '参与社区', value: t.communities.length, unit: '个' },
                      { label: '投票', value: t.total.ballots, unit: unit(t) },
                      { label: '参与率', value: percent(t.total.ballots, t.total.electorate) },
                    ]}
                  />
                  <BarChart
                    data={bars(t.total)}
                    unit={unit(t)}
                    title="全街道各选项得票"
                    testId="street-topic-total-chart"
                  />
                  <Text className="street__meta">
                    合计于 {formatDateTime(t.total.countedAt)}：各社区截止后重新计票结果之和。
                  </Text>
                </View>
              ) : (
                <Text className="muted" data-testid="street-topic-pending">
                  各社区表决全部截止并公示后，这里显示全街道合计（已公示 {t.counted} / {t.communities.length}）。
                </Text>
              )}
            </Card>
            <Card title="各社区结果" testId="street-topic-communities">
              {t.communities.map((c) => (
                <View key={c.communityId} className="street__row-text" data-testid={`street-topic-community-${c.name}`}>
                  <Text className="street__name">{c.name}</Text>
                  {c.published ? (
                    <View>
                      <Text className="street__meta" style={{ display: 'block' }}>
                        投票 {c.ballots} / {c.electorate} {unit(t)}（{percent(c.ballots, c.electorate)}）
                        {c.summary ? ` · ${c.summary.split('。')[0]}` : ''}
                      </Text>
                      <BarChart
                        data={bars(c)}
                        unit={unit(t)}
                        title={`${c.name}各选项得票`}
                        testId={`chart-${c.name}`}
                      />
                    </View>
                  ) : (
                    <Text className="street__meta">投票中，截止后公示</Text>
                  )}
                </View>
              ))}
            </Card>
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
