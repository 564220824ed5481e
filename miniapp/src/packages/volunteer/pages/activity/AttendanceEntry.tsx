import { volunteerRoutes } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { TextField } from '@/components/Field/TextField';
import { ScanButton } from '@/packages/volunteer/components/ScanButton';

type Result = Awaited<ReturnType<typeof call<typeof volunteerRoutes.recordAttendance>>>;

/**
 * 扫码签到/签退: scan the organiser's rotating QR code, or type the six digits under it (the browser,
 * or a phone without a camera). The first code checks in, a later one checks out.
 */
export function AttendanceEntry({
  communityId,
  activityId,
  checkedIn,
  onDone,
}: {
  communityId: string;
  activityId: string;
  checkedIn: boolean;
  onDone(r: Result): void;
}) {
  const [code, setCode] = useState('');
  const { submit, busy, errorFor } = useSubmit(async (value: string) => {
    const result = await call(volunteerRoutes.recordAttendance, {
      params: { communityId, activityId },
      body: { code: value },
    });
    setCode('');
    onDone(result);
  });

  const action = checkedIn ? '签退' : '签到';
  return (
    <View data-testid="attendance-entry">
      <ScanButton label={`扫组织者的二维码${action}`} onResult={(text) => void submit(text)} testId="attendance-scan" />
      <TextField
        label={`或输入组织者手机上的 6 位数字${action}码`}
        value={code}
        onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
        type="number"
        maxLength={6}
        placeholder="例如 482913"
        error={errorFor('body.code')}
        testId="field-attendanceCode"
        inputTestId="input-attendanceCode"
      />
      <ActionButton
        block
        loading={busy}
        disabled={code.length !== 6}
        onClick={() => void submit(code)}
        testId="attendance-submit"
      >
        确认{action}
      </ActionButton>
      <Text className="vol__note">签到码每 30 秒更换，请以组织者手机上最新显示的为准。</Text>
    </View>
  );
}
