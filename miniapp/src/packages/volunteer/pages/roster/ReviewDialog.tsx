import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { hoursText, type ReviewDecision } from '@linli/shared';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';

export interface ReviewTarget {
  nickname: string;
  mode: 'adjust' | 'decline';
  claimedMinutes?: number;
}

/** 调整时长 or 不通过: both need a reason a volunteer can read; adjusting needs the verified minutes. */
export function ReviewDialog({
  target,
  onSubmit,
  onClose,
}: {
  target?: ReviewTarget;
  onSubmit(d: ReviewDecision): Promise<void>;
  onClose(): void;
}) {
  const [minutes, setMinutes] = useState('');
  const [reason, setReason] = useState('');
  const { submit, busy, errors, error, reset } = useSubmit(async (t: ReviewTarget) => {
    await onSubmit(
      t.mode === 'decline'
        ? { decision: 'decline', reason }
        : { decision: 'approve', minutes: Number(minutes) || 0, reason },
    );
    onClose();
  });
  useEffect(() => {
    setMinutes(target?.claimedMinutes ? String(target.claimedMinutes) : '');
    setReason('');
    reset();
  }, [target, reset]);
  if (!target) return null;

  return (
    <Dialog
      open
      title={target.mode === 'decline' ? `不通过：${target.nickname}` : `调整时长：${target.nickname}`}
      busy={busy}
      danger={target.mode === 'decline'}
      onConfirm={() => void submit(target)}
      onCancel={onClose}
      testId="review-dialog"
    >
      {target.mode === 'adjust' && (
        <TextField
          label="核实的服务时长（分钟）"
          value={minutes}
          onChange={(v) => setMinutes(v.replace(/\D/g, ''))}
          type="number"
          hint={
            target.claimedMinutes !== undefined
              ? `签到签退记录为 ${target.claimedMinutes} 分钟（${hoursText(target.claimedMinutes)} 小时）`
              : '没有签退记录，请填写现场核实的时长'
          }
          error={errors['body.minutes']}
          testId="field-minutes"
          inputTestId="input-minutes"
        />
      )}
      <TextField
        label="原因"
        value={reason}
        onChange={setReason}
        placeholder={target.mode === 'decline' ? '例如：未实际参加服务' : '例如：提前离开、忘记签退'}
        error={errors['body.reason']}
        testId="field-reason"
        inputTestId="input-reason"
      />
      {error && !errors['body.minutes'] && !errors['body.reason'] && <Text className="vol__error">{error}</Text>}
    </Dialog>
  );
}
