import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  moderationRoutes,
  REPORT_REASON_LABELS,
  REPORT_REASONS,
  type ReportTarget,
  type ReportReason,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';
import './ReportAction.scss';

const REASONS = REPORT_REASONS.map((value) => ({ value, label: REPORT_REASON_LABELS[value] }));

/**
 * 举报 a neighbour's public content (a 诉求, a proposal, a 议事 comment): a small sheet with the fixed
 * reasons and an optional line. Reported by enough residents, the content is hidden until the
 * committee decides; a second report of one's own is answered 已举报.
 */
export function ReportAction({
  communityId,
  target,
  what,
  testId,
}: {
  communityId: string;
  target: ReportTarget;
  /** 这条意见 / 这条诉求 / 这个提议: what the sheet's title names. */
  what: string;
  testId: string;
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [reason, setReason] = useState<ReportReason>();
  const [note, setNote] = useState('');
  const send = useSubmit(
    async () => {
      await call(moderationRoutes.report, {
        params: { communityId },
        body: { target, reason: reason!, note: note.trim() || undefined },
      });
      setOpen(false);
      setDone(true);
      void Taro.showToast({ title: '已举报，感谢反馈', icon: 'none' });
    },
    { explain: (errors) => (reason ? errors : { ...errors, 'body.reason': '请选择举报理由' }) },
  );
  if (done) return <Text className="report-action__done muted">已举报</Text>;
  return (
    <View className="report-action">
      <ActionButton
        size="small"
        variant="plain"
        onClick={() => {
          send.reset();
          setOpen(true);
        }}
        testId={testId}
        className="report-action__button"
      >
        举报
      </ActionButton>
      {open && (
        <Dialog
          open
          title={`举报${what}`}
          confirmText="提交举报"
          busy={send.busy}
          onCancel={() => setOpen(false)}
          onConfirm={() => void send.submit()}
          testId={`${testId}-sheet`}
        >
          <ChoiceList options={REASONS} value={reason} onChange={setReason} testId="report-reason" label="举报理由" />
          {send.errors['body.reason'] && <Text className="report-action__error">{send.errors['body.reason']}</Text>}
          <TextField
            label="补充说明（选填）"
            multiline
            value={note}
            onChange={setNote}
            maxLength={200}
            error={send.errors['body.note']}
            testId="field-report-note"
            inputTestId="input-report-note"
          />
          <Text className="muted">同一内容被多位居民举报后，会先隐藏，由居委会审核。</Text>
          {send.error && !Object.keys(send.errors).length && (
            <Text className="report-action__error" data-testid={`${testId}-error`}>
              {send.error}
            </Text>
          )}
        </Dialog>
      )}
    </View>
  );
}
