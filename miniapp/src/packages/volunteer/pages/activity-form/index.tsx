import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import {
  ACTIVITY_CATEGORIES,
  COMMITTEE,
  ORGANISERS,
  type ActivityCategory,
  type ActivityView,
  volunteerRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useForm } from '@/hooks/useForm';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Field, TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { useAsync } from '@/hooks/useAsync';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { RoleGate } from '@/packages/volunteer/components/Participants';
import { fromLocalInput, toLocalInput } from '@/packages/volunteer/lib/localTime';
import '@/packages/volunteer/volunteer.scss';

const CATEGORIES = Object.entries(ACTIVITY_CATEGORIES).map(([value, label]) => ({
  value: value as ActivityCategory,
  label,
}));
const RULES = [
  { value: 'perHour' as const, label: '按时长', hint: '每小时若干积分' },
  { value: 'fixed' as const, label: '固定积分', hint: '参加即得，需确认时长' },
];
const COMMITTEE_ORGANISER = 'committee';

interface Form {
  title: string;
  description: string;
  category?: ActivityCategory;
  place: string;
  startAt: string;
  endAt: string;
  signUpDeadline: string;
  capacity: string;
  cancelCutoffHours: string;
  ruleKind: 'perHour' | 'fixed';
  ruleValue: string;
  organiser?: string;
}

const empty: Form = {
  title: '',
  description: '',
  place: '',
  startAt: '',
  endAt: '',
  signUpDeadline: '',
  capacity: '10',
  cancelCutoffHours: '2',
  ruleKind: 'perHour',
  ruleValue: '10',
};

const fromActivity = (a: ActivityView): Form => ({
  title: a.title,
  description: a.description,
  category: a.category,
  place: a.place,
  startAt: toLocalInput(a.startAt),
  endAt: toLocalInput(a.endAt),
  signUpDeadline: toLocalInput(a.signUpDeadline),
  capacity: String(a.capacity),
  cancelCutoffHours: String(Math.round((Date.parse(a.startAt) - Date.parse(a.cancelDeadline)) / 3_600_000)),
  ruleKind: a.pointsRule.kind,
  ruleValue: String(a.pointsRule.kind === 'fixed' ? a.pointsRule.amount : a.pointsRule.rate),
  organiser: a.organiser.teamId ?? COMMITTEE_ORGANISER,
});

function ActivityForm({ communityId, activityId }: { communityId: string; activityId?: string }) {
  const session = useSession();
  const teams = useAsync(() => call(volunteerRoutes.listTeams, { params: { communityId } }), [communityId]);
  const existing = useAsync(
    () => call(volunteerRoutes.getActivity, { params: { communityId, activityId: activityId as string } }),
    [communityId, activityId],
    { enabled: !!activityId },
  );
  const organisers = [
    ...(session.hasRole(...COMMITTEE) ? [{ value: COMMITTEE_ORGANISER, label: '社区居委会' }] : []),
    ...(teams.data?.items
      .filter((t) => t.isLeader || session.hasRole(...COMMITTEE))
      .map((t) => ({ value: t.teamId, label: t.name })) ?? []),
  ];

  const {
    values: form,
    set,
    bind,
    submit,
    busy,
    errors,
    error,
  } = useForm(empty, async (draft) => {
    const value = Number(draft.ruleValue) || 0;
    const fields = {
      title: draft.title,
      description: draft.description,
      category: draft.category as ActivityCategory,
      place: draft.place,
      startAt: fromLocalInput(draft.startAt),
      endAt: fromLocalInput(draft.endAt),
      signUpDeadline: fromLocalInput(draft.signUpDeadline || draft.startAt),
      capacity: Number(draft.capacity) || 0,
      cancelCutoffHours: Number(draft.cancelCutoffHours) || 0,
      pointsRule:
        draft.ruleKind === 'fixed'
          ? { kind: 'fixed' as const, amount: value }
          : { kind: 'perHour' as const, rate: value },
    };
    const saved = activityId
      ? await call(volunteerRoutes.updateActivity, { params: { communityId, activityId }, body: fields })
      : await call(volunteerRoutes.createActivity, {
          params: { communityId },
          body: {
            ...fields,
            teamId: draft.organiser && draft.organiser !== COMMITTEE_ORGANISER ? draft.organiser : undefined,
          },
        });
    void Taro.showToast({ title: activityId ? '已保存' : '已发布', icon: 'success' });
    await Taro.redirectTo({ url: withQuery(ROUTES.volunteering.activity, { id: saved.activityId }) });
  });

  useEffect(() => {
    if (existing.data) set(fromActivity(existing.data));
  }, [existing.data, set]);

  const text = (key: keyof Form, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      label={label}
      value={String(form[key] ?? '')}
      onChange={(v) => set(key, v as never)}
      error={errors[`body.${key}`]}
      testId={`field-${key}`}
      inputTestId={`input-${key}`}
      {...extra}
    />
  );

  return (
    <View>
      <Card title={activityId ? '修改活动' : '发布志愿活动'}>
        {!activityId && (
          <Field label="组织方" error={errors['body.teamId']} required testId="field-organiser">
            {organisers.length ? (
              <ChoiceList options={organisers} {...bind('organiser')} testId="organiser" label="组织方" />
            ) : (
              <Text className="muted">您不是服务队队长，暂不能发布活动</Text>
            )}
          </Field>
        )}
        {text('title', '活动名称', { required: true, maxLength: 40, placeholder: '例如：垃圾分类宣传进楼栋' })}
        <Field label="类别" error={errors['body.category']} required testId="field-category">
          <ChoiceList options={CATEGORIES} {...bind('category')} testId="category" label="类别" />
        </Field>
        {text('place', '地点', { required: true, maxLength: 60 })}
        {text('startAt', '开始时间', { required: true, placeholder: '2026-11-22 09:00', hint: '格式：年-月-日 时:分' })}
        {text('endAt', '结束时间', { required: true, placeholder: '2026-11-22 11:00' })}
        {text('signUpDeadline', '报名截止', { placeholder: '不填则为开始时间' })}
        {text('capacity', '招募人数', { type: 'number', required: true })}
        {text('cancelCutoffHours', '开始前多少小时内不能取消', { type: 'number' })}
        <Field
          label="积分规则"
          error={errors['body.pointsRule'] ?? errors['body.pointsRule.rate'] ?? errors['body.pointsRule.amount']}
          required
          testId="field-rule"
        >
          <ChoiceList options={RULES} {...bind('ruleKind')} testId="rule" label="积分规则" />
        </Field>
        {text('ruleValue', form.ruleKind === 'fixed' ? '每人积分' : '每小时积分', { type: 'number' })}
        {text('description', '活动介绍', { required: true, multiline: true, maxLength: 1000 })}
        {error && (
          <Text className="vol__error" data-testid="form-error">
            {error}
          </Text>
        )}
        <ActionButton
          block
          loading={busy}
          disabled={!activityId && !organisers.length}
          onClick={() => void submit()}
          testId="activity-submit"
        >
          {activityId ? '保存修改' : '发布活动'}
        </ActionButton>
      </Card>
    </View>
  );
}

/** 发布/修改活动: the committee or a team leader; increasing places moves waiters up automatically. */
export default function ActivityFormPage() {
  const activityId = useRouter().params.id;
  return (
    <Page testId="page-activity-form">
      <RoleGate roles={ORGANISERS} hint="居委会或服务队队长可以发布活动。">
        {(communityId) => <ActivityForm communityId={communityId} activityId={activityId} />}
      </RoleGate>
    </Page>
  );
}
