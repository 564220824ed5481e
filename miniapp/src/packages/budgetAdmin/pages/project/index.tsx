import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import { budgetRoutes, COMMITTEE, DAY_MS, yuanText, type ProjectView, type RoundView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { formatDate, formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { PhotoPicker, PhotoStrip } from '@/components/BudgetPhotos/BudgetPhotos';
import { projectPath } from '@/lib/budgetPages';
import { useBudgetPhotos } from '@/lib/budgetPhotos';
import { newRequestId, numberOrUndefined } from '@/packages/budgetAdmin/lib/routes';
import '@/packages/budgetAdmin/budgetAdmin.scss';

type Ids = { communityId: string; roundId: string; projectId: string };
type Section = { ids: Ids; project: ProjectView; onDone(p?: ProjectView): void };

const VERDICTS = [
  { value: 'yes' as const, label: '符合条件，进入投票' },
  { value: 'no' as const, label: '不符合条件' },
];
const DUE = ['1', '2', '3', '6'].map((m) => ({ value: m, label: `${m} 个月内` }));

function FormError({ error, testId }: { error?: string; testId?: string }) {
  return error ? (
    <Text className="budget-admin__error" aria-live="assertive" data-testid={testId}>
      {error}
    </Text>
  ) : null;
}

/** 审核: eligible with the committee's cost (what the ballot counts), or not, with a reason. */
function Screening({ ids, project, onDone }: Section) {
  const form = useForm(
    { verdict: 'yes' as 'yes' | 'no', cost: String(project.estimatedCost), reason: '' },
    async (v) => {
      const next = await call(budgetRoutes.screenProject, {
        params: ids,
        body:
          v.verdict === 'yes'
            ? { eligible: true, cost: numberOrUndefined(v.cost) }
            : { eligible: false, reason: v.reason.trim() || undefined },
      });
      onDone(next);
      return next;
    },
  );
  return (
    <Card title="审核" testId="budget-screening">
      <ChoiceList layout="list" options={VERDICTS} {...form.bind('verdict')} testId="budget-verdict" label="审核结果" />
      {form.values.verdict === 'yes' ? (
        <TextField
          label="核定预算（元）"
          required
          type="number"
          hint={`居民估算 ${yuanText(project.estimatedCost)}；投票按核定预算计算`}
          inputTestId="budget-cost"
          {...form.field('cost')}
        />
      ) : (
        <TextField
          label="不符合条件的原因"
          required
          maxLength={200}
          testId="budget-reason-field"
          inputTestId="budget-reason"
          {...form.field('reason')}
        />
      )}
      <FormError error={form.error} testId="budget-screening-error" />
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="budget-screen-submit">
        保存审核结果
      </ActionButton>
    </Card>
  );
}

/** 合并: similar proposals (still awaiting screening) become part of this one. */
function Merge({ ids, project, onDone, round }: Section & { round: RoundView }) {
  const others = round.projects.filter((p) => p.projectId !== project.projectId && p.stage === 'proposed');
  const form = useForm({ duplicateId: '', reason: '' }, async (v) => {
    const next = await call(budgetRoutes.mergeProjects, {
      params: ids,
      body: { duplicateIds: v.duplicateId ? [v.duplicateId] : [], reason: v.reason },
    });
    form.reset({ duplicateId: '', reason: '' });
    onDone(next);
    return next;
  });
  if (!others.length) return null;
  return (
    <Card title="合并相似提议" testId="budget-merge">
      <ChoiceList
        layout="list"
        options={others.map((p) => ({
          value: p.projectId,
          label: p.title,
          hint: `${p.place} · 附议 ${p.supportCount}`,
        }))}
        {...form.bind('duplicateId')}
        testId="budget-merge-pick"
        label="合并到本项目的提议"
      />
      {form.errors['body.duplicateIds'] && <FormError error={form.errors['body.duplicateIds']} />}
      <TextField
        label="合并说明"
        required
        maxLength={200}
        inputTestId="budget-merge-reason"
        {...form.field('reason')}
      />
      <FormError error={form.error} />
      <ActionButton
        block
        variant="secondary"
        loading={form.busy}
        onClick={() => void form.submit()}
        testId="budget-merge-submit"
      >
        合并到本项目
      </ActionButton>
    </Card>
  );
}

/** 关联诉求: a resident's request this project answers. */
function LinkRequest({ ids, project, onDone }: Section) {
  const form = useForm({ grievanceId: '' }, async (v) => {
    const next = await call(budgetRoutes.linkRequest, { params: ids, body: { grievanceId: v.grievanceId.trim() } });
    form.reset({ grievanceId: '' });
    onDone(next);
    return next;
  });
  return (
    <Card title="回应的诉求" testId="budget-requests">
      {project.answersRequests.map((r, i) => (
        <Text key={r.grievanceId ?? i} className="budget-admin__line">
          {r.visible ? `${r.number} ${r.categoryLabel}：${r.excerpt}` : '一条居民诉求'}
        </Text>
      ))}
      {project.can.link && (
        <>
          <TextField
            label="诉求编号"
            hint="诉求详情页地址中的编号"
            inputTestId="budget-link-grievance"
            {...form.field('grievanceId')}
          />
          <FormError error={form.error} />
          <ActionButton
            size="small"
            variant="secondary"
            loading={form.busy}
            onClick={() => void form.submit()}
            testId="budget-link-submit"
          >
            关联诉求
          </ActionButton>
        </>
      )}
    </Card>
  );
}

/** 居民议事会 during 评议: the committee records the council's discussion on the project. */
function CouncilNote({ ids, onDone }: Section) {
  const requestId = useRef(newRequestId());
  const notes = useAsync(() => call(budgetRoutes.listComments, { params: ids }), [ids.projectId]);
  const form = useForm({ body: '' }, async (v) => {
    const note = await call(budgetRoutes.addComment, {
      params: ids,
      body: { body: v.body, kind: 'councilNote', requestId: requestId.current },
    });
    requestId.current = newRequestId();
    form.reset({ body: '' });
    void notes.reload();
    onDone();
    return note;
  });
  return (
    <Card title="居民议事会记录" testId="budget-council">
      <AsyncView
        state={notes}
        compact
        testId="budget-council-notes"
        isEmpty={(n) => n.items.length === 0}
        empty={{ icon: 'comment', title: '还没有评议意见' }}
      >
        {(n) =>
          n.items.map((c) => (
            <View key={c.commentId} className="budget-admin__row">
              <Text className="budget-admin__line">
                {c.kind === 'councilNote' ? '议事会记录' : c.authorTag} · {formatDateTime(c.createdAt)}：{c.body}
              </Text>
            </View>
          ))
        }
      </AsyncView>
      <TextField
        label="议事会意见"
        required
        multiline
        maxLength={500}
        inputTestId="budget-council-body"
        {...form.field('body')}
      />
      <FormError error={form.error} />
      <ActionButton size="small" loading={form.busy} onClick={() => void form.submit()} testId="budget-council-submit">
        记录议事会意见
      </ActionButton>
    </Card>
  );
}

/** 一诺: who carries the project out, what they promise and by when. */
function Implementation({ ids, project, onDone }: Section) {
  const current = project.implementation;
  const form = useForm(
    { responsibleParty: current?.responsibleParty ?? '', commitment: current?.commitment ?? '', months: '3' },
    async (v) => {
      const next = await call(budgetRoutes.setImplementation, {
        params: ids,
        body: {
          responsibleParty: v.responsibleParty,
          commitment: v.commitment,
          dueDate: new Date(Date.now() + Number(v.months) * 30 * DAY_MS).toISOString(),
        },
      });
      onDone(next);
      return next;
    },
  );
  return (
    <Card title="一诺：责任单位与承诺" testId="budget-implementation">
      {current && (
        <Text className="budget-admin__line">
          现为 {current.responsibleParty}，承诺 {formatDate(current.dueDate)} 前完成：{current.commitment}
        </Text>
      )}
      <TextField
        label="责任单位"
        required
        maxLength={60}
        inputTestId="budget-party"
        {...form.field('responsibleParty')}
      />
      <TextField
        label="承诺"
        required
        multiline
        maxLength={500}
        inputTestId="budget-commitment"
        {...form.field('commitment')}
      />
      <ChoiceList options={DUE} {...form.bind('months')} testId="budget-due" label="计划完成时间" />
      <FormError error={form.errors['body.dueDate'] ?? form.error} />
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="budget-implementation-submit">
        {current ? '更新一诺' : '确定责任单位'}
      </ActionButton>
    </Card>
  );
}

/** 每月进度: % done and money spent so far (both cumulative); a second report this month corrects the first. */
function Progress({ ids, project, onDone }: Section) {
  const latest = project.reports[project.reports.length - 1];
  const blank = { percent: '', spent: '', note: '' };
  const photos = useBudgetPhotos(ids.communityId, ids.roundId);
  const form = useForm(blank, async (v) => {
    const next = await call(budgetRoutes.reportProgress, {
      params: ids,
      body: {
        percent: numberOrUndefined(v.percent) as number,
        spent: numberOrUndefined(v.spent) as number,
        note: v.note,
        photoKeys: photos.keys,
      },
    });
    form.reset(blank);
    photos.clear();
    onDone(next);
    return next;
  });
  return (
    <Card title="填报本月进度" testId="budget-progress">
      {latest && (
        <Text className="budget-admin__line">
          上次（{latest.month}）：完成 {latest.percent}%，累计支出 {yuanText(latest.spent)}
        </Text>
      )}
      <TextField label="完成进度（%）" required type="number" inputTestId="budget-percent" {...form.field('percent')} />
      <TextField label="累计支出（元）" required type="number" inputTestId="budget-spent" {...form.field('spent')} />
      <TextField
        label="进度说明"
        required
        multiline
        maxLength={500}
        inputTestId="budget-progress-note"
        {...form.field('note')}
      />
      <PhotoPicker
        photos={photos}
        label="现场照片（选填，居民在项目页和公开台账上能看到）"
        alt="进度照片"
        error={form.errors['body.photoKeys']}
        testId="budget-progress-photos"
      />
      <FormError error={form.error} testId="budget-progress-error" />
      <ActionButton
        block
        loading={form.busy}
        disabled={photos.uploading}
        onClick={() => void form.submit()}
        testId="budget-progress-submit"
      >
        {photos.uploading ? '照片上传中…' : '提交进度'}
      </ActionButton>
    </Card>
  );
}

/** 完工: at 100 %, residents are asked to rate it (验收). */
function Finish({ ids, onDone }: Section) {
  const form = useForm({ note: '' }, async (v) => {
    const next = await call(budgetRoutes.finishProject, { params: ids, body: { note: v.note } });
    onDone(next);
    return next;
  });
  return (
    <Card title="完工" testId="budget-finish">
      <TextField
        label="完工说明"
        required
        multiline
        maxLength={500}
        inputTestId="budget-finish-note"
        {...form.field('note')}
      />
      <FormError error={form.error} testId="budget-finish-error" />
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="budget-finish-submit">
        标记完工，请居民验收
      </ActionButton>
    </Card>
  );
}

function ProjectManagement(ids: Ids) {
  const { communityId, roundId, projectId } = ids;
  const project = useAsync(() => call(budgetRoutes.getProject, { params: ids }), [communityId, roundId, projectId]);
  const round = useAsync(
    () => call(budgetRoutes.getRound, { params: { communityId, roundId } }),
    [communityId, roundId],
  );
  const onDone = (next?: ProjectView) => {
    if (next) project.setData(() => next);
    else void project.reload();
    void round.reload();
  };
  return (
    <AsyncView state={project} testId="budget-project">
      {(p) => {
        const section = { ids, project: p, onDone };
        return (
          <>
            <Card
              title={p.title}
              extra={<StatusTag tone="info">{p.stageLabel}</StatusTag>}
              testId="budget-project-head"
            >
              <Text className="budget-admin__line">
                {p.roundTitle} · {p.proposedByName} 提出 · 附议 {p.supportCount}
              </Text>
              <IconText icon="place">{p.place}</IconText>
              <Text className="budget-admin__line">{p.description}</Text>
              <ActionButton
                size="small"
                variant="plain"
                onClick={() => void Taro.navigateTo({ url: projectPath(communityId, roundId, projectId) })}
                testId="budget-project-resident"
              >
                查看居民看到的页面
              </ActionButton>
              <Text className="budget-admin__line">
                估算 {yuanText(p.estimatedCost)}
                {p.cost !== undefined ? ` · 核定 ${yuanText(p.cost)}` : ''}
                {p.votes !== undefined ? ` · ${p.votes} 票` : ''}
              </Text>
              {p.screening && (
                <Text className="budget-admin__line" data-testid="budget-screened">
                  {p.screening.byName} 审核：{p.screening.eligible ? '符合条件' : `不符合条件（${p.screening.reason}）`}
                </Text>
              )}
              {p.mergedFrom.length > 0 && (
                <Text className="budget-admin__line">已合并：{p.mergedFrom.map((m) => m.title).join('、')}</Text>
              )}
              {p.finished && (
                <Text className="budget-admin__line">
                  {formatDate(p.finished.at)} 完工：{p.finished.note}
                </Text>
              )}
            </Card>
            {p.can.screen && <Screening {...section} />}
            {p.can.screen && round.data && <Merge {...section} round={round.data} />}
            {(p.can.link || p.answersRequests.length > 0) && <LinkRequest {...section} />}
            {p.can.councilNote && <CouncilNote {...section} />}
            {p.can.implement && <Implementation {...section} />}
            {p.reports.length > 0 && (
              <Card title="每月进度" testId="budget-reports">
                {p.reports.map((r) => (
                  <View key={r.month} className="budget-admin__row">
                    <View className="budget-admin__row-head">
                      <Text className="budget-admin__title">{r.month}</Text>
                      <Text className="budget-admin__line">{r.percent}%</Text>
                    </View>
                    <Text className="budget-admin__line">
                      累计支出 {yuanText(r.spent)} · {r.note}（{r.byName}）
                    </Text>
                    <PhotoStrip photos={r.photos} alt={`${r.month} 进度照片`} testId="budget-report-photos" />
                  </View>
                ))}
              </Card>
            )}
            {p.can.report && <Progress {...section} />}
            {p.can.finish && <Finish {...section} />}
          </>
        );
      }}
    </AsyncView>
  );
}

export default function BudgetProjectAdminPage() {
  const { params } = useRouter();
  const roundId = readParam(params.roundId) ?? '';
  const projectId = readParam(params.projectId) ?? '';
  return (
    <Page testId="page-budget-admin-project">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => <ProjectManagement communityId={communityId} roundId={roundId} projectId={projectId} />}
      </StaffOnly>
    </Page>
  );
}
