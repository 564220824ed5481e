import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, yuanText, type ProjectView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart, ProgressBar } from '@/components/charts';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { formatDate, formatDateTime } from '@/lib/format';
import { readParam, ROUTES, withQuery } from '@/routes';
import { Comments } from '@/packages/budget/components/Comments';
import { PhotoStrip } from '@/components/BudgetPhotos/BudgetPhotos';
import { RatingCard } from '@/packages/budget/components/RatingCard';
import { STAGE_TONES } from '@/packages/budget/lib/labels';
import { adminProjectPath, roundPath } from '@/lib/budgetPages';
import { useSession } from '@/session/SessionProvider';
import '@/packages/budget/budget.scss';

/** 实施: who carries it out and what they promised, progress and money spent against planned, monthly reports. */
function Implementation({ p }: { p: ProjectView }) {
  const planned = p.cost ?? p.estimatedCost;
  const spent = p.progress?.spent ?? 0;
  return (
    <Card title="实施进度" testId="project-implementation">
      {p.implementation && (
        <View className="budget__item">
          <IconText icon="people" className="budget__text">
            责任单位：{p.implementation.responsibleParty}
          </IconText>
          <Text className="budget__text">承诺：{p.implementation.commitment}</Text>
          <IconText icon="clock" className="budget__fine">
            计划 {formatDate(p.implementation.dueDate)} 前完成
          </IconText>
        </View>
      )}
      <ProgressBar value={p.progress?.percent ?? 0} total={100} label="完成" unit="%" testId="project-percent" />
      <BarChart
        title="计划与实际支出"
        data={[
          { label: '计划（核定预算）', value: planned },
          { label: '已支出', value: spent, color: spent > planned ? '#d9534f' : '#2f6fd6' },
        ]}
        format={(v) => yuanText(v).replace(' 元', '')}
        unit=" 元"
        testId="project-money"
      />
      {p.finished && (
        <IconText icon="check" className="budget__text" testId="project-finished">
          {formatDateTime(p.finished.at)} 完工：{p.finished.note}
        </IconText>
      )}
      <Text className="budget__subhead">每月进度（{p.reports.length}）</Text>
      {p.reports.length === 0 && <Text className="budget__muted">还没有进度报告</Text>}
      {p.reports.map((r, i) => (
        <View key={`${r.month}-${i}`} className="budget__item" data-testid="progress-report">
          <View className="budget__item-head">
            <Text className="budget__item-title">{r.month}</Text>
            <Text className="budget__fine">完成 {r.percent}%</Text>
          </View>
          <Text className="budget__fine">
            累计支出 {yuanText(r.spent)} · {r.byName} · {formatDateTime(r.at)}
          </Text>
          <Text className="budget__text">{r.note}</Text>
          <PhotoStrip photos={r.photos} alt={`${r.month} 进度照片`} testId="progress-photos" />
        </View>
      ))}
    </Card>
  );
}

function ProjectBody({
  p,
  communityId,
  setProject,
  reload,
}: {
  p: ProjectView;
  communityId: string;
  setProject(next: ProjectView): void;
  reload(): Promise<void>;
}) {
  const support = useSubmit(
    async () => {
      const res = await call(budgetRoutes.supportProject, {
        params: { communityId, roundId: p.roundId, projectId: p.projectId },
      });
      void Taro.showToast({ title: `已附议（${res.count} 人）`, icon: 'none' });
      await reload();
    },
    { onError: toastError },
  );
  const carriedOut = !!p.implementation || p.reports.length > 0 || !!p.finished;
  return (
    <>
      <Text className="budget__title" data-testid="project-title">
        {p.title}
      </Text>
      <View className="budget__meta">
        <StatusTag tone={STAGE_TONES[p.stage]} testId="project-stage">
          {p.stageLabel}
        </StatusTag>
        <ActionButton
          size="small"
          variant="plain"
          onClick={() => void Taro.navigateTo({ url: roundPath(communityId, p.roundId) })}
          testId="project-round-link"
        >
          {p.roundTitle}
        </ActionButton>
        {p.can.link && (
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void Taro.navigateTo({ url: adminProjectPath(p.roundId, p.projectId) })}
            testId="project-manage"
          >
            居委会管理
          </ActionButton>
        )}
      </View>
      <Card title="项目说明">
        <IconText icon="place" className="budget__text">
          {p.place}
        </IconText>
        <Text className="budget__text">{p.description}</Text>
        <Text className="budget__fine">
          {p.proposedByName} 提出 · {formatDateTime(p.proposedAt)} · 估算 {yuanText(p.estimatedCost)}
          {p.cost !== undefined ? ` · 核定预算 ${yuanText(p.cost)}` : ''}
          {p.votes !== undefined ? ` · 得票 ${p.votes}（第 ${p.rank} 名）` : ''}
        </Text>
        <PhotoStrip photos={p.photos} alt="现场照片" testId="project-photos" />
        {p.screening && (
          <Text className="budget__fine" data-testid="project-screening">
            审核：{p.screening.eligible ? '符合条件' : '不符合条件'}
            {p.screening.reason ? `（${p.screening.reason}）` : ''} · {p.screening.byName}
          </Text>
        )}
        {p.mergedFrom.length > 0 && (
          <Text className="budget__fine">合并了相似提议：{p.mergedFrom.map((m) => m.title).join('、')}</Text>
        )}
        {p.mergedIntoTitle && <Text className="budget__fine">已合并到「{p.mergedIntoTitle}」</Text>}
        {p.answersRequests.length > 0 && (
          <View data-testid="project-requests">
            <Text className="budget__subhead">回应的居民诉求</Text>
            {p.answersRequests.map((r, i) =>
              r.visible && r.grievanceId ? (
                <ActionButton
                  key={r.grievanceId}
                  size="small"
                  variant="plain"
                  onClick={() =>
                    void Taro.navigateTo({
                      url: withQuery(ROUTES.grievance.detail, { communityId, id: r.grievanceId! }),
                    })
                  }
                  testId="project-request-link"
                >
                  {`#${r.number ?? ''} ${r.categoryLabel ?? ''}：${r.excerpt ?? ''}`}
                </ActionButton>
              ) : (
                <Text key={r.grievanceId ?? i} className="budget__fine">
                  一条居民诉求（不公开）
                </Text>
              ),
            )}
          </View>
        )}
        <View className="budget__row">
          <Text className="budget__text" data-testid="project-support-count">
            附议 {p.supportCount} 人{p.supported ? '（含我）' : ''}
          </Text>
          {p.can.support && (
            <ActionButton
              size="small"
              loading={support.busy}
              onClick={() => void support.submit()}
              testId="project-support"
            >
              附议
            </ActionButton>
          )}
        </View>
      </Card>
      {carriedOut && <Implementation p={p} />}
      {(!!p.finished || !!p.ratings?.total) && (
        <RatingCard project={p} communityId={communityId} onRated={setProject} />
      )}
      <Card title="评议" testId="project-deliberation">
        <Comments communityId={communityId} roundId={p.roundId} projectId={p.projectId} canComment={p.can.comment} />
      </Card>
    </>
  );
}

/** 项目详情: what was proposed, screening, 附议, 评议 and the 居民议事会's notes, 实施 and 验收. */
export default function BudgetProjectPage() {
  const session = useSession();
  const params = useRouter().params;
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const roundId = readParam(params.roundId) ?? '';
  const projectId = readParam(params.projectId) ?? '';
  const project = useAsync(
    () => call(budgetRoutes.getProject, { params: { communityId, roundId, projectId } }),
    [communityId, roundId, projectId],
    { enabled: !!communityId && !!roundId && !!projectId },
  );
  return (
    <Page testId="page-budget-project">
      <AsyncView state={project} testId="budget-project">
        {(p) => (
          <ProjectBody
            p={p}
            communityId={communityId}
            setProject={(next) => project.setData(() => next)}
            reload={project.reload}
          />
        )}
      </AsyncView>
    </Page>
  );
}
