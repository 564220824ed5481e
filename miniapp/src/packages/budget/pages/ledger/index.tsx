import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, percentOf, yuanText, type AccountabilityView } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { BarChart, StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { PhotoStrip } from '@/components/BudgetPhotos/BudgetPhotos';
import { PHASE_TONES, STAGE_TONES } from '@/packages/budget/lib/labels';
import '@/packages/budget/budget.scss';

const amount = (v: number) => yuanText(v).replace(' 元', '');

function RoundLedger({ round }: { round: AccountabilityView['rounds'][number] }) {
  return (
    <Card testId={`ledger-round-${round.roundId}`}>
      <View className="budget__item-head">
        <Text className="budget__item-title">{round.title}</Text>
        <StatusTag tone={PHASE_TONES[round.phase]}>{round.phaseLabel}</StatusTag>
      </View>
      <Text className="budget__fine" data-testid="ledger-round-money">
        预算 {yuanText(round.totalAmount)} · 计划 {yuanText(round.planned)} · 已支出 {yuanText(round.spent)}
        {round.ballots !== undefined ? ` · ${round.ballots} 张选票` : ''} · {round.scopeText}
      </Text>
      {round.projects.length === 0 ? (
        <Text className="budget__muted">暂无项目</Text>
      ) : (
        round.projects.map((p) => (
          <View key={p.projectId} className="budget__item" data-testid="ledger-project">
            <View className="budget__item-head">
              <Text className="budget__item-title">{p.title}</Text>
              <StatusTag tone={STAGE_TONES[p.stage]}>{p.stageLabel}</StatusTag>
            </View>
            <Text className="budget__fine">
              {p.place} · 计划 {yuanText(p.cost)} · 已支出 {yuanText(p.spent)}（{percentOf(p.spent, p.cost)}%）· 完成{' '}
              {p.percent}%{p.votes !== undefined ? ` · ${p.votes} 票` : ''}
            </Text>
            {(p.responsibleParty || p.satisfactionRate !== undefined || p.answersRequests > 0) && (
              <Text className="budget__fine">
                {p.responsibleParty ? `责任单位 ${p.responsibleParty}` : ''}
                {p.satisfactionRate !== undefined ? ` · 验收满意率 ${p.satisfactionRate}%` : ''}
                {p.answersRequests > 0 ? ` · 回应 ${p.answersRequests} 条诉求` : ''}
              </Text>
            )}
            {p.latest && (
              <View data-testid="ledger-latest">
                <Text className="budget__fine">
                  {p.latest.month} 进度：{p.latest.note}
                </Text>
                <PhotoStrip photos={p.latest.photos} alt={`${p.title} 进度照片`} testId="ledger-photos" />
              </View>
            )}
          </View>
        ))
      )}
    </Card>
  );
}

function Ledger({ communityId }: { communityId: string }) {
  const ledger = useAsync(() => call(budgetRoutes.accountability, { params: { communityId } }), [communityId]);
  return (
    <AsyncView
      state={ledger}
      testId="budget-ledger"
      isEmpty={(l) => l.rounds.length === 0}
      empty={{
        icon: 'ledger',
        title: '暂无民生微实事',
        hint: '居委会发起第一轮后，每个项目的进度和支出都会在这里公开。',
      }}
    >
      {(l) => (
        <View>
          <Text className="budget__title" data-testid="ledger-community">
            {l.communityName}
          </Text>
          <StatTiles
            tiles={[
              { label: '轮次', value: String(l.totals.rounds) },
              { label: '预算', value: yuanText(l.totals.budget) },
              { label: '计划', value: yuanText(l.totals.planned) },
              { label: '已支出', value: yuanText(l.totals.spent) },
            ]}
            columns={2}
            testId="ledger-totals"
          />
          <Card title="计划与实际支出" testId="ledger-chart">
            <BarChart
              title="各轮计划与实际支出"
              data={l.rounds.map((r) => ({ label: r.title, value: r.planned, part: r.spent }))}
              partLabel="已支出"
              valueLabel="计划"
              unit=" 元"
              format={amount}
              emptyText="尚无入选项目"
              testId="ledger-money"
            />
          </Card>
          {l.rounds.map((r) => (
            <RoundLedger key={r.roundId} round={r} />
          ))}
        </View>
      )}
    </AsyncView>
  );
}

/**
 * 民生微实事公开台账: every round and project with its state, progress, and money planned against spent. Public
 * (no sign-in), like 社区公开信息: the community comes from the link (`cid`), else the signed-in resident's.
 */
export default function BudgetLedgerPage() {
  const session = useSession();
  const communityId = readParam(useRouter().params.cid) ?? session.communityId;
  return (
    <Page testId="page-budget-ledger" access="public">
      {communityId ? (
        <Ledger communityId={communityId} />
      ) : (
        <Card testId="ledger-no-community">
          <Text className="budget__muted">请从社区的公开页面或分享链接打开台账。</Text>
        </Card>
      )}
    </Page>
  );
}
