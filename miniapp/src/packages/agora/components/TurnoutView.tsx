import { Text, View } from '@tarojs/components';
import type { TopicView } from '@linli/shared';
import { BarChart, ProgressBar } from '@/components/charts';
import { areaText } from '@/packages/agora/lib/format';

const NOUN = { person: '人', household: '户', owners: '人' } as const;

/** 实时参与率: overall (heads, and area for owners) and by building; choices stay hidden until close. */
export function TurnoutView({ topic }: { topic: TopicView }) {
  const live = topic.liveTurnout;
  const vote = topic.vote;
  if (!live || !vote) return null;
  const basis = topic.basis ?? 'household';
  return (
    <View data-testid="live-turnout">
      <ProgressBar
        value={live.heads}
        total={vote.electorate.heads}
        label="已投票"
        unit={` ${NOUN[basis]}`}
        testId="turnout-heads"
      />
      {basis === 'owners' && (
        <ProgressBar
          value={live.area}
          total={vote.electorate.area}
          label="已投票面积"
          unit="㎡"
          testId="turnout-area"
        />
      )}
      <Text className="agora__subhead">各楼栋参与情况（{basis === 'person' ? '人' : '户'}）</Text>
      <BarChart
        data={live.byBuilding.map((b) => ({
          label: b.name,
          value: b.total,
          part: b.voted,
          hint: basis === 'owners' ? `面积 ${areaText(b.area)} / ${areaText(b.areaTotal)}` : undefined,
        }))}
        partLabel="已投票"
        valueLabel={basis === 'person' ? '应投人数' : '应投户数'}
        testId="turnout-buildings"
      />
      <Text className="agora__hint">投票结果在截止后公布；截止前只显示参与率。</Text>
    </View>
  );
}
