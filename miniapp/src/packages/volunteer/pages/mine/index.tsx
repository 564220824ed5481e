import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  HOURS_STATE_LABELS,
  hoursText,
  PARTICIPANTS,
  REGISTRATION_STATUS_LABELS,
  volunteerRoutes,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ProgressBar, StatTiles } from '@/components/charts';
import { Dialog } from '@/components/Dialog/Dialog';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { timeRange } from '@/components/ActivityCard';
import { ROUTES, withQuery } from '@/routes';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import '@/packages/volunteer/volunteer.scss';

function Mine({ communityId }: { communityId: string }) {
  const mine = useAsync(() => call(volunteerRoutes.myVolunteering, { params: { communityId } }), [communityId]);
  const [pass, setPass] = useState<{ pass: string; expiresAt: string }>();
  useReshow(() => void mine.reload());
  usePullDownRefresh(() => {
    void mine.reload();
    Taro.stopPullDownRefresh();
  });

  const showPass = async () => {
    try {
      setPass(await call(volunteerRoutes.myPass, { params: { communityId } }));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  return (
    <AsyncView state={mine} testId="mine">
      {(m) => (
        <View>
          <Card testId="mine-totals">
            <StatTiles
              tiles={[
                {
                  label: '服务时长',
                  value: Math.round((m.totalMinutes / 60) * 10) / 10,
                  unit: '小时',
                  testId: 'mine-hours',
                },
                { label: '参加活动', value: m.activityCount, unit: '次' },
                { label: '累计积分', value: m.pointsEarned, unit: '分' },
              ]}
            />
            <View style={{ marginTop: '16px' }}>
              <Text className="vol__line" data-testid="mine-star">
                {m.star.stars ? `${'★'.repeat(m.star.stars)} ${m.star.label}` : '志愿者'}
              </Text>
              {m.star.nextAtHours !== undefined && (
                <ProgressBar
                  value={Math.round((m.totalMinutes / 60) * 10) / 10}
                  total={m.star.nextAtHours}
                  label="距下一星级"
                  unit=" 小时"
                  testId="mine-next-star"
                />
              )}
            </View>
            <View className="vol__actions">
              <ActionButton size="small" onClick={() => void showPass()} testId="mine-pass">
                出示个人码
              </ActionButton>
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() => void Taro.navigateTo({ url: ROUTES.volunteering.teams })}
                testId="mine-teams"
              >
                服务队
              </ActionButton>
              <ActionButton
                size="small"
                variant="plain"
                onClick={() => void Taro.navigateTo({ url: ROUTES.volunteering.honours })}
                testId="mine-honours"
              >
                光荣榜
              </ActionButton>
            </View>
          </Card>

          <Card title="我的报名" testId="mine-registrations">
            {m.registrations.length === 0 && <Text className="muted">还没有报名过活动</Text>}
            {m.registrations.map((r) => (
              <View
                key={r.activityId}
                className="vol__row"
                onClick={() =>
                  void Taro.navigateTo({ url: withQuery(ROUTES.volunteering.activity, { id: r.activityId }) })
                }
                data-testid={`mine-${r.activityId}`}
              >
                <View className="vol__row-head">
                  <Text className="vol__row-title">{r.title}</Text>
                  <Text className="vol__line">
                    {r.status === 'confirmed' && r.hoursState
                      ? HOURS_STATE_LABELS[r.hoursState]
                      : REGISTRATION_STATUS_LABELS[r.status]}
                  </Text>
                </View>
                <Text className="vol__note">
                  {timeRange(r.startAt, r.endAt)} · {r.place}
                </Text>
                {r.hoursState === 'approved' && (
                  <Text className="vol__note">
                    {hoursText(r.approvedMinutes ?? 0)} 小时 · +{r.points ?? 0} 积分
                  </Text>
                )}
              </View>
            ))}
          </Card>

          <Dialog
            open={!!pass}
            title="我的志愿者个人码"
            confirmText="刷新"
            cancelText="关闭"
            onConfirm={() => void showPass()}
            onCancel={() => setPass(undefined)}
            testId="pass-dialog"
          >
            {pass && (
              <View className="vol__center">
                <QrCode value={pass.pass} size={420} level="L" testId="pass-qr" />
                <Text className="vol__note">请组织者扫码为您签到/签退；10 分钟内有效，每个码只用一次</Text>
              </View>
            )}
          </Dialog>
        </View>
      )}
    </AsyncView>
  );
}

/** 我的志愿: hours, star level and sign-ups; the personal code organisers scan. */
export default function MinePage() {
  return (
    <Page testId="page-mine">
      <RoleGate roles={PARTICIPANTS} hint="绑定房屋的居民可以参加志愿服务。">
        {(communityId) => <Mine communityId={communityId} />}
      </RoleGate>
    </Page>
  );
}
