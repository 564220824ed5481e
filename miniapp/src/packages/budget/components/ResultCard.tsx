import { Text, View } from '@tarojs/components';
import { yuanText, type BudgetResultView } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import { BarChart, StackedBar } from '@/components/charts';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';

const STATUS_TONES = { selected: 'success', doesNotFit: 'warning', noVotes: 'neutral' } as const;

/**
 * 公示: the count as published — its rule in words, each project's votes and whether it was selected or skipped
 * because it no longer fitted (doesNotFit), how ties were broken, the money allocated and left, and the
 * integrity line (ballots against the "who voted" records).
 */
export function ResultCard({ result }: { result: BudgetResultView }) {
  return (
    <Card title="投票结果" testId="result">
      <Text className="budget__summary" data-testid="result-summary">
        {result.summary}
      </Text>
      <Text className="budget__fine" data-testid="result-rule">
        计票规则：{result.rule}
      </Text>
      <StackedBar
        title="预算使用"
        segments={[
          { label: '入选项目', value: result.allocated },
          { label: '结余', value: result.leftover, color: '#8c9399' },
        ]}
        total={result.budget}
        format={(v) => yuanText(v).replace(' 元', '')}
        unit=" 元"
        testId="result-budget"
      />
      <Text className="budget__subhead">各项目得票</Text>
      <BarChart
        title="各项目得票"
        data={result.ranked.map((r) => ({
          label: `${r.rank}. ${r.title}`,
          value: r.votes,
          hint: `${yuanText(r.cost)} · ${r.statusLabel}`,
          color: r.status === 'selected' ? undefined : '#8c9399',
        }))}
        color="#067a3f"
        unit=" 票"
        format={(v) => String(v)}
        testId="result-votes"
      />
      <View className="budget__list">
        {result.ranked.map((r) => (
          <View key={r.projectId} className="budget__item" data-testid={`result-${r.status}`}>
            <View className="budget__item-head">
              <Text className="budget__item-title">
                第 {r.rank} 名 {r.title}
              </Text>
              <StatusTag tone={STATUS_TONES[r.status]}>{r.statusLabel}</StatusTag>
            </View>
            <Text className="budget__fine">
              {r.votes} 票 · {yuanText(r.cost)} · 计入前剩余 {yuanText(r.remainingBefore)}
            </Text>
          </View>
        ))}
      </View>
      {result.ties.length > 0 && (
        <View data-testid="result-ties">
          <Text className="budget__subhead">同票项目</Text>
          {result.ties.map((t, i) => (
            <Text key={i} className="budget__fine">
              {t.votes} 票：{t.titles.join('、')}（同票时费用较低者在前，再按提出先后）
            </Text>
          ))}
        </View>
      )}
      <Text className="budget__fine" data-testid="result-integrity">
        选票 {result.integrity.ballots} 张，投票记录 {result.integrity.participations} 条
        {result.integrity.consistent ? '，两者一致' : '，两者不一致，请向居委会反映'} · 参与 {result.ballots}/
        {result.electorate} · {formatDateTime(result.countedAt)} 计票
      </Text>
    </Card>
  );
}
