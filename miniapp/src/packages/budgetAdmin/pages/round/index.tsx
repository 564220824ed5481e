import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import {
  budgetRoutes,
  COMMITTEE,
  EARLY_ENDABLE,
  ROUND_BASIS_LABELS,
  yuanText,
  type ObjectionView,
  type RoundView,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StatTiles } from '@/components/charts';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { useReshow } from '@/hooks/useReshow';
import { focusable } from '@/lib/a11y';
import { formatDateTime } from '@/lib/format';
import { readParam, withQuery } from '@/routes';
import { BUDGET_ADMIN, newRequestId, numberOrUndefined } from '@/packages/budgetAdmin/lib/routes';
import { roundPath } from '@/lib/budgetPages';
import '@/packages/budgetAdmin/budgetAdmin.scss';

type Project = RoundView['projects'][number];
const STAGE_TONES: Record<Project['stage'], Tone> = {
  proposed: 'warning',
  eligible: 'info',
  ineligible: 'neutral',
  merged: 'neutral',
  selected: 'success',
  notSelected: 'neutral',
  implementing: 'info',
  finished: 'success',
};

/** 提前结束: only where the API allows it (点单, 审核, 评议, 投票), with a reason everyone will see. */
function EarlyEnd({ round, communityId, onDone }: { round: RoundView; communityId: string; onDone(): void }) {
  const form = useForm({ reason: '' }, async (v) => {
    const next = await call(budgetRoutes.advanceRound, {
      params: { communityId, roundId: round.roundId },
      body: { from: round.phase, reason: v.reason },
    });
    form.reset({ reason: '' });
    onDone();
    return next;
  });
  return (
    <Card title={`提前结束「${round.phaseLabel}」`} testId="budget-early-end">
      <Text className="budget-admin__line">原因会写进本轮的阶段记录，居民都能看到。</Text>
      <TextField label="原因" required maxLength={200} inputTestId="budget-early-reason" {...form.field('reason')} />
      {form.error && (
        <Text className="budget-admin__error" aria-live="assertive" data-testid="budget-early-error">
          {form.error}
        </Text>
      )}
      <ActionButton
        block
        variant="danger"
        loading={form.busy}
        onClick={() => void form.submit()}
        testId="budget-early-submit"
      >
        提前结束，进入下一阶段
      </ActionButton>
    </Card>
  );
}

/** 由诉求转为项目 (点单): the committee proposes a project answering a resident's request. */
function FromRequest({ round, communityId, onDone }: { round: RoundView; communityId: string; onDone(): void }) {
  const requestId = useRef(newRequestId());
  const blank = { sourceGrievanceId: '', title: '', description: '', place: '', estimatedCost: '' };
  const form = useForm(blank, async (v) => {
    const project = await call(budgetRoutes.proposeProject, {
      params: { communityId, roundId: round.roundId },
      body: {
        title: v.title,
        description: v.description,
        place: v.place,
        estimatedCost: numberOrUndefined(v.estimatedCost) as number,
        photoKeys: [],
        sourceGrievanceId: v.sourceGrievanceId.trim() || undefined,
        requestId: requestId.current,
      },
    });
    requestId.current = newRequestId();
    form.reset(blank);
    onDone();
    return project;
  });
  return (
    <Card title="由诉求转为项目" testId="budget-from-request">
      <TextField
        label="诉求编号"
        hint="诉求详情页上的编号；不填则由居委会直接提出项目"
        inputTestId="budget-source-grievance"
        {...form.field('sourceGrievanceId')}
      />
      <TextField label="项目名称" required maxLength={40} inputTestId="budget-p-title" {...form.field('title')} />
      <TextField
        label="项目说明"
        required
        multiline
        maxLength={1000}
        inputTestId="budget-p-description"
        {...form.field('description')}
      />
      <TextField label="地点" required maxLength={60} inputTestId="budget-p-place" {...form.field('place')} />
      <TextField
        label="估算费用（元）"
        required
        type="number"
        inputTestId="budget-p-cost"
        {...form.field('estimatedCost')}
      />
      {form.error && <Text className="budget-admin__error">{form.error}</Text>}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="budget-p-submit">
        提出项目
      </ActionButton>
    </Card>
  );
}

/** 公示: each objection with the committee's answer, or the form to answer it. */
function Objection({
  o,
  round,
  communityId,
  onDone,
}: {
  o: ObjectionView;
  round: RoundView;
  communityId: string;
  onDone(): void;
}) {
  const form = useForm({ text: '' }, async (v) => {
    const answered = await call(budgetRoutes.answerObjection, {
      params: { communityId, roundId: round.roundId, objectionId: o.objectionId },
      body: { text: v.text },
    });
    onDone();
    return answered;
  });
  return (
    <View className="budget-admin__row" data-testid={`budget-objection-${o.objectionId}`}>
      <View className="budget-admin__row-head">
        <Text className="budget-admin__title">{o.projectTitle ? `关于「${o.projectTitle}」` : '关于本轮结果'}</Text>
        <StatusTag tone={o.answer ? 'success' : 'warning'}>{o.answer ? '已答复' : '待答复'}</StatusTag>
      </View>
      <Text className="budget-admin__line">
        {o.authorTag} · {formatDateTime(o.createdAt)}：{o.body}
      </Text>
      {o.answer ? (
        <Text className="budget-admin__line">
          {o.answer.byName} 答复：{o.answer.text}
        </Text>
      ) : (
        <>
          <TextField
            label="答复"
            required
            multiline
            maxLength={500}
            inputTestId={`budget-answer-${o.objectionId}`}
            {...form.field('text')}
          />
          {form.error && <Text className="budget-admin__error">{form.error}</Text>}
          <ActionButton
            size="small"
            loading={form.busy}
            onClick={() => void form.submit()}
            testId={`budget-answer-submit-${o.objectionId}`}
          >
            答复异议
          </ActionButton>
        </>
      )}
    </View>
  );
}

function RoundManagement({ communityId, roundId }: { communityId: string; roundId: string }) {
  const round = useAsync(
    () => call(budgetRoutes.getRound, { params: { communityId, roundId } }),
    [communityId, roundId],
  );
  const reload = () => void round.reload();
  useReshow(reload);
  return (
    <AsyncView state={round} testId="budget-round">
      {(r) => (
        <>
          <Card title={r.title} extra={<StatusTag tone="info">{r.phaseLabel}</StatusTag>} testId="budget-round-head">
            <Text className="budget-admin__line">
              {yuanText(r.totalAmount)} · {r.scopeText} · {ROUND_BASIS_LABELS[r.basis]}
            </Text>
            {r.phaseEndsAt && <IconText icon="clock">本阶段截止 {formatDateTime(r.phaseEndsAt)}</IconText>}
            <ActionButton
              size="small"
              variant="plain"
              onClick={() => void Taro.navigateTo({ url: roundPath(communityId, r.roundId) })}
              testId="budget-round-resident"
            >
              查看居民看到的页面
            </ActionButton>
            <StatTiles
              columns={3}
              testId="budget-round-tiles"
              tiles={[
                { label: '项目', value: r.projects.length, unit: '个' },
                {
                  label: '待审核',
                  value: r.pendingScreening,
                  unit: '个',
                  tone: r.pendingScreening > 0 ? 'alert' : 'normal',
                  testId: 'budget-pending',
                },
                {
                  label: '待答复异议',
                  value: r.openObjections,
                  unit: '条',
                  tone: r.openObjections > 0 ? 'alert' : 'normal',
                },
              ]}
            />
          </Card>

          <Card title="阶段" testId="budget-timeline">
            {r.timeline.map((t) => (
              <View key={t.phase} className="budget-admin__row">
                <View className="budget-admin__row-head">
                  <Text className="budget-admin__title">{t.label}</Text>
                  <StatusTag tone={t.state === 'current' ? 'info' : t.state === 'done' ? 'success' : 'neutral'}>
                    {t.state === 'current' ? '进行中' : t.state === 'done' ? '已结束' : '未开始'}
                  </StatusTag>
                </View>
                <Text className="budget-admin__line">
                  {t.hint}
                  {t.until ? `（至 ${formatDateTime(t.until)}）` : ''}
                </Text>
              </View>
            ))}
            {r.phaseChanges
              .filter((c) => c.early)
              .map((c) => (
                <Text key={c.at} className="budget-admin__line">
                  {formatDateTime(c.at)} {c.byName} 提前结束：{c.reason}
                </Text>
              ))}
          </Card>

          {r.result && (
            <Card title="投票结果" testId="budget-result">
              <Text className="budget-admin__line">
                {r.result.ballots} / {r.result.electorate} 票 · 入选合计 {yuanText(r.result.allocated)} · 结余{' '}
                {yuanText(r.result.leftover)}
              </Text>
              <Text className="budget-admin__line">{r.result.summary}</Text>
            </Card>
          )}

          {r.can.advance && EARLY_ENDABLE.includes(r.phase) && (
            <EarlyEnd round={r} communityId={communityId} onDone={reload} />
          )}

          <Card title="项目" testId="budget-projects">
            {r.projects.length === 0 ? (
              <Text className="budget-admin__line">还没有居民提出项目。</Text>
            ) : (
              r.projects.map((p) => (
                <View
                  key={p.projectId}
                  className="budget-admin__row"
                  role="button"
                  {...focusable}
                  onClick={() =>
                    void Taro.navigateTo({ url: withQuery(BUDGET_ADMIN.project, { roundId, projectId: p.projectId }) })
                  }
                  data-testid={`budget-project-${p.projectId}`}
                >
                  <View className="budget-admin__row-head">
                    <Text className="budget-admin__title">{p.title}</Text>
                    <StatusTag tone={STAGE_TONES[p.stage]}>{p.stageLabel}</StatusTag>
                  </View>
                  <Text className="budget-admin__line">
                    {p.place} · 估算 {yuanText(p.estimatedCost)}
                    {p.cost !== undefined ? ` · 核定 ${yuanText(p.cost)}` : ''} · 附议 {p.supportCount}
                    {p.votes !== undefined ? ` · ${p.votes} 票` : ''}
                  </Text>
                  {p.screeningReason && <Text className="budget-admin__line">审核意见：{p.screeningReason}</Text>}
                  {p.progress && (
                    <Text className="budget-admin__line">
                      进度 {p.progress.percent}% · 已支出 {yuanText(p.progress.spent)}
                      {p.responsibleParty ? ` · ${p.responsibleParty}` : ''}
                    </Text>
                  )}
                </View>
              ))
            )}
          </Card>

          {r.phase === 'proposing' && r.can.manage && (
            <FromRequest round={r} communityId={communityId} onDone={reload} />
          )}

          {(r.phase === 'publicity' || r.objections.length > 0) && (
            <Card title="异议" testId="budget-objections">
              {r.objections.length === 0 ? (
                <Text className="budget-admin__line">公示期内还没有异议。</Text>
              ) : (
                r.objections.map((o) => (
                  <Objection key={o.objectionId} o={o} round={r} communityId={communityId} onDone={reload} />
                ))
              )}
            </Card>
          )}
        </>
      )}
    </AsyncView>
  );
}

export default function BudgetRoundAdminPage() {
  const roundId = readParam(useRouter().params.roundId);
  return (
    <Page testId="page-budget-admin-round">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => <RoundManagement communityId={communityId} roundId={roundId ?? ''} />}
      </StaffOnly>
    </Page>
  );
}
