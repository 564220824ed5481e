import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, COMMITTEE, ROUND_BASIS_LABELS, yuanText } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { focusable } from '@/lib/a11y';
import { formatDateTime } from '@/lib/format';
import { withQuery } from '@/routes';
import { BUDGET_ADMIN } from '@/packages/budgetAdmin/lib/routes';
import '@/packages/budgetAdmin/budgetAdmin.scss';

/** 工作台 → 民生微实事: the community's rounds, newest first, and 发起一轮. */
function Rounds({ communityId }: { communityId: string }) {
  const rounds = useAsync(() => call(budgetRoutes.listRounds, { params: { communityId } }), [communityId]);
  useReshow(() => void rounds.reload());
  return (
    <>
      <View className="budget-admin__actions">
        <ActionButton block onClick={() => void Taro.navigateTo({ url: BUDGET_ADMIN.open })} testId="budget-open">
          发起一轮民生微实事
        </ActionButton>
      </View>
      <Card title="预算轮次">
        <AsyncView
          state={rounds}
          testId="budget-rounds"
          isEmpty={(r) => r.items.length === 0}
          empty={{ icon: 'empty', title: '还没有民生微实事', hint: '发起一轮：定总额、范围和各阶段时间' }}
        >
          {(r) =>
            r.items.map((round) => (
              <View
                key={round.roundId}
                className="budget-admin__row"
                role="button"
                {...focusable}
                onClick={() => void Taro.navigateTo({ url: withQuery(BUDGET_ADMIN.round, { roundId: round.roundId }) })}
                data-testid={`budget-round-${round.roundId}`}
              >
                <View className="budget-admin__row-head">
                  <Text className="budget-admin__title">{round.title}</Text>
                  <StatusTag tone="info">{round.phaseLabel}</StatusTag>
                </View>
                <Text className="budget-admin__line">
                  {yuanText(round.totalAmount)} · {round.scopeText} · {ROUND_BASIS_LABELS[round.basis]} ·{' '}
                  {round.projectCount} 个项目
                </Text>
                {round.phaseEndsAt && <IconText icon="clock">本阶段截止 {formatDateTime(round.phaseEndsAt)}</IconText>}
              </View>
            ))
          }
        </AsyncView>
      </Card>
    </>
  );
}

export default function BudgetRoundsPage() {
  return (
    <Page testId="page-budget-admin-rounds">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <Rounds communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
