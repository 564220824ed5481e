import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, ROUND_BASIS_LABELS, yuanText, type RoundSummaryView } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/session/SessionProvider';
import { PHASE_TONES } from '@/packages/budget/lib/labels';
import { ledgerPath, roundPath } from '@/lib/budgetPages';
import '@/packages/budget/budget.scss';

function RoundCard({ round, communityId }: { round: RoundSummaryView; communityId: string }) {
  return (
    <Card
      onClick={() => void Taro.navigateTo({ url: roundPath(communityId, round.roundId) })}
      testId={`round-${round.roundId}`}
    >
      <View className="budget__item-head">
        <Text className="budget__item-title">{round.title}</Text>
        <StatusTag tone={PHASE_TONES[round.phase]}>{round.phaseLabel}</StatusTag>
      </View>
      <Text className="budget__amount">预算 {yuanText(round.totalAmount)}</Text>
      <Text className="budget__fine">
        {round.scopeText} · {ROUND_BASIS_LABELS[round.basis]} · {round.projectCount} 个项目
        {round.phaseEndsAt ? ` · ${round.phaseLabel}截止 ${formatDateTime(round.phaseEndsAt)}` : ''}
      </Text>
      {round.myStatus === 'canVote' && (
        <StatusTag tone="warning" testId="round-can-vote">
          待我投票
        </StatusTag>
      )}
      {round.myStatus === 'voted' && (
        <StatusTag tone="success" testId="round-voted">
          已投票
        </StatusTag>
      )}
    </Card>
  );
}

/** 民生微实事: the community's budget rounds, newest first, each with its phase and what waits for me. */
export default function BudgetRoundsPage() {
  const session = useSession();
  const communityId = session.communityId ?? '';
  const list = useAsync(() => call(budgetRoutes.listRounds, { params: { communityId } }), [communityId], {
    enabled: !!communityId,
  });
  useReshow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <Page testId="page-budget-rounds">
      <Card>
        <Text className="budget__text">
          社区每年拿出一笔钱，由居民点单、评议、投票决定办哪些实事；结果、进度和每一笔支出全程公开。
        </Text>
      </Card>
      <AsyncView
        state={list}
        testId="budget-rounds"
        isEmpty={(l) => l.items.length === 0}
        empty={{ icon: 'wallet', title: '暂无民生微实事', hint: '居委会发起后，您可以在这里点单和投票。' }}
      >
        {(l) => (
          <View>
            {l.items.map((r) => (
              <RoundCard key={r.roundId} round={r} communityId={communityId} />
            ))}
          </View>
        )}
      </AsyncView>
      {communityId && (
        <CellGroup>
          <Cell
            icon="ledger"
            title="公开台账"
            description="每一轮、每个项目的进度，计划与实际支出"
            onClick={() => void Taro.navigateTo({ url: ledgerPath(communityId) })}
            testId="budget-ledger-link"
          />
        </CellGroup>
      )}
    </Page>
  );
}
