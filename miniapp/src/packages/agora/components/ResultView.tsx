import { Text, View } from '@tarojs/components';
import type { ResultView as Result, TopicView } from '@linli/shared';
import { BarChart, StatTiles } from '@/components/charts';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';
import { areaText } from '@/packages/agora/lib/format';
import { IconText } from '@/components/Icon/IconText';

const OUTCOME: Record<Result['outcome']['kind'], { label: string; tone: 'success' | 'danger' | 'warning' | 'info' }> = {
  passed: { label: '通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  noQuorum: { label: '参与不足，未形成决定', tone: 'warning' },
  winner: { label: '已产生结果', tone: 'success' },
  elected: { label: '已产生当选人', tone: 'success' },
  noWinner: { label: '无选项达到通过比例', tone: 'warning' },
  tie: { label: '票数相同，需另行决定', tone: 'warning' },
};

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '0%');

/** 公示结果: the outcome in plain words, counts per option, participation by heads and area, the rule and its checks. */
export function ResultView({ topic, result }: { topic: TopicView; result: Result }) {
  const owners = topic.basis === 'owners';
  const noun = topic.basis === 'household' ? '户' : '人';
  const outcome = OUTCOME[result.outcome.kind];
  return (
    <View data-testid="result">
      <View className="agora__outcome">
        <StatusTag tone={outcome.tone} testId="result-outcome">
          {outcome.label}
        </StatusTag>
        <Text className="agora__summary" data-testid="result-summary">
          {result.summary}
        </Text>
      </View>
      <StatTiles
        columns={owners ? 2 : 3}
        testId="result-participation"
        tiles={[
          {
            label: `参与表决（${noun}）`,
            value: `${result.participation.heads} / ${result.electorate.heads}`,
            testId: 'result-heads',
          },
          { label: '参与率', value: pct(result.participation.heads, result.electorate.heads) },
          ...(owners
            ? [
                { label: '参与表决面积', value: `${areaText(result.participation.area)}`, testId: 'result-area' },
                {
                  label: '占总面积',
                  value: `${pct(result.participation.area, result.electorate.area)}（共 ${areaText(result.electorate.area)}）`,
                },
              ]
            : [{ label: '弃权', value: result.abstentions.heads, unit: noun }]),
        ]}
      />
      <Text className="agora__subhead">各选项得票（{noun}）</Text>
      <BarChart
        data={result.options.map((o) => ({
          label: o.label,
          value: o.heads,
          hint: owners ? `面积 ${areaText(o.area)}` : o.voters?.length ? o.voters.join('、') : undefined,
        }))}
        unit={noun}
        max={Math.max(1, result.participation.heads)}
        testId="result-options"
      />
      {owners && (
        <>
          <Text className="agora__subhead">各选项面积（㎡）</Text>
          <BarChart
            data={result.options.map((o) => ({ label: o.label, value: o.area }))}
            unit="㎡"
            max={Math.max(1, result.participation.area)}
            testId="result-options-area"
          />
        </>
      )}
      <Text className="agora__subhead">规则核对</Text>
      <View className="agora__checks" data-testid="result-checks">
        {[
          ...result.quorum.checks,
          ...result.options.flatMap((o) =>
            result.outcome.winners.includes(o.optionId) || o.optionId === 'agree' ? o.checks : [],
          ),
        ].map((c, i) => (
          <IconText
            key={`${c.label}-${i}`}
            icon={c.met ? 'check' : 'cross'}
            className={c.met ? 'agora__check agora__check--met' : 'agora__check'}
          >
            {c.met ? '达到' : '未达到'} · {c.label}：
            {c.measure === 'area' ? `${areaText(c.value)} / ${areaText(c.total)}` : `${c.value} / ${c.total}`}（
            {pct(c.value, c.total)}，需{c.thresholdWords}）
          </IconText>
        ))}
      </View>
      <Text className="agora__fine">{result.decidedBy}</Text>
      <Text className="agora__fine">{result.abstentionRule}</Text>
      <Text className="agora__fine">依据：{result.legalBasis}</Text>
      {result.turnoutByBuilding.length > 1 && (
        <>
          <Text className="agora__subhead">各楼栋参与情况</Text>
          <BarChart
            data={result.turnoutByBuilding.map((b) => ({ label: b.name, value: b.total, part: b.voted }))}
            partLabel="已投票"
            valueLabel="应投"
            testId="result-buildings"
          />
        </>
      )}
      <Text className="agora__fine" data-testid="result-integrity">
        计票于 {formatDateTime(result.countedAt)}：选票 {result.ballots} 张，投票记录 {result.integrity.participations}{' '}
        条
        {result.participation.byChannel
          ? `（线上 ${result.participation.byChannel.online}、纸质票 ${result.participation.byChannel.paper}、书面委托 ${result.participation.byChannel.proxy}）`
          : ''}
        ，{result.integrity.consistent ? '两者一致' : '两者不一致，已提请复核'}
        {result.conflicts.open + result.conflicts.resolved > 0
          ? `；跨渠道冲突 ${result.conflicts.resolved} 起已核实、${result.conflicts.open} 起待核实`
          : ''}
        。
      </Text>
    </View>
  );
}
