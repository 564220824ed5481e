import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COMMITTEE,
  EVALUATORS,
  LEVEL_LABELS,
  type GrievanceDashboard,
  grievanceLedgerRoutes,
  grievanceRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart, StackedBar, StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { openRemoteFile } from '@/lib/files/openRemoteFile';
import { formatNumber } from '@/lib/format';
import { useSession } from '@/session/SessionProvider';
import { rateText, SatisfactionBars } from '@/packages/grievances/components/SatisfactionBars';
import { StaffGate } from '@/packages/grievances/components/StaffGate';
import { monthBack, monthDays, monthLabel } from '@/packages/grievances/lib/months';
import '@/packages/grievances/grievances.scss';

const MONTHS = Array.from({ length: 6 }, (_, i) => monthBack(i));
const hours = (h: number | undefined) => (h === undefined ? '—' : formatNumber(h, 1));
const pct = (r: number | undefined) => (r === undefined ? '—' : formatNumber(r * 100, 0));

function Figures({ d }: { d: GrievanceDashboard }) {
  return (
    <>
      <Card title="总体" testId="dashboard-totals">
        <StatTiles
          columns={3}
          tiles={[
            { label: '本月提交', value: d.submitted, unit: '件', testId: 'tile-submitted' },
            { label: '未办结', value: d.openNow, unit: '件', testId: 'tile-open' },
            {
              label: '超时',
              value: d.overdueNow,
              unit: '件',
              tone: d.overdueNow > 0 ? 'alert' : 'normal',
              testId: 'tile-overdue',
            },
            { label: '时限达标率', value: pct(d.slaRate), unit: '%', testId: 'tile-sla' },
            { label: '平均受理', value: hours(d.avgAcceptHours), unit: '小时' },
            { label: '平均办结', value: hours(d.avgFinishHours), unit: '小时' },
          ]}
        />
      </Card>
      <Card title={`群众满意率 ${rateText(d.satisfaction)}`} testId="dashboard-satisfaction">
        <StackedBar
          title="评价构成"
          testId="satisfaction-bar"
          unit="件"
          segments={[
            { label: '满意', value: d.satisfaction.satisfied, color: '#067a3f' },
            { label: '基本满意', value: d.satisfaction.basic, color: '#7cc79c' },
            { label: '不满意', value: d.satisfaction.unsatisfied, color: '#d9534f' },
            { label: '未评价', value: d.satisfaction.unrated, color: '#c9cdd4' },
          ]}
        />
        <Text className="muted">未评价不计入满意：满意率 =（满意 + 基本满意）÷ 全部评价（含未评价）。</Text>
      </Card>
      <Card title="未办结与超时：按层级" testId="dashboard-levels">
        <BarChart
          title="按层级"
          testId="open-by-level"
          unit="件"
          partLabel="其中超时"
          valueLabel="未办结"
          color="#d9534f"
          data={d.openByLevel.map((l) => ({ label: LEVEL_LABELS[l.level], value: l.open, part: l.overdue }))}
        />
      </Card>
      <Card title="未办结与超时：按网格" testId="dashboard-grids">
        <BarChart
          title="按网格"
          testId="open-by-grid"
          unit="件"
          partLabel="其中超时"
          valueLabel="未办结"
          color="#d9534f"
          emptyText="没有未办结的诉求"
          data={d.openByGrid.map((g) => ({ label: g.gridName, value: g.open, part: g.overdue }))}
        />
      </Card>
      <Card title="满意率：按网格" testId="dashboard-grid-satisfaction">
        <SatisfactionBars
          title="按网格"
          testId="satisfaction-by-grid"
          rows={d.byGrid.map((g) => ({ ...g, label: g.gridName }))}
        />
      </Card>
      <Card title="满意率：按办理人" testId="dashboard-handler-satisfaction">
        <SatisfactionBars
          title="按办理人"
          testId="satisfaction-by-handler"
          rows={d.byHandler.map((h) => ({ ...h, label: h.name }))}
        />
      </Card>
      <Card title="热点类别" testId="dashboard-categories">
        <BarChart
          title="热点类别"
          testId="top-categories"
          unit="件"
          emptyText="本月还没有诉求"
          data={d.topCategories.map((c) => ({ label: c.label, value: c.count }))}
        />
      </Card>
    </>
  );
}

function Dashboard({ communityId }: { communityId: string }) {
  const session = useSession();
  const [month, setMonth] = useState(MONTHS[0] as string);
  const state = useAsync(
    () => call(grievanceRoutes.dashboard, { params: { communityId }, query: { month } }),
    [communityId, month],
  );
  usePullDownRefresh(() => {
    void state.reload();
    Taro.stopPullDownRefresh();
  });

  const exportLedger = useSubmit(
    async () => {
      const file = await call(grievanceLedgerRoutes.exportLedger, { params: { communityId }, body: monthDays(month) });
      await openRemoteFile(file.url, file.fileName);
    },
    { onError: toastError },
  );
  const publish = useSubmit(
    async () => {
      await call(grievanceRoutes.publishEvaluation, { params: { communityId }, body: { month } });
      void Taro.showToast({ title: `${monthLabel(month)}群众评议已发布`, icon: 'none' });
    },
    { onError: toastError },
  );

  return (
    <>
      <ChoiceList
        options={MONTHS.map((m) => ({ value: m, label: monthLabel(m) }))}
        value={month}
        onChange={setMonth}
        testId="dashboard-month"
        label="月份"
      />
      <View className="grv-actions" style={{ marginTop: '12px' }}>
        <ActionButton
          size="small"
          variant="secondary"
          loading={exportLedger.busy}
          onClick={() => void exportLedger.submit()}
          testId="ledger-export"
        >
          导出{monthLabel(month)}台账
        </ActionButton>
        {session.hasRole(...COMMITTEE) && month !== MONTHS[0] && (
          <ActionButton
            size="small"
            variant="secondary"
            loading={publish.busy}
            onClick={() => void publish.submit()}
            testId="evaluation-publish"
          >
            发布{monthLabel(month)}群众评议
          </ActionButton>
        )}
      </View>
      <AsyncView state={state} testId="dashboard">
        {(d) => <Figures d={d} />}
      </AsyncView>
    </>
  );
}

/** 诉求看板: open and overdue by level and grid, SLA, times, satisfaction by grid and handler, hot categories. */
export default function DashboardPage() {
  return (
    <Page testId="page-grievance-dashboard">
      <StaffGate roles={EVALUATORS}>{(communityId) => <Dashboard communityId={communityId} />}</StaffGate>
    </Page>
  );
}
