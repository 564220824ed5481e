import { Text, View } from '@tarojs/components';
import type { RoundView } from '@linli/shared';
import { Icon } from '@/components/Icon/Icon';
import { cx } from '@/lib/classNames';
import { formatDateTime } from '@/lib/format';

const STATE_WORDS = { done: '已完成', current: '进行中', upcoming: '未开始' } as const;

/**
 * 点单 → 审核筛选 → 评议 → 投票 → 公示 → 实施 → 验收, each with its date and what residents do in it. The
 * current phase is marked by a word and an icon as well as colour; a phase ended early says who ended it and why.
 */
export function PhaseTimeline({ round }: { round: RoundView }) {
  const early = new Map(round.phaseChanges.filter((c) => c.early).map((c) => [c.from, c]));
  return (
    <View className="budget-timeline" data-testid="round-timeline" role="list" aria-label="阶段">
      {round.timeline.map((t) => {
        const ended = early.get(t.phase);
        return (
          <View
            key={t.phase}
            className={cx('budget-timeline__step', `budget-timeline__step--${t.state}`)}
            data-testid={`timeline-${t.phase}`}
            data-state={t.state}
            role="listitem"
          >
            <View className="budget-timeline__head">
              {t.state === 'done' ? (
                <Icon name="check" className="budget-timeline__mark" />
              ) : t.state === 'current' ? (
                <Icon name="clock" className="budget-timeline__mark" />
              ) : (
                <View className="budget-timeline__dot" />
              )}
              <Text className="budget-timeline__label">{t.label}</Text>
              <Text className="budget-timeline__state">{STATE_WORDS[t.state]}</Text>
            </View>
            <Text className="budget-timeline__hint">
              {t.hint}
              {t.until ? ` · 截止 ${formatDateTime(t.until)}` : ''}
            </Text>
            {ended && (
              <Text className="budget-timeline__hint">
                {formatDateTime(ended.at)} {ended.byName}提前结束：{ended.reason}
              </Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
