import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import {
  budgetRoutes,
  COMMITTEE,
  DAY_MS,
  ROUND_BASIS_LABELS,
  ROUND_PHASE_LABELS,
  rosterRoutes,
  SCHEDULE_ORDER,
  type RoundBasis,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { formatDateTime, naturalCompare } from '@/lib/format';
import { FORM_ERROR } from '@/lib/scrollToError';
import { withQuery } from '@/routes';
import { BUDGET_ADMIN, newRequestId, numberOrUndefined } from '@/packages/budgetAdmin/lib/routes';
import { MultiChoice } from '@/components/MultiChoice/MultiChoice';
import '@/packages/budgetAdmin/budgetAdmin.scss';

type ScopeKind = 'community' | 'grid' | 'building';
const SCOPES: { value: ScopeKind; label: string }[] = [
  { value: 'community', label: '全社区' },
  { value: 'grid', label: '按网格' },
  { value: 'building', label: '按楼栋' },
];
const BASES = (Object.keys(ROUND_BASIS_LABELS) as RoundBasis[]).map((b) => ({
  value: b,
  label: ROUND_BASIS_LABELS[b],
}));
const DAYS = ['3', '7', '14', '21'].map((d) => ({ value: d, label: `${d} 天` }));
/** The phases the committee dates, in order, with the schedule field each ends at. */
const DATED = [
  { key: 'proposingUntil', phase: 'proposing' },
  { key: 'screeningUntil', phase: 'screening' },
  { key: 'deliberationUntil', phase: 'deliberation' },
  { key: 'votingUntil', phase: 'voting' },
] as const;

interface RoundDraft {
  title: string;
  description: string;
  totalAmount: string;
  scopeKind: ScopeKind;
  picked: string[];
  basis: RoundBasis;
  days: Record<(typeof SCHEDULE_ORDER)[number], string>;
}

/** Each phase's end from now, one after another. */
function scheduleOf(days: RoundDraft['days'], from: number) {
  let at = from;
  const out = {} as Record<(typeof SCHEDULE_ORDER)[number], string>;
  for (const key of SCHEDULE_ORDER) {
    at += Number(days[key]) * DAY_MS;
    out[key] = new Date(at).toISOString();
  }
  return out;
}

function OpenRound({ communityId }: { communityId: string }) {
  const roster = useAsync(() => call(rosterRoutes.overview, { params: { communityId } }), [communityId]);
  const requestId = useRef(newRequestId());
  const form = useForm<RoundDraft, unknown>(
    {
      title: '',
      description: '',
      totalAmount: '',
      scopeKind: 'community',
      picked: [],
      basis: 'household',
      days: { proposingUntil: '7', screeningUntil: '7', deliberationUntil: '7', votingUntil: '7' },
    },
    async (d) => {
      const scope =
        d.scopeKind === 'community'
          ? { kind: 'community' as const }
          : d.scopeKind === 'grid'
            ? { kind: 'grids' as const, gridIds: d.picked }
            : { kind: 'buildings' as const, buildingIds: d.picked };
      const round = await call(budgetRoutes.openRound, {
        params: { communityId },
        body: {
          title: d.title,
          description: d.description,
          totalAmount: numberOrUndefined(d.totalAmount) as number,
          scope,
          basis: d.basis,
          secrecy: 'secret',
          schedule: scheduleOf(d.days, Date.now()),
          requestId: requestId.current,
        },
      });
      await Taro.redirectTo({ url: withQuery(BUDGET_ADMIN.round, { roundId: round.roundId }) });
      return round;
    },
  );
  const { values, set, errors } = form;
  const preview = scheduleOf(values.days, Date.now());
  const scopeError = errors['body.scope'] ?? errors['body.scope.gridIds'] ?? errors['body.scope.buildingIds'];

  return (
    <>
      <Card title="1. 名称与总额">
        <TextField label="名称" required maxLength={50} inputTestId="budget-title" {...form.field('title')} />
        <TextField
          label="说明"
          required
          multiline
          maxLength={2000}
          placeholder="资金来源、可以做什么、不能做什么"
          inputTestId="budget-description"
          {...form.field('description')}
        />
        <TextField
          label="预算总额（元）"
          required
          type="number"
          testId="budget-total-field"
          inputTestId="budget-total"
          {...form.field('totalAmount')}
        />
      </Card>
      <Card title="2. 范围与投票方式">
        <ChoiceList
          options={SCOPES}
          value={values.scopeKind}
          onChange={(k) => set({ scopeKind: k, picked: [] })}
          testId="budget-scope"
          label="范围"
        />
        {values.scopeKind !== 'community' && (
          <AsyncView state={roster} compact testId="budget-roster">
            {(r) => (
              <MultiChoice
                options={(values.scopeKind === 'grid'
                  ? r.grids.map((g) => ({ value: g.gridId, label: g.name }))
                  : r.buildings.map((b) => ({ value: b.buildingId, label: b.name }))
                ).sort((a, b) => naturalCompare(a.label, b.label))}
                values={values.picked}
                onChange={(picked) => set({ picked })}
                testId="budget-scope-pick"
                label="选择范围（可多选）"
              />
            )}
          </AsyncView>
        )}
        {scopeError && <Text className={`budget-admin__error ${FORM_ERROR}`}>{scopeError}</Text>}
        <ChoiceList layout="list" options={BASES} {...form.bind('basis')} testId="budget-basis" label="投票方式" />
      </Card>
      <Card title="3. 各阶段时间">
        {DATED.map(({ key, phase }) => (
          <View key={key}>
            <Text className="budget-admin__line">
              {ROUND_PHASE_LABELS[phase]}：至 {formatDateTime(preview[key])}
            </Text>
            <ChoiceList
              label={`${ROUND_PHASE_LABELS[phase]}阶段`}
              options={DAYS}
              value={values.days[key]}
              onChange={(v) => set((d) => ({ days: { ...d.days, [key]: v } }))}
              testId={`budget-days-${phase}`}
            />
            {errors[`body.schedule.${key}`] && (
              <Text className={`budget-admin__error ${FORM_ERROR}`}>{errors[`body.schedule.${key}`]}</Text>
            )}
          </View>
        ))}
        <Text className="budget-admin__line">投票结束后计票，结果公示 7 天，居民可提出异议。</Text>
      </Card>
      {form.error && (
        <Text className="budget-admin__error" aria-live="assertive" data-testid="budget-open-error">
          {form.error}
        </Text>
      )}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="budget-open-submit">
        发起，开始点单
      </ActionButton>
    </>
  );
}

export default function OpenBudgetRoundPage() {
  return (
    <Page testId="page-budget-admin-open">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <OpenRound communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
