import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  HOURS_STATE_LABELS,
  hoursText,
  ORGANISERS,
  REGISTRATION_STATUS_LABELS,
  type ReviewDecision,
  volunteerRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { timeRange } from '@/components/ActivityCard';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { ReasonDialog } from '@/packages/volunteer/components/ReasonDialog';
import { ReviewDialog, type ReviewTarget } from './ReviewDialog';
import '@/packages/volunteer/volunteer.scss';

type Entry = Awaited<ReturnType<typeof call<typeof volunteerRoutes.roster>>>['items'][number];

const TONES: Record<string, Tone> = {
  approved: 'success',
  pending: 'warning',
  missingCheckOut: 'danger',
  declined: 'danger',
  checkedIn: 'info',
  absent: 'neutral',
  upcoming: 'neutral',
};
const reviewable = (r: Entry) =>
  r.status === 'confirmed' &&
  (r.hoursState === 'pending' || r.hoursState === 'checkedIn' || r.hoursState === 'missingCheckOut');

function Roster({ communityId, activityId }: { communityId: string; activityId: string }) {
  const roster = useAsync(
    () => call(volunteerRoutes.roster, { params: { communityId, activityId } }),
    [communityId, activityId],
  );
  const [target, setTarget] = useState<(ReviewTarget & { userId: string; round: number }) | undefined>();
  const [removing, setRemoving] = useState<Entry>();
  usePullDownRefresh(() => {
    void roster.reload();
    Taro.stopPullDownRefresh();
  });

  const review = async (userId: string, round: number, d: ReviewDecision) => {
    const updated = await call(volunteerRoutes.reviewHours, {
      params: { communityId, activityId, userId },
      body: { ...d, round },
    });
    roster.setData((r) => (r ? { ...r, items: r.items.map((x) => (x.userId === userId ? updated : x)) } : r));
  };
  // The freed place may promote a waiter: read the whole roster again.
  const remove = async (r: Entry, reason: string) => {
    await call(volunteerRoutes.removeRegistration, {
      params: { communityId, activityId, userId: r.userId },
      body: { reason },
    });
    await roster.reload();
    void Taro.showToast({ title: '已移出', icon: 'success' });
  };
  const { submit: approve, busyKey: busy } = useSubmit(
    async (r: Entry) => {
      await review(r.userId, r.approvalRound, { decision: 'approve' });
      void Taro.showToast({ title: '已确认，积分已发放', icon: 'success' });
    },
    { key: (r) => r.userId, onError: toastError },
  );

  return (
    <AsyncView state={roster} testId="roster">
      {({ activity: a, items }) => {
        const confirmed = items.filter((r) => r.status === 'confirmed');
        const count = (s: string) => confirmed.filter((r) => r.hoursState === s).length;
        const open = a.phase !== 'ended' && a.phase !== 'cancelled';
        const removable = (r: Entry) => open && r.status !== 'cancelled' && !r.checkedInAt;
        return (
          <View>
            <Card title={a.title}>
              <Text className="vol__line">
                {timeRange(a.startAt, a.endAt)} · {a.place}
              </Text>
              <StatTiles
                columns={4}
                tiles={[
                  { label: '已报名', value: a.confirmed, unit: `/${a.capacity}` },
                  { label: '候补', value: a.waitlisted },
                  {
                    label: '待确认',
                    value: count('pending') + count('missingCheckOut'),
                    tone: count('pending') + count('missingCheckOut') ? 'alert' : 'normal',
                  },
                  { label: '已确认', value: count('approved') },
                ]}
              />
            </Card>
            <Card title="名单" testId="roster-list">
              {items.length === 0 && <Text className="muted">还没有人报名</Text>}
              {items.map((r) => (
                <View key={r.userId} className="vol__row" data-testid={`roster-${r.userId}`}>
                  <View className="vol__row-head">
                    <Text className="vol__row-title">
                      {r.nickname}
                      {r.proxyBy ? `（${r.proxyBy}代办）` : ''}
                    </Text>
                    {r.status === 'confirmed' && r.hoursState ? (
                      <StatusTag tone={TONES[r.hoursState] ?? 'neutral'}>{HOURS_STATE_LABELS[r.hoursState]}</StatusTag>
                    ) : (
                      <StatusTag tone={r.status === 'waitlisted' ? 'warning' : 'neutral'}>
                        {r.status === 'waitlisted'
                          ? `候补第 ${r.waitPosition} 位`
                          : REGISTRATION_STATUS_LABELS[r.status]}
                      </StatusTag>
                    )}
                  </View>
                  {r.checkedInAt && (
                    <Text className="vol__line">
                      签到 {formatDateTime(r.checkedInAt).slice(11)}
                      {r.checkedOutAt
                        ? ` · 签退 ${formatDateTime(r.checkedOutAt).slice(11)} · ${hoursText(r.claimedMinutes ?? 0)} 小时`
                        : ' · 未签退'}
                    </Text>
                  )}
                  {r.hoursState === 'approved' && (
                    <Text className="vol__line">
                      确认 {hoursText(r.approvedMinutes ?? 0)} 小时 · {r.points ?? 0} 积分
                    </Text>
                  )}
                  {r.reviewReason && <Text className="vol__note">原因：{r.reviewReason}</Text>}
                  {r.removedReason && <Text className="vol__note">组织者移出：{r.removedReason}</Text>}
                  {removable(r) && (
                    <View className="vol__actions">
                      <ActionButton size="small" variant="plain" onClick={() => setRemoving(r)} testId="roster-remove">
                        移出报名
                      </ActionButton>
                    </View>
                  )}
                  {reviewable(r) && a.phase !== 'cancelled' && (
                    <View className="vol__actions">
                      {r.hoursState === 'pending' && (
                        <ActionButton
                          size="small"
                          loading={busy === r.userId}
                          onClick={() => void approve(r)}
                          testId="review-approve"
                        >
                          确认 {hoursText(r.claimedMinutes ?? 0)} 小时
                        </ActionButton>
                      )}
                      <ActionButton
                        size="small"
                        variant="secondary"
                        onClick={() =>
                          setTarget({
                            userId: r.userId,
                            round: r.approvalRound,
                            nickname: r.nickname,
                            mode: 'adjust',
                            claimedMinutes: r.checkedOutAt ? r.claimedMinutes : undefined,
                          })
                        }
                        testId="review-adjust"
                      >
                        {r.hoursState === 'pending' ? '调整时长' : '核实后确认'}
                      </ActionButton>
                      <ActionButton
                        size="small"
                        variant="plain"
                        onClick={() =>
                          setTarget({ userId: r.userId, round: r.approvalRound, nickname: r.nickname, mode: 'decline' })
                        }
                        testId="review-decline"
                      >
                        不通过
                      </ActionButton>
                    </View>
                  )}
                </View>
              ))}
            </Card>
            {a.phase === 'cancelled' && (
              <Text className="vol__note" data-testid="roster-cancelled">
                活动已取消{a.cancelReason ? `：${a.cancelReason}` : ''}
              </Text>
            )}
            <ReasonDialog
              open={!!removing}
              title={`移出报名：${removing?.nickname ?? ''}`}
              label="原因（会通知该志愿者）"
              placeholder="例如：重复报名、不符合活动要求"
              confirmText="确认移出"
              hint={
                removing?.status === 'confirmed' && a.waitlisted > 0 ? '空出的名额会自动递补给第一位候补。' : undefined
              }
              onSubmit={(reason) => remove(removing!, reason)}
              onClose={() => setRemoving(undefined)}
              testId="remove-dialog"
            />
            <ReviewDialog
              target={target}
              onSubmit={(d) => review(target!.userId, target!.round, d)}
              onClose={() => setTarget(undefined)}
            />
          </View>
        );
      }}
    </AsyncView>
  );
}

/** 名单与时长: who signed up, who waits, check-in/out times, and confirming hours (which credits points). */
export default function RosterPage() {
  const activityId = useRouter().params.id;
  return (
    <Page testId="page-roster">
      <RoleGate roles={ORGANISERS} hint="只有活动组织者可以查看名单。">
        {(communityId) =>
          activityId ? (
            <Roster communityId={communityId} activityId={activityId} />
          ) : (
            <Text className="vol__error">缺少活动</Text>
          )
        }
      </RoleGate>
    </Page>
  );
}
