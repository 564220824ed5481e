import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RATE_KEYS, RATE_LABELS, streetConsoleRoutes, type RateKey } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { ColumnChart } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { changeText, monthLabel, pct, RateTiles } from '@/packages/street/consoleParts';
import '@/packages/street/street.scss';

/** 网格下钻: one community of the street, and each of its grids' 三率 month by month (opened from 街道工作台). */
export default function StreetGridsPage() {
  const { streetId = '', communityId = '', month } = useRouter().params;
  const [rate, setRate] = useState<RateKey>('resolution');
  const grids = useAsync(
    () =>
      call(streetConsoleRoutes.communityGrids, {
        params: { streetId, communityId },
        query: month ? { month } : {},
      }),
    [streetId, communityId, month],
  );
  return (
    <Page testId="page-street-grids">
      <AsyncView state={grids} testId="street-grids">
        {(d) => (
          <View>
            <Card title={`${d.name} ${monthLabel(d.month)}三率`} testId="grids-community">
              <RateTiles figures={d.figures} testId="grids-community-rates" />
              {RATE_KEYS.map((k) => (
                <Text key={k} className="street__meta" style={{ display: 'block' }}>
                  {RATE_LABELS[k]}：{changeText(d.figures.change[k])}
                </Text>
              ))}
            </Card>
            <ChoiceList
              options={RATE_KEYS.map((k) => ({ value: k, label: RATE_LABELS[k] }))}
              value={rate}
              onChange={setRate}
              testId="grids-rate"
              label="查看指标"
            />
            {d.grids.length === 0 ? (
              <Card testId="grids-empty">
                <Text className="muted">这个社区还没有网格：居委会导入房屋名册后按网格统计。</Text>
              </Card>
            ) : (
              d.grids.map((g) => (
                <Card key={g.gridId} title={g.gridName} testId={`grid-${g.gridName}`}>
                  <RateTiles figures={g.figures} testId={`grid-rates-${g.gridName}`} />
                  <Text className="street__meta" style={{ display: 'block' }}>
                    {monthLabel(d.month)}提交 {g.figures.raised} 件 · {changeText(g.figures.change[rate])}
                  </Text>
                  <ColumnChart
                    title={`${g.gridName}${RATE_LABELS[rate]}逐月`}
                    testId={`grid-trend-${g.gridName}`}
                    unit="%"
                    max={100}
                    data={g.trend.map((t) => ({ label: monthLabel(t.month), value: (t.rates[rate] ?? 0) * 100 }))}
                  />
                  <View data-testid={`grid-months-${g.gridName}`}>
                    {g.trend.map((t) => (
                      <Text key={t.month} className="street__meta" style={{ display: 'block' }}>
                        {monthLabel(t.month)}：提交 {t.raised} 件 · 响应率 {pct(t.rates.response)}
                        {t.rates.response === undefined ? '' : '%'} · 解决率 {pct(t.rates.resolution)}
                        {t.rates.resolution === undefined ? '' : '%'} · 满意率 {pct(t.rates.satisfaction)}
                        {t.rates.satisfaction === undefined ? '' : '%'}
                      </Text>
                    ))}
                  </View>
                </Card>
              ))
            )}
            <Card title="口径" testId="grids-definitions">
              {RATE_KEYS.map((k) => (
                <Text key={k} className="street__intro">
                  {d.definitions[k]}
                </Text>
              ))}
              <Text className="street__intro">没有可计算的诉求的月份在图中记为 0，在逐月明细中记为“—”。</Text>
            </Card>
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
