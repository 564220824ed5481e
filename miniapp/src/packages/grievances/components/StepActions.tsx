import { grievanceRoutes } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { GrievanceAction, GrievanceDetail } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { Field, TextField } from '@/components/Field/TextField';
import { usePhotoUploads } from '@/packages/grievances/lib/photos';
import { promiseChoices } from '@/packages/grievances/lib/promises';
import { PhotoUploads } from './PhotoUploads';

type HandlerAction = Extract<GrievanceAction, 'accept' | 'commit' | 'resolve' | 'refer' | 'escalate' | 'withdraw'>;
const BUTTONS: { action: HandlerAction; label: string; variant: 'primary' | 'secondary' | 'danger' | 'plain' }[] = [
  { action: 'accept', label: '受理', variant: 'primary' },
  { action: 'commit', label: '公开承诺', variant: 'primary' },
  { action: 'resolve', label: '办结', variant: 'primary' },
  { action: 'refer', label: '非本社区职责', variant: 'secondary' },
  { action: 'escalate', label: '上报上一级', variant: 'secondary' },
  { action: 'withdraw', label: '撤回诉求', variant: 'plain' },
];
const TITLES: Record<Exclude<HandlerAction, 'accept'>, string> = {
  commit: '公开承诺（一事一诺）',
  resolve: '办结',
  refer: '非本社区职责，转办',
  escalate: '上报上一级',
  withdraw: '撤回诉求',
};

/**
 * The steps this viewer may take now, as the server listed them. Each sends the version the page
 * shows, so acting on a stale page is a clear 409 ("已有新进展"), never a silent overwrite.
 */
export function StepActions({ c, onChanged }: { c: GrievanceDetail; onChanged(next: GrievanceDetail): void }) {
  const [open, setOpen] = useState<Exclude<HandlerAction, 'accept'>>();
  const [text, setText] = useState('');
  const [extra, setExtra] = useState('');
  const [dueBy, setDueBy] = useState<string>();
  const uploads = usePhotoUploads(c.communityId);
  const params = { communityId: c.communityId, grievanceId: c.grievanceId };
  // The server's clock, as far as this page knows it: the time of the latest step (ahead of the device's on a test stack).
  const latest = c.timeline.reduce((t, e) => Math.max(t, Date.parse(e.at)), 0);
  const choices = promiseChoices(c.dueAt, new Date(Math.max(Date.now(), latest)));

  const {
    submit: run,
    busy,
    errors,
    error,
  } = useSubmit(async (action: HandlerAction) => {
    const version = c.version;
    const next =
      action === 'accept'
        ? await call(grievanceRoutes.accept, { params, body: { version } })
        : action === 'commit'
          ? await call(grievanceRoutes.commit, { params, body: { version, text, dueBy: dueBy ?? '' } })
          : action === 'resolve'
            ? await call(grievanceRoutes.resolve, { params, body: { version, note: text, photos: uploads.keys } })
            : action === 'refer'
              ? await call(grievanceRoutes.refer, { params, body: { version, referredTo: extra, note: text } })
              : action === 'escalate'
                ? await call(grievanceRoutes.escalate, { params, body: { version, reason: text } })
                : await call(grievanceRoutes.withdraw, { params, body: { version, reason: text.trim() || undefined } });
    setOpen(undefined);
    setText('');
    setExtra('');
    onChanged(next);
  });

  const shown = BUTTONS.filter((b) => c.actions.includes(b.action));
  if (!shown.length) return null;
  return (
    <View data-testid="step-actions">
      <View className="grv-actions">
        {shown.map((b) => (
          <ActionButton
            key={b.action}
            variant={b.variant}
            size="small"
            loading={busy && b.action === 'accept'}
            onClick={() => (b.action === 'accept' ? void run('accept') : setOpen(b.action))}
            testId={`action-${b.action}`}
          >
            {b.label}
          </ActionButton>
        ))}
      </View>
      {error && !open && (
        <Text className="grv-error" data-testid="action-error">
          {error}
        </Text>
      )}
      {open && (
        <Dialog
          open
          title={TITLES[open]}
          busy={busy}
          onCancel={() => setOpen(undefined)}
          onConfirm={() => void run(open)}
          testId={`dialog-${open}`}
          danger={open === 'withdraw'}
        >
          {open === 'commit' && (
            <>
              <TextField
                label="承诺办什么"
                required
                multiline
                value={text}
                onChange={setText}
                placeholder="如：联系物业电工更换楼道灯"
                error={errors['body.text']}
                testId="field-commitment"
                inputTestId="input-commitment"
                maxLength={200}
              />
              <Field label="承诺何时办完" required error={errors['body.dueBy']} testId="field-dueBy">
                {choices.length ? (
                  <ChoiceList
                    layout="list"
                    options={choices}
                    value={dueBy}
                    onChange={setDueBy}
                    testId="commit-due"
                    label="承诺完成时间"
                  />
                ) : (
                  <Text className="muted">办结时限已过，请上报上一级</Text>
                )}
              </Field>
            </>
          )}
          {open === 'resolve' && (
            <>
              <TextField
                label="办结说明"
                required
                multiline
                value={text}
                onChange={setText}
                placeholder="做了什么、结果如何"
                error={errors['body.note']}
                testId="field-resolution"
                inputTestId="input-resolution"
                maxLength={500}
              />
              <Field label="现场照片（选填）" error={errors['body.photos']}>
                <PhotoUploads uploads={uploads} />
              </Field>
            </>
          )}
          {open === 'refer' && (
            <>
              <TextField
                label="转办单位"
                required
                value={extra}
                onChange={setExtra}
                placeholder="如：区市政管理处"
                error={errors['body.referredTo']}
                testId="field-referredTo"
                maxLength={50}
              />
              <TextField
                label="转办说明"
                required
                multiline
                value={text}
                onChange={setText}
                error={errors['body.note']}
                testId="field-referral"
                maxLength={500}
              />
            </>
          )}
          {open === 'escalate' && (
            <TextField
              label="上报原因"
              required
              multiline
              value={text}
              onChange={setText}
              error={errors['body.reason']}
              testId="field-reason"
              inputTestId="input-reason"
              maxLength={200}
            />
          )}
          {open === 'withdraw' && (
            <TextField
              label="撤回原因（选填）"
              value={text}
              onChange={setText}
              error={errors['body.reason']}
              testId="field-withdraw"
              maxLength={200}
            />
          )}
          {error && !Object.keys(errors).length && (
            <Text className="grv-error" data-testid="dialog-error">
              {error}
            </Text>
          )}
        </Dialog>
      )}
    </View>
  );
}
