import { grievanceRoutes } from '@linli/shared';
import { Text } from '@tarojs/components';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useSession } from '@/session/SessionProvider';
import { rateText, SatisfactionBars } from '@/packages/grievances/components/SatisfactionBars';
import { monthLabel } from '@/packages/grievances/lib/months';
import '@/packages/grievances/grievances.scss';

/** 群众性评议: the month the committee published — how satisfied residents were, by grid and by handler. */
export default function EvaluationPage() {
  const { communityId } = useSession();
  const state = useAsync(
    () => call(grievanceRoutes.latestEvaluation, { params: { communityId: communityId as string } }),
    [communityId],
    { enabled: !!communityId },
  );
  return (
    <Page testId="page-grievance-evaluation">
      <AsyncView
        state={state}
        testId="evaluation"
        isEmpty={(r) => !r.evaluation}
        empty={{ icon: 'chart', title: '还没有发布的评议', hint: '居委会每月发布上月的诉求办理满意度。' }}
      >
        {({ evaluation: e }) =>
          e && (
            <>
              <Card title={`${monthLabel(e.month)}诉求办理群众评议`}>
                <StatTiles
                  columns={3}
                  tiles={[
                    { label: '受理诉求', value: e.submitted, unit: '件' },
                    { label: '已办结', value: e.closed, unit: '件' },
                    { label: '满意率', value: rateText(e.satisfaction) },
                  ]}
                />
                <Text className="muted">
                  时限达标率 {e.slaRate === undefined ? '—' : `${formatNumber(e.slaRate * 100, 0)}%`} · 发布于{' '}
                  {formatDateTime(e.publishedAt)}
                </Text>
              </Card>
              <Card title="各网格满意率">
                <SatisfactionBars
                  title="各网格"
                  testId="evaluation-grids"
                  rows={e.byGrid.map((g) => ({ ...g, label: g.gridName }))}
                />
              </Card>
              <Card title="网格员与工作人员满意率">
                <SatisfactionBars
                  title="办理人"
                  testId="evaluation-handlers"
                  rows={e.byHandler.map((h) => ({ ...h, label: h.name }))}
                />
              </Card>
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
