import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** What the people affected will read, e.g. “取消原因（会通知所有报名的志愿者）”. */
  label: string;
  placeholder?: string;
  confirmText: string;
  hint?: string;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
  testId: string;
}

/** An organiser's destructive action that needs a reason the volunteers are told: 取消活动, 移出报名. */
export function ReasonDialog({
  open,
  title,
  label,
  placeholder,
  confirmText,
  hint,
  onSubmit,
  onClose,
  testId,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const { submit, busy, errors, error, reset } = useSubmit(async () => {
    await onSubmit(reason.trim());
    onClose();
  });
  useEffect(() => {
    if (!open) return;
    setReason('');
    reset();
  }, [open, reset]);
  return (
    <Dialog
      open={open}
      title={title}
      busy={busy}
      danger
      confirmText={confirmText}
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId={testId}
    >
      {hint && <Text className="vol__text">{hint}</Text>}
      <TextField
        label={label}
        value={reason}
        onChange={setReason}
        placeholder={placeholder}
        multiline
        error={errors['body.reason']}
        testId="field-reason"
        inputTestId="input-reason"
      />
      {error && !errors['body.reason'] && <Text className="vol__error">{error}</Text>}
    </Dialog>
  );
}
