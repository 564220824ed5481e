import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COMMITTEE,
  LEVEL_LABELS,
  RATING_LABELS,
  SOURCE_LABELS,
  URGENCY_LABELS,
  type GrievanceDetail,
  grievanceRoutes,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { ReportAction } from '@/components/ReportAction/ReportAction';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { STATUS_TONES, statusText } from '@/lib/grievanceLabels';
import { readParam, ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { Conversation } from '@/packages/grievances/components/Conversation';
import { PhotoStrip } from '@/packages/grievances/components/PhotoStrip';
import { RatingForm } from '@/packages/grievances/components/RatingForm';
import { ReviewActions } from '@/packages/grievances/components/ReviewActions';
import { StepActions } from '@/packages/grievances/components/StepActions';
import { Timeline } from '@/packages/grievances/components/Timeline';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import { projectPath } from '@/lib/budgetPages';
import '@/packages/grievances/grievances.scss';
import { IconText } from '@/components/Icon/IconText';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

function deadlineLine(c: GrievanceDetail): string | undefined {
  if (!c.dueAt) return undefined;
  const when = formatDateTime(c.dueAt);
  if (c.status === 'pending') return `${LEVEL_LABELS[c.level]}应于 ${when} 前受理`;
  if (c.status === 'resolved') return `请于 ${when} 前评价，逾期记为“未评价”`;
  return `应于 ${when} 前办结`;
}

/** 待人工复核 of this case's messages and photos, for its handlers (the description is judged in place). */
function FlaggedItems({ c, onChanged }: { c: GrievanceDetail; onChanged(next: GrievanceDetail): void }) {
  const messages = (c.messages ?? []).filter((m) => m.awaitingReview && !m.mine);
  const photos = c.photos.filter((p) => p.awaitingReview);
  if (!messages.length && !photos.length) return null;
  const review = { communityId: c.communityId, grievanceId: c.grievanceId, onDone: onChanged };
  return (
    <Card title="待人工复核" testId="detail-flagged">
      {messages.map((m) => (
        <View key={m.messageId} className="grv-flagged">
          <Text className="grv-line">
            {m.author.name}：{m.text}
          </Text>
          <ReviewActions {...review} target={{ kind: 'message', messageId: m.messageId }} />
        </View>
      ))}
      {photos.map((p) => (
        <View key={p.photoId} className="grv-flagged">
          <PhotoStrip photos={[p]} testId={`flagged-photo-${p.photoId}`} />
          <ReviewActions {...review} target={{ kind: 'photo', photoId: p.photoId }} />
        </View>
      ))}
    </Card>
  );
}

/**
 * 议事厅: the topic this request became (to everyone who sees the request), or, for the committee,
 * 转为议题 — the agora wizard prefilled from the request, which links both in one write.
 */
function TopicLink({ c }: { c: GrievanceDetail }) {
  const session = useSession();
  const go = (url: string, query: Record<string, string>) => () =>
    void Taro.navigateTo({ url: withQuery(url, { communityId: c.communityId, ...query }) });
  if (c.topicId)
    return (
      <CellGroup testId="detail-topic">
        <Cell
          icon="building"
          title={`已转为议题：${c.topicTitle ?? ''}`}
          onClick={go(ROUTES.agoraPages.topic, { topicId: c.topicId })}
          testId="detail-topic-link"
        />
      </CellGroup>
    );
  if (c.status === 'withdrawn' || !session.hasRole(...COMMITTEE)) return null;
  return (
    <ActionButton
      size="small"
      variant="secondary"
      onClick={go(ROUTES.agoraPages.wizard, { grievanceId: c.grievanceId })}
      testId="grievance-to-topic"
    >
      转为议题
    </ActionButton>
  );
}

/** 纳入民生微实事: the budget project that answers this request, one tap away (it links back to the request). */
function BudgetProjectLink({ c }: { c: GrievanceDetail }) {
  if (!c.budgetProject) return null;
  const { roundId, projectId, title } = c.budgetProject;
  return (
    <CellGroup testId="detail-budget">
      <Cell
        icon="building"
        title={`纳入民生微实事：${title}`}
        onClick={() => void Taro.navigateTo({ url: projectPath(c.communityId, roundId, projectId) })}
        testId="detail-budget-link"
      />
    </CellGroup>
  );
}

function Case({ c, onChanged }: { c: GrievanceDetail; onChanged(next: GrievanceDetail): void }) {
  const [supporting, setSupporting] = useState(false);
  const supportIt = async () => {
    setSupporting(true);
    try {
      const res = await call(grievanceRoutes.support, {
        params: { communityId: c.communityId, grievanceId: c.grievanceId },
      });
      onChanged({ ...c, supportCount: res.supportCount, supportedByMe: true, canSupport: false });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setSupporting(false);
    }
  };
  const rates = c.actions.includes('rate') || c.actions.includes('reopen');
  return (
    <>
      <Card testId="detail-head">
        <Text className="grv-title">
          {c.categoryLabel} <Text className="muted">#{c.number}</Text>
        </Text>
        <View className="grv-tags">
          <StatusTag tone={STATUS_TONES[c.status]} testId="detail-status">
            {statusText(c.status)}
          </StatusTag>
          <StatusTag tone="info" testId="detail-level">
            {LEVEL_LABELS[c.level]}
          </StatusTag>
          {c.overdue && <StatusTag tone="danger">超时</StatusTag>}
          {c.overdueCount > 0 && !c.overdue && <StatusTag tone="warning">{`曾超时 ${c.overdueCount} 次`}</StatusTag>}
          {c.urgency === 'urgent' && <StatusTag tone="danger">{URGENCY_LABELS.urgent}</StatusTag>}
          {c.visibility === 'private' && <StatusTag>仅相关人员可见</StatusTag>}
          {c.reopenCount > 0 && <StatusTag tone="warning">{`重办 ${c.reopenCount} 次`}</StatusTag>}
        </View>
        <IconText icon="place" className="grv-line">
          {c.location}
        </IconText>
        <IconText icon="person" className="grv-line">
          {c.reporter} · {formatDateTime(c.createdAt)}
          {c.source !== 'resident' ? ` · ${SOURCE_LABELS[c.source]}` : ''}
        </IconText>
        {c.resident && (
          <Text className="grv-line" data-testid="detail-resident">
            走访居民：{c.resident.name} {c.resident.phoneMasked ?? ''}
          </Text>
        )}
        {deadlineLine(c) && (
          <IconText icon="clock" className="grv-line" testId="detail-deadline">
            {deadlineLine(c)}
          </IconText>
        )}
        <Text className="grv-body" data-testid="detail-description">
          {c.description ?? (c.descriptionState === 'rejected' ? '内容未通过审核' : '内容审核中，审核通过后邻居可见')}
        </Text>
        {c.descriptionAwaitingReview && (
          <View className="grv-tags">
            <StatusTag tone="warning" testId="detail-awaiting-review">
              待人工复核
            </StatusTag>
            {!c.canReview && <Text className="muted">社区工作人员复核通过后邻居可见</Text>}
          </View>
        )}
        {c.moderation && (
          <StatusTag tone={c.moderation === 'removed' ? 'danger' : 'warning'} testId="detail-moderation">
            {c.moderation === 'removed' ? '已被居委会移除（他人不可见）' : '被多位居民举报，待复核（他人不可见）'}
          </StatusTag>
        )}
        {c.visibility === 'public' && !c.mine && !c.moderation && c.descriptionState === 'visible' && (
          <ReportAction
            communityId={c.communityId}
            target={{ kind: 'grievance', grievanceId: c.grievanceId }}
            what="这条诉求"
            testId="report-grievance"
          />
        )}
        {c.descriptionRejectedReason && (
          <Text className="grv-error" data-testid="detail-rejected-reason">
            未通过人工复核（邻居看不到）：{c.descriptionRejectedReason}
          </Text>
        )}
        {c.canReview && c.descriptionAwaitingReview && (
          <ReviewActions
            communityId={c.communityId}
            grievanceId={c.grievanceId}
            target={{ kind: 'description' }}
            onDone={onChanged}
          />
        )}
        {/* The reporter of an open case: 受理、上报、办结 reach WeChat once they allow it. */}
        {c.viewer === 'reporter' && c.status !== 'closed' && c.status !== 'withdrawn' && (
          <SubscribePrompt
            events={['grievance.accepted', 'grievance.escalated', 'grievance.resolved']}
            reason="诉求有进展时通过微信提醒您"
            testId="detail-subscribe"
          />
        )}
        <PhotoStrip photos={c.photos.filter((p) => p.role === 'report')} testId="detail-photos" />
        {c.canSupport && (
          <ActionButton
            size="small"
            variant="secondary"
            loading={supporting}
            onClick={() => void supportIt()}
            testId="grievance-support"
          >
            我也遇到（{c.supportCount}）
          </ActionButton>
        )}
        {c.supportedByMe && (
          <Text className="muted" data-testid="grievance-supported">
            您已加入 · {c.supportCount} 人遇到
          </Text>
        )}
        <StepActions c={c} onChanged={onChanged} />
        <TopicLink c={c} />
        <BudgetProjectLink c={c} />
      </Card>

      {c.commitment && (
        <Card title="办理承诺（一事一诺）" testId="detail-commitment">
          <Text className="grv-body">{c.commitment.text}</Text>
          <Text className="grv-line">承诺 {formatDateTime(c.commitment.dueBy)} 前办结</Text>
          <Text className="muted">
            {c.commitment.by.name} · {formatDateTime(c.commitment.at)}
          </Text>
        </Card>
      )}

      {c.resolution && (
        <Card
          title={c.resolution.outcome === 'done' ? '办结情况' : `已转办：${c.resolution.referredTo ?? ''}`}
          testId="detail-resolution"
        >
          <Text className="grv-body">{c.resolution.note}</Text>
          <PhotoStrip photos={c.photos.filter((p) => p.role === 'resolution')} testId="resolution-photos" />
          <Text className="muted">
            {c.resolution.by.name} · {formatDateTime(c.resolution.at)}
          </Text>
        </Card>
      )}

      {rates && <RatingForm c={c} onChanged={onChanged} />}
      {c.rating && !rates && (
        <Card title="评价" testId="detail-rating">
          <Text className="grv-body">{RATING_LABELS[c.rating.rating]}</Text>
          {c.rating.comment && <Text className="grv-line">{c.rating.comment}</Text>}
        </Card>
      )}

      {c.canReview && <FlaggedItems c={c} onChanged={onChanged} />}

      {c.messages && <Conversation c={c} kind="messages" onChanged={onChanged} />}
      {c.notes && <Conversation c={c} kind="notes" onChanged={onChanged} />}

      <Card title="办理进度">
        <Timeline entries={c.timeline} />
      </Card>
    </>
  );
}

/** 诉求详情: the case as this viewer may see it, the steps they may take, and every step so far. */
export default function GrievanceDetailPage() {
  const { params } = useRouter();
  const communityId = readParam(params.communityId) ?? '';
  const id = readParam(params.id) ?? '';
  const state = useAsync(
    () => call(grievanceRoutes.get, { params: { communityId, grievanceId: id } }),
    [communityId, id],
    { enabled: !!communityId && !!id },
  );
  // Back from 转为议题 (or the topic): show the link the committee just made.
  useReshow(() => void state.reload());
  usePullDownRefresh(() => {
    void state.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <Page testId="page-grievance-detail">
      <ActingBanner />
      <AsyncView state={state} testId="grievance">
        {(c) => <Case c={c} onChanged={(next) => state.setData(() => next)} />}
      </AsyncView>
    </Page>
  );
}
