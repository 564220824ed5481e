import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { budgetRoutes, percentOf, yuanText, type ProjectSummaryView, type RoundPhase } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ProgressBar } from '@/components/charts';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { STAGE_TONES } from '@/packages/budget/lib/labels';
import { projectPath } from '@/lib/budgetPages';

const SUPPORTABLE: readonly RoundPhase[] = ['proposing', 'screening'];

/**
 * One project in a round: its stage, place and money (the proposer's estimate until the committee fixes the
 * cost), 附议 with its count while proposals are open, and once carried out its progress and spending.
 */
export function ProjectRow({
  p,
  phase,
  communityId,
  roundId,
  canSupport,
  onChanged,
}: {
  p: ProjectSummaryView;
  phase: RoundPhase;
  communityId: string;
  roundId: string;
  canSupport: boolean;
  onChanged(): Promise<void>;
}) {
  const support = useSubmit(
    async () => {
      const res = await call(budgetRoutes.supportProject, { params: { communityId, roundId, projectId: p.projectId } });
      void Taro.showToast({ title: `已附议（${res.count} 人）`, icon: 'none' });
      await onChanged();
    },
    { onError: toastError },
  );
  const open = () => void Taro.navigateTo({ url: projectPath(communityId, roundId, p.projectId) });
  const supportable = canSupport && SUPPORTABLE.includes(phase) && (p.stage === 'proposed' || p.stage === 'eligible');
  const planned = p.cost ?? p.estimatedCost;
  return (
    <View className="budget__item" data-testid={`project-${p.projectId}`}>
      <View className="budget__item-head">
        <Text className="budget__item-title">{p.title}</Text>
        <StatusTag tone={STAGE_TONES[p.stage]} testId="project-stage">
          {p.stageLabel}
        </StatusTag>
      </View>
      <Text className="budget__fine">
        {p.place} · {p.cost !== undefined ? `核定 ${yuanText(p.cost)}` : `估算 ${yuanText(p.estimatedCost)}`}
        {p.votes !== undefined ? ` · ${p.votes} 票` : ''}
        {p.fromGrievance ? ' · 来自居民诉求' : ''}
      </Text>
      {p.screeningReason && <Text className="budget__fine">审核意见：{p.screeningReason}</Text>}
      {p.mergedIntoTitle && <Text className="budget__fine">已合并到「{p.mergedIntoTitle}」</Text>}
      {p.progress && (
        <View data-testid="project-progress">
          <ProgressBar value={p.progress.percent} total={100} label="完成" unit="%" testId="project-percent" />
          <Text className="budget__fine" data-testid="project-spent">
            已支出 {yuanText(p.progress.spent)} / 计划 {yuanText(planned)}（{percentOf(p.progress.spent, planned)}%）
          </Text>
        </View>
      )}
      {p.ratings && p.ratings.total > 0 && (
        <Text className="budget__fine">
          验收评价 {p.ratings.total} 人，满意率 {p.ratings.satisfactionRate ?? 0}%
        </Text>
      )}
      <View className="budget__row">
        <Text className="budget__fine" data-testid="project-support-count">
          附议 {p.supportCount} 人{p.supported ? '（含我）' : ''}
        </Text>
        {supportable && !p.supported && (
          <ActionButton
            size="small"
            variant="secondary"
            loading={support.busy}
            onClick={() => void support.submit()}
            testId="project-support"
          >
            附议
          </ActionButton>
        )}
        <ActionButton size="small" variant="plain" onClick={open} testId="project-open">
          详情与评议
        </ActionButton>
      </View>
    </View>
  );
}
