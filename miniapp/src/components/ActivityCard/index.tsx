/**
 * ActivityCard — an activity in a list (the 志愿 tab, 我组织的活动) — and the two phrases the activity pages share
 * with it: `activityTag` (my state or the activity's) and `timeRange`. Main package: the tab and the volunteer
 * subpackage both use it.
 */
import { Text, View } from '@tarojs/components';
import { ACTIVITY_CATEGORIES, describePointsRule, HOURS_STATE_LABELS, type ActivityView } from '@linli/shared';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';
import { IconText } from '@/components/Icon/IconText';
import type { ActivityCardProps, ActivityTagView } from './types';
import './ActivityCard.scss';

export type { ActivityCardProps, ActivityTagView } from './types';

/** The one tag that says where I stand with an activity (或 where the activity stands). */
export function activityTag(a: ActivityView): ActivityTagView {
  const mine = a.mine;
  if (a.phase === 'cancelled') return { tone: 'danger', text: '已取消' };
  if (mine?.status === 'confirmed') {
    const state = mine.hoursState && mine.hoursState !== 'upcoming' ? HOURS_STATE_LABELS[mine.hoursState] : '已报名';
    return {
      tone:
        mine.hoursState === 'approved'
          ? 'success'
          : mine.hoursState === 'missingCheckOut' || mine.hoursState === 'declined'
            ? 'danger'
            : 'info',
      text: state,
    };
  }
  if (mine?.status === 'waitlisted')
    return { tone: 'warning', text: mine.waitPosition ? `候补第 ${mine.waitPosition} 位` : '候补中' };
  if (a.phase === 'ended') return { tone: 'neutral', text: '已结束' };
  if (a.phase === 'closed') return { tone: 'neutral', text: '报名截止' };
  if (a.confirmed >= a.capacity) return { tone: 'warning', text: '已满，可候补' };
  return { tone: 'success', text: '报名中' };
}

/** 08:30–11:30 when on one day, else both ends in full. */
export function timeRange(startAt: string, endAt: string): string {
  const start = formatDateTime(startAt);
  const end = formatDateTime(endAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} 至 ${end}`;
}

/** An activity in a list: what, when, where, places left, points, and my state. */
export function ActivityCard({ activity: a, onOpen }: ActivityCardProps) {
  const tag = activityTag(a);
  return (
    <View
      className="activity-card"
      onClick={onOpen}
      data-testid={`activity-${a.activityId}`}
      role="button"
      aria-label={a.title}
    >
      <View className="activity-card__head">
        <Text className="activity-card__title">{a.title}</Text>
        <StatusTag tone={tag.tone} testId="activity-tag">
          {tag.text}
        </StatusTag>
      </View>
      <IconText icon="clock" className="activity-card__line">
        {timeRange(a.startAt, a.endAt)}
      </IconText>
      <IconText icon="place" className="activity-card__line">
        {a.place}
      </IconText>
      <View className="activity-card__foot">
        <Text className="activity-card__meta">
          {ACTIVITY_CATEGORIES[a.category]} · {a.organiser.name}
        </Text>
        <Text className="activity-card__meta">
          {a.confirmed}/{a.capacity} 人{a.waitlisted ? ` · 候补 ${a.waitlisted}` : ''} ·{' '}
          {describePointsRule(a.pointsRule)}
        </Text>
      </View>
    </View>
  );
}
