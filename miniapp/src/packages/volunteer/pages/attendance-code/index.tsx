import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ORGANISERS, volunteerRoutes } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { useAsync } from '@/hooks/useAsync';
import { ROUTES, withQuery } from '@/routes';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { ScanButton } from '@/packages/volunteer/components/ScanButton';
import '@/packages/volunteer/volunteer.scss';

/** The code changes every 30 s; asking every 10 s keeps what the screen shows at most 10 s old. */
const REFRESH_MS = 10_000;

function RotatingCode({ communityId, activityId }: { communityId: string; activityId: string }) {
  const code = useAsync(
    () => call(volunteerRoutes.attendanceCode, { params: { communityId, activityId } }),
    [communityId, activityId],
  );
  const [last, setLast] = useState<string>();
  const { reload } = code;
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const scanPass = async (pass: string) => {
    try {
      const r = await call(volunteerRoutes.scanVolunteerPass, { params: { communityId, activityId }, body: { pass } });
      setLast(`${r.nickname} ${r.action === 'checkIn' ? '签到' : '签退'}成功`);
    } catch (e) {
      setLast(messageOf(e));
    }
  };

  return (
    <View>
      <Card testId="attendance-code">
        <AsyncView state={code} compact testId="attendance-code-state">
          {(c) => (
            <View className="vol__center">
              <Text className="vol__line">请志愿者用微信扫码，或在活动页输入下方数字</Text>
              <QrCode value={c.token} size={480} level="L" testId="attendance-qr" />
              <Text className="vol__code" data-testid="attendance-short-code">
                {c.shortCode}
              </Text>
              <Text className="vol__note">每 30 秒自动更换；第一次扫为签到，活动结束后再扫为签退</Text>
            </View>
          )}
        </AsyncView>
      </Card>
      <Card title="帮没带手机的志愿者签到">
        <ScanButton label="扫志愿者的个人码" onResult={(text) => void scanPass(text)} testId="scan-pass" />
        <Text className="vol__note">志愿者在“我的志愿”里出示个人码；个人码 10 分钟内有效。</Text>
        {last && (
          <Text className="vol__line" data-testid="scan-pass-result">
            {last}
          </Text>
        )}
      </Card>
      <ActionButton
        block
        variant="secondary"
        onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.volunteering.roster, { id: activityId }) })}
        testId="attendance-roster"
      >
        查看名单与确认时长
      </ActionButton>
    </View>
  );
}

/** 签到二维码: the organiser's phone shows a rotating signed code for volunteers to scan. */
export default function AttendanceCodePage() {
  const activityId = useRouter().params.id;
  return (
    <Page testId="page-attendance-code">
      <RoleGate roles={ORGANISERS} hint="只有活动组织者可以出示签到码。">
        {(communityId) =>
          activityId ? (
            <RotatingCode communityId={communityId} activityId={activityId} />
          ) : (
            <Text className="vol__error">缺少活动</Text>
          )
        }
      </RoleGate>
    </Page>
  );
}
