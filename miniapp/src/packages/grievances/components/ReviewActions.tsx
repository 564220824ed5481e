import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { grievanceRoutes, type GrievanceDetail, type ReviewTarget } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';

type Decision = 'approve' | 'reject';
const TITLES: Record<Decision, string> = { approve: '复核通过：邻居将能看到', reject: '复核不通过：隐藏并告知作者' };

/** `description`, `message-<id>`, `photo-<id>`: stable test ids per flagged item. */
export const targetTestId = (t: ReviewTarget) =>
  t.kind === 'description' ? 'description' : t.kind === 'message' ? `message-${t.messageId}` : `photo-${t.photoId}`;

/**
 * 人工复核 of one flagged item: 通过 (visible to neighbours) or 不通过 with a reason the author is told.
 * A decision someone else already made comes back as a readable 409 line.
 */
export function ReviewActions({
  communityId,
  grievanceId,
  target,
  onDone,
}: {
  communityId: string;
  grievanceId: string;
  target: ReviewTarget;
  onDone(next: GrievanceDetail): void;
}) {
  const [open, setOpen] = useState<Decision>();
  const [reason, setReason] = useState('');
  const { submit, busy, errors, error, reset } = useSubmit(async (decision: Decision) => {
    const next = await call(grievanceRoutes.reviewContent, {
      params: { communityId, grievanceId },
      body: { target, decision, reason: reason.trim() || undefined },
    });
    setOpen(undefined);
    setReason('');
    onDone(next);
  });
  const id = targetTestId(target);
  const start = (d: Decision) => {
    reset();
    setOpen(d);
  };
  return (
    <View className="grv-review" data-testid={`review-${id}`}>
      <View className="grv-actions">
        <ActionButton size="small" variant="primary" onClick={() => start('approve')} testId={`review-${id}-approve`}>
          通过
        </ActionButton>
        <ActionButton size="small" variant="danger" onClick={() => start('reject')} testId={`review-${id}-reject`}>
          不通过
        </ActionButton>
      </View>
      {error && !open && (
        <Text className="grv-error" data-testid={`review-${id}-error`}>
          {error}
        </Text>
      )}
      {open && (
        <Dialog
          open
          title={TITLES[open]}
          busy={busy}
          danger={open === 'reject'}
          onCancel={() => setOpen(undefined)}
          onConfirm={() => void submit(open)}
          testId={`dialog-review-${id}`}
        >
          <TextField
            label={open === 'reject' ? '不通过原因（将告知作者）' : '复核说明（选填）'}
            required={open === 'reject'}
            multiline
            value={reason}
            onChange={setReason}
            placeholder={open === 'reject' ? '如：含个人联系方式或广告' : ''}
            error={errors['body.reason']}
            testId="field-review-reason"
            inputTestId="input-review-reason"
            maxLength={100}
          />
          {error && !Object.keys(errors).length && (
            <Text className="grv-error" data-testid="dialog-review-error">
              {error}
            </Text>
          )}
        </Dialog>
      )}
    </View>
  );
}
