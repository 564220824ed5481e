import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  chinaMonth,
  chinaParts,
  LEVEL_LABELS,
  LEVELS,
  RATE_KEYS,
  RATE_LABELS,
  rankBy,
  shiftMonthKey,
  streetConsoleRoutes,
  type RateKey,
  type StreetFiguresView,
  type StreetQueueItemView,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { BarChart, ColumnChart, StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { openRemoteFile } from '@/lib/files/openRemoteFile';
import { withQuery } from '@/routes';
import { changeText, monthLabel, RateTiles } from '@/packages/street/consoleParts';
import '@/packages/street/street.scss';

/** The grievance detail page (another subpackage), opened from the queue with the case's community. */
const CASE_PAGE = '/packages/grievances/pages/detail/index';
/** 网格下钻, in this subpackage. */
const GRIDS_PAGE = '/packages/street/pages/grids/index';

const MONTHS = Array.from({ length: 6 }, (_, i) => shiftMonthKey(chinaMonth(new Date()), -i));
const dueText = (iso?: string) => {
  if (!iso) return '';
  const p = chinaParts(new Date(iso));
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

/** 街道待办: cases on the street's desk from every community, overdue first, a page at a time. */
function Queue({ streetId }: { streetId: string }) {
  const [pages, setPages] = useState<{ items: StreetQueueItemView[]; nextCursor?: string }[]>([]);
  const first = useAsync(async () => {
    const page = await call(streetConsoleRoutes.streetQueue, { params: { streetId }, query: { limit: 20 } });
    setPages([]);
    return page;
  }, [streetId]);
  const more = useSubmit(
    async () => {
      const last = pages[pages.length - 1] ?? first.data;
      if (!last?.nextCursor) return;
      const page = await call(streetConsoleRoutes.streetQueue, {
        params: { streetId },
        query: { limit: 20, cursor: last.nextCursor },
      });
      setPages((p) => [...p, page]);
    },
    { onError: toastError },
  );
  const open = (item: StreetQueueItemView) =>
    void Taro.navigateTo({ url: withQuery(CASE_PAGE, { communityId: item.communityId, id: item.grievanceId }) });
  return (
    <Card title="街道待办：上报到街道的诉求" testId="console-queue">
      <AsyncView
        state={first}
        compact
        testId="console-queue-state"
        isEmpty={(p) => p.items.length === 0}
        empty={{ title: '没有上报到街道的诉求', hint: '社区上报或超时督办到街道的诉求会列在这里，超时的在前。' }}
      >
        {(firstPage) => {
          const all = [firstPage, ...pages];
          const items = all.flatMap((p) => p.items);
          const hasMore = !!all[all.length - 1]?.nextCursor;
          return (
            <>
              <CellGroup testId="console-queue-list">
                {items.map((item) => (
                  <Cell
                    key={`${item.communityId}-${item.grievanceId}`}
                    title={`${item.overdue ? '【已超时】' : ''}${item.categoryLabel} · ${item.excerpt}`}
                    description={`${item.communityName} · ${item.gridName} · ${item.place} · 编号 ${item.number}`}
                    value={item.dueAt ? `${item.overdue ? '时限' : '受理时限'} ${dueText(item.dueAt)}` : undefined}
                    danger={item.overdue}
                    onClick={() => open(item)}
                    testId={`queue-item-${item.number}`}
                  />
                ))}
              </CellGroup>
              {hasMore && (
                <ActionButton
                  block
                  variant="secondary"
                  loading={more.busy}
                  onClick={() => void more.submit()}
                  testId="console-queue-more"
                >
                  加载更多
                </ActionButton>
              )}
            </>
          );
        }}
      </AsyncView>
    </Card>
  );
}

/** 三率 of the street, its trend, the ranking of its communities and each community's grids. */
function Figures({ d, rate, onRate }: { d: StreetFiguresView; rate: RateKey; onRate(r: RateKey): void }) {
  const ranking = rankBy(d.communities, (c) => c.figures.rates[rate]);
  const s = d.street;
  return (
    <>
      <Card title={`${d.streetName} ${monthLabel(d.month)}三率`} testId="console-rates">
        <RateTiles figures={s} testId="street-rates" />
        <View className="street__changes" data-testid="street-changes">
          {RATE_KEYS.map((k) => (
            <Text key={k} className="street__meta">
              {RATE_LABELS[k]}：{changeText(s.change[k])}
            </Text>
          ))}
        </View>
        <StatTiles
          columns={3}
          testId="street-counts"
          tiles={[
            { label: '提交诉求', value: s.raised, unit: '件' },
            { label: '居民评价过', value: s.rated, unit: '件' },
            { label: '评价满意而办结', value: s.resolved, unit: '件' },
          ]}
        />
      </Card>
      <ChoiceList
        options={RATE_KEYS.map((k) => ({ value: k, label: RATE_LABELS[k] }))}
        value={rate}
        onChange={onRate}
        testId="console-rate"
        label="查看指标"
      />
      <Card title={`${RATE_LABELS[rate]}：逐月`} testId="console-trend">
        <ColumnChart
          title={`${RATE_LABELS[rate]}逐月变化`}
          testId="trend-chart"
          unit="%"
          max={100}
          data={d.trend.map((t) => ({ label: monthLabel(t.month), value: (t.rates[rate] ?? 0) * 100 }))}
        />
        <Text className="street__intro">没有可计算的诉求的月份记为 0。</Text>
      </Card>
      <Card title={`社区排名：按${RATE_LABELS[rate]}`} testId="console-ranking">
        <Text className="street__intro" data-testid="ranking-basis">
          按{monthLabel(d.month)}
          {RATE_LABELS[rate]}从高到低排名，并列同名次；没有可计算诉求的社区不排名。
          {d.definitions[rate]}
        </Text>
        <BarChart
          title={`按${RATE_LABELS[rate]}排名`}
          testId="ranking-chart"
          unit="%"
          max={100}
          emptyText="本月还没有可排名的社区"
          data={ranking
            .filter((r) => r.rank !== undefined)
            .map((r) => ({
              label: `第${r.rank}名 ${r.item.name}`,
              value: (r.rate ?? 0) * 100,
              hint: changeText(r.item.figures.change[rate]),
            }))}
        />
        {ranking
          .filter((r) => r.rank === undefined)
          .map((r) => (
            <Text key={r.item.communityId} className="street__meta">
              {r.item.name}：本月没有可计算的诉求
            </Text>
          ))}
      </Card>
      <Card title="超时：按层级" testId="console-overdue">
        <BarChart
          title="超时督办次数，按超时的层级"
          testId="overdue-chart"
          unit="次"
          color="#d9534f"
          data={LEVELS.map((l) => ({ label: LEVEL_LABELS[l], value: s.overdue[l] }))}
        />
      </Card>
      <Card title="主要类别" testId="console-categories">
        <BarChart
          title="主要类别"
          testId="categories-chart"
          unit="件"
          emptyText="本月还没有诉求"
          data={s.topCategories.map((c) => ({ label: c.label, value: c.count }))}
        />
      </Card>
      {d.communities.map((c) => (
        <Card key={c.communityId} title={c.name} testId={`console-community-${c.communityId}`}>
          <RateTiles figures={c.figures} testId={`community-rates-${c.communityId}`} />
          <View className="street__actions">
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() =>
                void Taro.navigateTo({
                  url: withQuery(GRIDS_PAGE, { streetId: d.streetId, communityId: c.communityId, month: d.month }),
                })
              }
              testId={`grid-drill-${c.communityId}`}
            >
              各网格逐月三率
            </ActionButton>
          </View>
          <BarChart
            title={`${c.name}各网格${RATE_LABELS[rate]}`}
            testId={`grid-chart-${c.communityId}`}
            unit="%"
            max={100}
            emptyText="本月没有诉求"
            data={c.grids.map((g) => ({
              label: g.gridName,
              value: (g.figures.rates[rate] ?? 0) * 100,
              hint: `提交 ${g.figures.raised} 件${g.figures.rates[rate] === undefined ? '，无可计算数据' : ''}`,
            }))}
          />
        </Card>
      ))}
      <Card title="口径" testId="console-definitions">
        {RATE_KEYS.map((k) => (
          <Text key={k} className="street__intro">
            {d.definitions[k]}
          </Text>
        ))}
      </Card>
    </>
  );
}

/** 街道工作台: the street's desk of escalated 诉求, 三率 with charts and ranking, and the month's 台账. */
export default function StreetConsolePage() {
  const streetId = useRouter().params.streetId ?? '';
  const [month, setMonth] = useState(MONTHS[0] as string);
  const [rate, setRate] = useState<RateKey>('resolution');
  const figures = useAsync(
    () => call(streetConsoleRoutes.streetFigures, { params: { streetId }, query: { month } }),
    [streetId, month],
  );
  const ledger = useSubmit(
    async () => {
      const file = await call(streetConsoleRoutes.exportStreetLedger, { params: { streetId }, body: { month } });
      await openRemoteFile(file.url, file.fileName);
    },
    { onError: toastError },
  );
  return (
    <Page testId="page-street-console">
      <Queue streetId={streetId} />
      <ChoiceList
        options={MONTHS.map((m) => ({ value: m, label: monthLabel(m) }))}
        value={month}
        onChange={setMonth}
        testId="console-month"
        label="月份（按诉求提交的月份统计）"
      />
      <View className="street__actions">
        <ActionButton
          size="small"
          variant="secondary"
          loading={ledger.busy}
          onClick={() => void ledger.submit()}
          testId="console-ledger"
        >
          下载{monthLabel(month)}街道台账
        </ActionButton>
      </View>
      <AsyncView state={figures} testId="console-figures">
        {(d) => <Figures d={d} rate={rate} onRate={setRate} />}
      </AsyncView>
    </Page>
  );
}
