import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { COMMITMENT_LABELS, type SeatView, type TopicSource, type TopicView, agoraRoutes } from '@linli/shared';
import { ApiFailure, call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { BarChart, ProgressBar } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { ReportAction } from '@/components/ReportAction/ReportAction';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { readParam, ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { BallotForm } from '@/packages/agora/components/BallotForm';
import { Comments } from '@/packages/agora/components/Comments';
import { ResultView } from '@/packages/agora/components/ResultView';
import { TurnoutView } from '@/packages/agora/components/TurnoutView';
import { areaText, newRequestId, windowText } from '@/packages/agora/lib/format';
import { StageTag } from '@/components/StageTag';
import { topicPath } from '@/packages/agora/lib/links';
import { OWNER_PROXY_PAGES } from '@/packages/agora/lib/ownerProxy';
import { keepChoice, receiptsOf, rememberReceipt } from '@/packages/agora/lib/receipts';
import { CopyReceipt } from '@/packages/agora/components/CopyReceipt';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import '@/packages/agora/agora.scss';
import { IconText } from '@/components/Icon/IconText';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';
import { readActing } from '@/session/actingSession';

const CHANNEL = { online: '线上', paper: '纸质票', proxy: '书面委托' } as const;

/** One seat (this household, or this owner): its ballot while open, or who cast it and when. */
function SeatCard({
  topic,
  seat,
  communityId,
  onVoted,
  onPaper,
}: {
  topic: TopicView;
  seat: SeatView;
  communityId: string;
  onVoted(receipt: string, notice?: string, choices?: string[]): Promise<void>;
  /** 亲情代办: set while acting for the resident, whose online ballot only she may cast (the server refuses it). */
  onPaper?: () => void;
}) {
  const [changing, setChanging] = useState(false);
  // One id per intended vote: a tap repeated after a lost answer is recognised, not counted twice.
  const requestId = useRef(newRequestId());
  const vote = topic.vote!;
  const open = seat.status === 'open' || changing;

  const {
    submit: cast,
    busy,
    error,
  } = useSubmit(async (choices: string[]) => {
    try {
      const res = await call(agoraRoutes.castBallot, {
        params: { communityId, topicId: topic.topicId },
        body: { choices, voterKey: seat.voterKey, requestId: requestId.current },
      });
      rememberReceipt(topic.topicId, res.receipt);
      requestId.current = newRequestId();
      setChanging(false);
      // What this phone sent, shown once on the cast screen: the server never shows a secret choice again.
      const labels = choices.map((c) => vote.ballot.options.find((o) => o.optionId === c)?.label ?? c);
      await onVoted(res.receipt, undefined, labels.length ? labels : ['弃权']);
    } catch (e) {
      // Counted already (another phone of the household, a retried tap): the page says so, not as a failure.
      if (e instanceof ApiFailure && (e.code === 'ALREADY_VOTED' || e.code === 'VOTE_CONFLICT'))
        return onVoted('', e.message);
      throw e;
    }
  });

  return (
    <View className="agora__seat" data-testid="seat">
      <Text className="agora__seat-label">{seat.label}</Text>
      {open && topic.stage === 'voting' && onPaper ? (
        <View data-testid="seat-acting">
          <Text className="agora__text">线上投票须由居民本人完成；代办时可代录她签字的纸质票。</Text>
          {topic.can.recordPaper && (
            <ActionButton size="small" variant="secondary" onClick={onPaper} testId="seat-paper">
              代录纸质票
            </ActionButton>
          )}
        </View>
      ) : open && topic.stage === 'voting' ? (
        <BallotForm
          vote={vote}
          busy={busy}
          error={error}
          onCast={(c) => void cast(c)}
          submitLabel={changing ? '确认修改' : '投票'}
        />
      ) : seat.status === 'voted' ? (
        <View data-testid="seat-status">
          <IconText icon="check" className="agora__text">
            {seat.castByMe ? '您' : seat.castByName}已于 {formatDateTime(seat.castAt)} 投票（
            {CHANNEL[seat.channel ?? 'online']}）
          </IconText>
          {seat.canChange && vote.allowChanges && (
            <ActionButton size="small" variant="secondary" onClick={() => setChanging(true)} testId="seat-change">
              修改选择
            </ActionButton>
          )}
        </View>
      ) : (
        <Text className="muted">
          {topic.stage === 'upcoming' ? `投票将于 ${formatDateTime(vote.opensAt)} 开始` : '未投票'}
        </Text>
      )}
    </View>
  );
}

/**
 * 来源诉求: the request this topic was made from — a link for those who may see it; anyone else (a
 * private request of another household) reads only that it came from a resident's request.
 */
function SourceGrievance({ source, communityId }: { source: TopicSource; communityId: string }) {
  const { grievanceId } = source;
  return (
    <Card title="来源诉求" testId="topic-source">
      {source.visible && grievanceId ? (
        <CellGroup>
          <Cell
            title={`#${source.number ?? ''} ${source.categoryLabel ?? ''}`}
            description={source.excerpt}
            onClick={() =>
              void Taro.navigateTo({ url: withQuery(ROUTES.grievance.detail, { communityId, id: grievanceId }) })
            }
            testId="topic-source-link"
          />
        </CellGroup>
      ) : (
        <Text className="agora__text">由居民诉求转为议题</Text>
      )}
    </Card>
  );
}

function TopicBody({ topic, communityId, reload }: { topic: TopicView; communityId: string; reload(): Promise<void> }) {
  const session = useSession();
  const [receipt, setReceipt] = useState<string>();
  const [chosen, setChosen] = useState<{ choices: string[]; kept: boolean }>();
  const [notice, setNotice] = useState<string>();
  const vote = topic.vote;
  const kept = receiptsOf(topic.topicId);
  const go = (url: string) => () =>
    void Taro.navigateTo({ url: withQuery(url, { communityId, topicId: topic.topicId }) });
  const acting = !!readActing();

  const support = useSubmit(
    async () => {
      const res = await call(agoraRoutes.supportTopic, { params: { communityId, topicId: topic.topicId } });
      void Taro.showToast({
        title: res.queued ? '已附议，提议已进入居委会受理' : `已附议（${res.count}/${res.threshold}）`,
        icon: 'none',
      });
      await reload();
    },
    { onError: toastError },
  );

  return (
    <>
      <Text className="agora__title" data-testid="topic-title">
        {topic.title}
      </Text>
      <View className="agora__meta">
        <StageTag stage={topic.stage} label={topic.stageLabel} testId="topic-stage" />
        <Text>{topic.scopeText}</Text>
        {topic.street && <StatusTag testId="topic-street">{`街道议事 · ${topic.street.name}`}</StatusTag>}
        {topic.origin === 'proposal' && <Text>居民提议{topic.proposedByName ? ` · ${topic.proposedByName}` : ''}</Text>}
        {topic.moderation && (
          <StatusTag tone={topic.moderation === 'removed' ? 'danger' : 'warning'} testId="topic-moderation">
            {topic.moderation === 'removed' ? '已被居委会移除（他人不可见）' : '被多位居民举报，待复核（他人不可见）'}
          </StatusTag>
        )}
        {topic.origin === 'proposal' && !topic.moderation && !topic.proposedByMe && (
          <ReportAction
            communityId={communityId}
            target={{ kind: 'topic', topicId: topic.topicId }}
            what="这个提议"
            testId="report-topic"
          />
        )}
      </View>
      {topic.sourceGrievance && <SourceGrievance source={topic.sourceGrievance} communityId={communityId} />}

      {notice && (
        <Card testId="seat-notice">
          <Text className="agora__error">{notice}</Text>
        </Card>
      )}
      {receipt && (
        <Card title="投票成功" testId="ballot-receipt">
          <Text className="agora__text">您的核验码（请妥善保存，勿告诉他人）：</Text>
          <Text className="agora__receipt" data-testid="receipt-code" userSelect>
            {receipt}
          </Text>
          <CopyReceipt receipt={receipt} testId="receipt-copy" />
          {chosen && (
            <View className="agora__chosen" data-testid="ballot-chosen">
              <Text className="agora__summary">您的选择：{chosen.choices.join('、')}</Text>
              {vote?.secrecy === 'secret' && (
                <Text className="agora__hint">
                  本次为无记名投票：离开本页后，系统不再显示您的选择，核验码也只证明选票已计入。
                </Text>
              )}
              {chosen.kept ? (
                <IconText icon="check" className="agora__text" testId="ballot-chosen-kept">
                  已保存在本机（只在这部手机上）
                </IconText>
              ) : (
                <ActionButton
                  size="small"
                  variant="secondary"
                  onClick={() => {
                    keepChoice(receipt, chosen.choices);
                    setChosen({ ...chosen, kept: true });
                  }}
                  testId="ballot-keep-choice"
                >
                  保存在本机
                </ActionButton>
              )}
            </View>
          )}
          <Text className="agora__hint">
            核验码已保存在本机，也可复制后另存。结果公示后，可凭核验码在本机验证您的选票已计入（核验码不显示投票人）。
          </Text>
          <SubscribePrompt
            events={['agora.resultPublished']}
            reason="表决结果公示时通过微信提醒您"
            testId="ballot-subscribe"
          />
        </Card>
      )}

      {vote && topic.mySeats.length > 0 && ['upcoming', 'voting', 'counting'].includes(topic.stage) && (
        <Card
          title={topic.basis === 'person' ? '我的选票' : topic.basis === 'owners' ? '业主选票' : '本户选票（一户一票）'}
          testId="ballot-card"
        >
          {topic.mySeats.map((s) => (
            <SeatCard
              key={s.voterKey}
              topic={topic}
              seat={s}
              communityId={communityId}
              onPaper={acting ? go(ROUTES.agoraPages.paper) : undefined}
              onVoted={async (r, message, choices) => {
                setReceipt(r || undefined);
                setChosen(choices ? { choices, kept: false } : undefined);
                setNotice(message);
                await reload();
              }}
            />
          ))}
        </Card>
      )}
      {vote && topic.mySeats.length === 0 && topic.stage === 'voting' && session.hasRole('resident') && (
        <Card testId="not-in-scope">
          <Text className="muted">
            {topic.basis === 'owners'
              ? '本次为业主表决，只有以业主身份绑定范围内房屋的居民可以投票。'
              : '您绑定的房屋不在本次表决范围内。'}
          </Text>
        </Card>
      )}

      {topic.liveTurnout && (
        <Card title="实时参与率">
          <TurnoutView topic={topic} />
        </Card>
      )}

      {topic.street && topic.phase === 'published' && (
        <Card title={`${topic.street.name}合计`} testId="street-total">
          {topic.streetTotal ? (
            <View>
              <Text className="agora__hint">
                {topic.streetTotal.communities} 个社区共投 {topic.streetTotal.ballots} 票（共{' '}
                {topic.streetTotal.electorate} {topic.basis === 'person' ? '人' : '户'}），为各社区计票结果之和：
              </Text>
              <BarChart
                data={topic.streetTotal.options.map((o) => ({ label: o.label, value: o.heads }))}
                unit="票"
                title="全街道各选项得票"
                testId="street-total-chart"
              />
            </View>
          ) : (
            <Text className="muted">其他社区的表决公示后，这里显示全街道合计。</Text>
          )}
        </Card>
      )}

      {topic.result && (
        <Card title="表决结果公示">
          <ResultView topic={topic} result={topic.result} />
          <View className="agora__actions">
            <ActionButton
              size="small"
              variant="secondary"
              onClick={go(ROUTES.agoraPages.receipt)}
              testId="topic-check-receipt"
            >
              核验我的选票{kept.length ? `（本机 ${kept.length} 张）` : ''}
            </ActionButton>
          </View>
        </Card>
      )}

      {topic.commitment && (
        <Card
          title="落实情况"
          extra={
            <StatusTag tone={topic.commitment.status === 'done' ? 'success' : 'info'}>
              {COMMITMENT_LABELS[topic.commitment.status]}
            </StatusTag>
          }
          testId="topic-commitment"
        >
          <Text className="agora__text">{topic.commitment.text}</Text>
          <Text className="muted">更新于 {formatDateTime(topic.commitment.updatedAt)}</Text>
        </Card>
      )}

      <Card title="议题说明">
        <Text className="agora__text">{topic.description}</Text>
        {topic.declineReason && <Text className="agora__error">未采纳原因：{topic.declineReason}</Text>}
      </Card>

      {topic.support && (topic.phase === 'proposed' || topic.phase === 'queued') && (
        <Card title="附议" testId="topic-support">
          <ProgressBar
            value={topic.support.count}
            total={topic.support.threshold}
            label="已附议"
            unit=" 人"
            testId="support-progress"
          />
          <Text className="agora__hint">
            {topic.phase === 'queued'
              ? '附议人数已达门槛，等待居委会受理。'
              : `附议达到 ${topic.support.threshold} 人后进入居委会受理队列。`}
          </Text>
          {topic.can.support ? (
            <ActionButton
              block
              loading={support.busy}
              onClick={() => void support.submit()}
              testId="topic-support-button"
            >
              我附议
            </ActionButton>
          ) : topic.supported ? (
            <Text className="muted">您已附议</Text>
          ) : null}
        </Card>
      )}

      {vote && (
        <Card title="表决规则" testId="topic-rules">
          <Text className="agora__text">{topic.presetLabel}</Text>
          <Text className="agora__fine">
            {vote.basisLabel} · 投票时间 {windowText(vote.opensAt, vote.closesAt)} ·{' '}
            {vote.allowChanges ? '截止前可改票' : '投出后不可修改'} ·{' '}
            {vote.secrecy === 'secret' ? '本次为无记名投票' : '本次为实名表决'}
          </Text>
          <Text className="agora__fine">
            名册（{formatDateTime(vote.electorate.frozenAt)} 冻结）：{vote.electorate.heads}{' '}
            {topic.basis === 'household' ? '户' : '人'}
            {topic.basis === 'owners' ? `，${vote.electorate.units} 套，总面积 ${areaText(vote.electorate.area)}` : ''}
          </Text>
          <Text className="agora__fine">{vote.abstentionRule}</Text>
          <Text className="agora__fine">依据：{vote.legalBasis}</Text>
          {topic.basis === 'owners' && (
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.owners.census, { topicId: topic.topicId }) })}
              testId="topic-census"
            >
              核对我的业主信息
            </ActionButton>
          )}
          {topic.scheduleChanges.map((c, i) => (
            <Text key={i} className="agora__fine" data-testid="schedule-change">
              {formatDateTime(c.at)} {c.byName}
              {c.action === 'closeNow' ? '提前结束投票' : `将截止时间延至 ${formatDateTime(c.to)}`}，原因：{c.reason}
            </Text>
          ))}
        </Card>
      )}

      <Card title="征询意见" testId="topic-deliberation">
        {topic.summary && (
          <View data-testid="topic-summary">
            <Text className="agora__subhead">居委会征询小结（{formatDateTime(topic.summary.publishedAt)}）</Text>
            <Text className="agora__text">{topic.summary.text}</Text>
          </View>
        )}
        <Comments communityId={communityId} topicId={topic.topicId} canComment={topic.can.comment} />
      </Card>

      {(topic.vote?.preset === 'ownersOrdinary' || topic.vote?.preset === 'ownersMajor') && (
        <CellGroup testId="topic-owner-proxy">
          {topic.mySeats.some((seat) => seat.voterKey.startsWith('O_')) && (
            <Cell
              icon="person"
              title="书面委托"
              description="委托他人代您表决（需上传签字的授权委托书）"
              onClick={go(OWNER_PROXY_PAGES.owner)}
              testId="topic-owner-proxy-name"
            />
          )}
          <Cell
            icon="people"
            title="我受托的表决"
            description="业主委托您代为投票的，在这里输入委托码并投票"
            onClick={go(OWNER_PROXY_PAGES.proxy)}
            testId="topic-proxy-votes"
          />
          {topic.can.manage && (
            <Cell
              icon="ticket"
              title="书面委托核验"
              description="核验授权委托书、查看委托与使用情况、代录受托人选票"
              onClick={go(OWNER_PROXY_PAGES.committee)}
              testId="topic-proxies"
            />
          )}
        </CellGroup>
      )}
      {(topic.can.manage || topic.can.recordPaper) && (
        <CellGroup testId="topic-staff">
          {topic.can.recordPaper && (
            <Cell
              icon="grievance"
              title="代录纸质票"
              description="为不便使用手机的住户录入签字纸质票"
              onClick={go(ROUTES.agoraPages.paper)}
              testId="topic-paper"
            />
          )}
          {topic.can.manage && (
            <Cell
              icon="tools"
              title="管理议题"
              description="受理、小结、提前结束或延期、冲突核实、复核计票、落实承诺"
              onClick={go(ROUTES.agoraPages.manage)}
              testId="topic-manage"
            />
          )}
          {topic.can.manage && (
            <Cell
              icon="poster"
              title="分享卡片与二维码海报"
              onClick={go(ROUTES.agoraPages.poster)}
              testId="topic-poster"
            />
          )}
        </CellGroup>
      )}
    </>
  );
}

/** 议题: opened from the list, a share card, a notification or the poster's QR code. */
export default function TopicPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const topicId = readParam(params.topicId) ?? '';
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
    { enabled: !!communityId && !!topicId && session.status === 'signedIn' },
  );

  useShareAppMessage(() => ({
    title: `议事厅：${topic.data?.title ?? '请参与表决'}`,
    path: topicPath(communityId, topicId),
  }));
  useReshow(() => void topic.reload());
  usePullDownRefresh(() => {
    void topic.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <Page testId="page-agora-topic">
      <ActingBanner />
      <AsyncView state={topic} testId="topic">
        {(t) => <TopicBody topic={t} communityId={communityId} reload={topic.reload} />}
      </AsyncView>
    </Page>
  );
}
