import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  ACTIVITY_CATEGORIES,
  describePointsRule,
  HOURS_STATE_LABELS,
  hoursText,
  PARTICIPANTS,
  type ActivityView,
  volunteerRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ProgressBar } from '@/components/charts';
import { Dialog } from '@/components/Dialog/Dialog';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { activityTag, timeRange } from '@/components/ActivityCard';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { activityIdFrom, posterLink } from '@/packages/volunteer/lib/poster';
import { AttendanceEntry } from './AttendanceEntry';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import { ReasonDialog } from '@/packages/volunteer/components/ReasonDialog';
import { cancelRule } from '@/packages/volunteer/lib/cancelRule';
import '@/packages/volunteer/volunteer.scss';
import { IconText } from '@/components/Icon/IconText';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

function Detail({ communityId, activityId }: { communityId: string; activityId: string }) {
  const session = useSession();
  const activity = useAsync(
    () => call(volunteerRoutes.getActivity, { params: { communityId, activityId } }),
    [communityId, activityId],
  );
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [poster, setPoster] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  useReshow(() => void activity.reload());

  useShareAppMessage(() => ({
    title: activity.data
      ? `${activity.data.title} · ${timeRange(activity.data.startAt, activity.data.endAt)}`
      : '社区志愿活动',
    path: withQuery(ROUTES.volunteering.activity, { id: activityId }),
  }));

  const {
    submit: act,
    busy,
    error,
  } = useSubmit(async (run: () => Promise<ActivityView>, done: string) => {
    try {
      const next = await run();
      activity.setData(() => next);
      void Taro.showToast({ title: done, icon: 'success' });
    } finally {
      setConfirmCancel(false);
    }
  });
  const signUp = () => act(() => call(volunteerRoutes.signUp, { params: { communityId, activityId } }), '报名已提交');
  const cancel = () =>
    act(() => call(volunteerRoutes.cancelSignUp, { params: { communityId, activityId } }), '已取消报名');
  const cancelActivity = async (reason: string) => {
    const next = await call(volunteerRoutes.cancelActivity, { params: { communityId, activityId }, body: { reason } });
    activity.setData(() => next);
    void Taro.showToast({ title: '活动已取消', icon: 'success' });
  };
  const go = (url: string) => () => void Taro.navigateTo({ url: withQuery(url, { id: activityId }) });

  return (
    <AsyncView state={activity} testId="activity">
      {(a) => {
        const now = new Date().toISOString();
        const cancelled = a.phase === 'cancelled';
        const mine = a.mine && a.mine.status !== 'cancelled' && !cancelled ? a.mine : undefined;
        const tag = activityTag(a);
        const participant = session.hasRole(...PARTICIPANTS);
        return (
          <View>
            <Card testId="activity-detail">
              <Text className="vol__title">{a.title}</Text>
              <View className="vol__tags">
                <StatusTag tone={tag.tone} testId="activity-status">
                  {tag.text}
                </StatusTag>
                <StatusTag tone="info">{ACTIVITY_CATEGORIES[a.category]}</StatusTag>
              </View>
              <IconText icon="clock" className="vol__line">
                {timeRange(a.startAt, a.endAt)}
              </IconText>
              <IconText icon="place" className="vol__line">
                {a.place}
              </IconText>
              <IconText icon="team" className="vol__line">
                {a.organiser.name}
              </IconText>
              <IconText icon="honour" className="vol__line">
                {describePointsRule(a.pointsRule)}（按确认的服务时长发放）
              </IconText>
              <IconText icon="clock" className="vol__line">
                报名截止 {formatDateTime(a.signUpDeadline)}；{cancelRule(a)}
              </IconText>
              <View style={{ marginTop: '16px' }}>
                <ProgressBar
                  value={a.confirmed}
                  total={a.capacity}
                  label="已报名"
                  unit=" 人"
                  testId="activity-capacity"
                />
                {a.waitlisted > 0 && (
                  <Text className="vol__note">另有 {a.waitlisted} 人候补，有人取消时按顺序递补</Text>
                )}
              </View>
            </Card>

            {cancelled && (
              <Card title="活动已取消" testId="activity-cancelled">
                <Text className="vol__text">
                  {a.cancelReason ? `取消原因：${a.cancelReason}` : '组织者已取消本次活动。'}
                </Text>
                <Text className="vol__note">已报名和候补的志愿者都已收到通知；本活动不再签到，也不会发放积分。</Text>
              </Card>
            )}
            {a.mine?.status === 'cancelled' && a.mine.removedReason && !cancelled && (
              <Card title="报名已被取消" testId="activity-removed">
                <Text className="vol__text">组织者取消了您的报名：{a.mine.removedReason}</Text>
              </Card>
            )}

            <Card title="活动介绍">
              <Text className="vol__text">{a.description}</Text>
            </Card>

            {mine && (
              <Card title="我的报名" testId="activity-mine">
                <Text className="vol__line" data-testid="activity-my-state">
                  {mine.status === 'waitlisted'
                    ? `候补第 ${mine.waitPosition ?? '?'} 位`
                    : mine.hoursState
                      ? HOURS_STATE_LABELS[mine.hoursState]
                      : '已报名'}
                </Text>
                {mine.checkedInAt && <Text className="vol__line">签到 {formatDateTime(mine.checkedInAt)}</Text>}
                {mine.checkedOutAt && (
                  <Text className="vol__line">
                    签退 {formatDateTime(mine.checkedOutAt)}（{hoursText(mine.claimedMinutes ?? 0)} 小时，待组织者确认）
                  </Text>
                )}
                {mine.hoursState === 'approved' && (
                  <Text className="vol__line" data-testid="activity-credited">
                    确认时长 {hoursText(mine.approvedMinutes ?? 0)} 小时，获得 {mine.points ?? 0} 积分
                  </Text>
                )}
                {mine.reviewReason && <Text className="vol__note">说明：{mine.reviewReason}</Text>}
                {/* Right after signing up: the reminder before it starts, the promotion from the waiting line, the points. */}
                {!mine.checkedOutAt && (
                  <SubscribePrompt
                    events={
                      mine.status === 'waitlisted'
                        ? ['volunteer.promoted', 'volunteer.reminder']
                        : ['volunteer.reminder', 'timebank.hoursApproved']
                    }
                    reason={
                      mine.status === 'waitlisted'
                        ? '递补成功和活动开始前通过微信提醒您'
                        : '活动开始前和积分到账时通过微信提醒您'
                    }
                    testId="activity-subscribe"
                  />
                )}
                {mine.status === 'confirmed' && !mine.checkedOutAt && a.attendanceOpen && (
                  <View style={{ marginTop: '16px' }}>
                    <AttendanceEntry
                      communityId={communityId}
                      activityId={activityId}
                      checkedIn={!!mine.checkedInAt}
                      onDone={(r) => {
                        void Taro.showToast({
                          title: r.action === 'checkIn' ? '签到成功' : '签退成功',
                          icon: 'success',
                        });
                        void activity.reload();
                      }}
                    />
                  </View>
                )}
              </Card>
            )}

            {error && (
              <Text className="vol__error" aria-live="assertive" data-testid="activity-error">
                {error}
              </Text>
            )}

            <View className="vol__actions">
              {participant && !mine && a.phase === 'open' && (
                <ActionButton loading={busy} onClick={() => void signUp()} testId="activity-signup">
                  {a.confirmed >= a.capacity ? '报名候补' : '我要报名'}
                </ActionButton>
              )}
              {mine && !mine.checkedInAt && now <= (mine.status === 'waitlisted' ? a.startAt : a.cancelDeadline) && (
                <ActionButton variant="secondary" onClick={() => setConfirmCancel(true)} testId="activity-cancel">
                  {mine.status === 'waitlisted' ? '取消候补' : '取消报名'}
                </ActionButton>
              )}
              <ActionButton variant="plain" onClick={() => setPoster(true)} testId="activity-poster">
                活动海报
              </ActionButton>
            </View>

            {a.canOrganise && (
              <Card title="组织者工具" testId="activity-organiser">
                <View className="vol__actions">
                  <ActionButton size="small" onClick={go(ROUTES.volunteering.attendanceCode)} testId="activity-qr">
                    签到二维码
                  </ActionButton>
                  <ActionButton
                    size="small"
                    variant="secondary"
                    onClick={go(ROUTES.volunteering.roster)}
                    testId="activity-roster"
                  >
                    名单与时长
                  </ActionButton>
                  {a.phase !== 'ended' && !cancelled && (
                    <ActionButton
                      size="small"
                      variant="plain"
                      onClick={go(ROUTES.volunteering.activityForm)}
                      testId="activity-edit"
                    >
                      修改活动
                    </ActionButton>
                  )}
                  {a.phase !== 'ended' && !cancelled && (
                    <ActionButton
                      size="small"
                      variant="danger"
                      onClick={() => setCancelling(true)}
                      testId="activity-cancel-activity"
                    >
                      取消活动
                    </ActionButton>
                  )}
                </View>
              </Card>
            )}

            <Dialog
              open={confirmCancel}
              title={mine?.status === 'waitlisted' ? '取消候补' : '取消报名'}
              busy={busy}
              danger
              confirmText="确认取消"
              onConfirm={() => void cancel()}
              onCancel={() => setConfirmCancel(false)}
              testId="cancel-dialog"
            >
              <Text className="vol__text">
                {mine?.status === 'confirmed' && a.waitlisted > 0
                  ? '取消后名额会自动递补给候补的邻居。'
                  : '确定不参加这次活动了吗？'}
              </Text>
            </Dialog>

            <ReasonDialog
              open={cancelling}
              title="取消活动"
              label="取消原因（会通知所有报名和候补的志愿者）"
              placeholder="例如：暴雨预警，活动改期"
              confirmText="确认取消活动"
              hint={`已报名 ${a.confirmed} 人、候补 ${a.waitlisted} 人。取消后不能恢复，也不会发放积分。`}
              onSubmit={cancelActivity}
              onClose={() => setCancelling(false)}
              testId="cancel-activity-dialog"
            />

            <Dialog
              open={poster}
              title="活动海报"
              confirmText="知道了"
              cancelText="关闭"
              onConfirm={() => setPoster(false)}
              onCancel={() => setPoster(false)}
              testId="poster-dialog"
            >
              <View className="vol__center">
                <Text className="vol__title">{a.title}</Text>
                <Text className="vol__line">{timeRange(a.startAt, a.endAt)}</Text>
                <Text className="vol__line">{a.place}</Text>
                <QrCode value={posterLink(a.activityId)} size={360} testId="poster-qr" />
                <Text className="vol__note">
                  微信扫码查看并报名 · 可截图打印张贴在楼道；点右上角“···”可转发到邻里群
                </Text>
              </View>
            </Dialog>
          </View>
        );
      }}
    </AsyncView>
  );
}

/** 活动详情: sign up or join the line, cancel, check in and out, see my hours; organisers' tools. */
export default function ActivityPage() {
  const session = useSession();
  const activityId = activityIdFrom(useRouter().params as { id?: string; q?: string });
  return (
    <Page testId="page-activity">
      <ActingBanner />
      {session.communityId && activityId ? (
        <Detail communityId={session.communityId} activityId={activityId} />
      ) : (
        <Text className="vol__error">找不到该活动</Text>
      )}
    </Page>
  );
}
