import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COMMITMENT_LABELS,
  COMMITMENT_STATUSES,
  COMMITTEE,
  type CommitmentStatus,
  type ConflictView,
  type TopicView,
  agoraRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { saveTextFile } from '@/lib/files/saveTextFile';
import { readParam, ROUTES, withQuery } from '@/routes';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { ballotListCsv } from '@/packages/agora/lib/ballotList';
import '@/packages/agora/agora.scss';
import { IconText } from '@/components/Icon/IconText';
import { PrintAndArchive } from '@/packages/agora/print/PrintAndArchive';

const EXTEND_BY = [
  { value: '1', label: '延长 1 天' },
  { value: '3', label: '延长 3 天' },
  { value: '7', label: '延长 7 天' },
];
const STATUS_CHOICES = COMMITMENT_STATUSES.map((s) => ({ value: s, label: COMMITMENT_LABELS[s] }));
const CHANNEL = { online: '线上', paper: '纸质票', proxy: '书面委托' } as const;

/** A form in a dialog that needs a reason (写明原因): closing early, extending, declining, resolving. */
function ReasonDialog(props: {
  open: boolean;
  title: string;
  label: string;
  confirm: string;
  danger?: boolean;
  children?: React.ReactNode;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
  testId: string;
}) {
  const [reason, setReason] = useState('');
  const { submit, busy, errorFor } = useSubmit(async () => {
    await props.onSubmit(reason);
    setReason('');
    props.onClose();
  });
  return (
    <Dialog
      open={props.open}
      title={props.title}
      confirmText={props.confirm}
      danger={props.danger}
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={props.onClose}
      testId={props.testId}
    >
      {props.children}
      <TextField
        label={props.label}
        required
        multiline
        value={reason}
        onChange={setReason}
        maxLength={200}
        error={errorFor('body.reason', 'body.note', 'body.closesAt')}
        testId="field-reason"
        inputTestId="input-reason"
      />
    </Dialog>
  );
}

function Conflicts({ communityId, topic, onChanged }: { communityId: string; topic: TopicView; onChanged(): void }) {
  const list = useAsync(
    () => call(agoraRoutes.listConflicts, { params: { communityId, topicId: topic.topicId } }),
    [communityId, topic.topicId],
  );
  const [resolving, setResolving] = useState<{ conflict: ConflictView; decision: 'keep' | 'void' }>();
  return (
    <>
      <AsyncView
        state={list}
        compact
        testId="conflicts"
        isEmpty={(l) => l.items.length === 0}
        empty={{ icon: 'check', title: '没有跨渠道重复投票' }}
      >
        {(l) => (
          <View>
            {l.items.map((c) => (
              <View key={c.conflictId} className="agora__comment" data-testid="conflict">
                <View className="agora__comment-head">
                  <Text className="agora__comment-author">{c.voterLabel}</Text>
                  <StatusTag tone={c.status === 'open' ? 'warning' : 'neutral'}>
                    {c.status === 'open' ? '待核实' : c.status === 'kept' ? '已保留原票' : '原票已作废'}
                  </StatusTag>
                </View>
                <Text className="agora__fine">
                  已计：{CHANNEL[c.existing.channel]} · {c.existing.byName} · {formatDateTime(c.existing.at)}
                </Text>
                <Text className="agora__fine">
                  又提交：{CHANNEL[c.attempted.channel]} · {c.attempted.byName} · {formatDateTime(c.attempted.at)}
                </Text>
                {[c.existing.photoUrl, c.attempted.photoUrl].filter(Boolean).map((url) => (
                  <Text
                    key={url}
                    className="agora__fine"
                    onClick={() => void Taro.previewImage({ urls: [url as string] })}
                  >
                    查看纸质票照片 ›
                  </Text>
                ))}
                {c.note && (
                  <Text className="agora__fine">
                    核实说明：{c.note}（{c.resolvedByName}）
                  </Text>
                )}
                {c.status === 'open' && (
                  <View className="agora__actions">
                    <ActionButton
                      size="small"
                      variant="secondary"
                      onClick={() => setResolving({ conflict: c, decision: 'keep' })}
                      testId="conflict-keep"
                    >
                      保留已计的一票
                    </ActionButton>
                    {topic.stage === 'voting' && (
                      <ActionButton
                        size="small"
                        variant="danger"
                        onClick={() => setResolving({ conflict: c, decision: 'void' })}
                        testId="conflict-void"
                      >
                        作废已计的一票
                      </ActionButton>
                    )}
                  </View>
                )}
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      <ReasonDialog
        open={!!resolving}
        title={resolving?.decision === 'void' ? '作废已计的一票' : '保留已计的一票'}
        label="核实说明"
        confirm="确认"
        danger={resolving?.decision === 'void'}
        testId="conflict-dialog"
        onClose={() => setResolving(undefined)}
        onSubmit={async (note) => {
          if (!resolving) return;
          await call(agoraRoutes.resolveConflict, {
            params: { communityId, topicId: topic.topicId, conflictId: resolving.conflict.conflictId },
            body: { decision: resolving.decision, note },
          });
          await list.reload();
          onChanged();
        }}
      >
        <Text className="agora__hint">
          {resolving?.decision === 'void'
            ? '作废后该户可重新投票或由网格员重新录入。'
            : '保留后另一渠道提交的票不计入。'}
        </Text>
      </ReasonDialog>
    </>
  );
}

function Manage({ communityId, topicId }: { communityId: string; topicId: string }) {
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
  );
  const [dialog, setDialog] = useState<'close' | 'extend' | 'decline'>();
  const [extendBy, setExtendBy] = useState('3');
  const [summary, setSummary] = useState<string>();
  const [commitment, setCommitment] = useState<{ text: string; status: CommitmentStatus }>();
  const [recount, setRecount] = useState<{ matches: boolean; differences: string[]; ballots: number }>();
  const action = useSubmit(
    async (_key: string, run: () => Promise<unknown>) => {
      await run();
      await topic.reload();
    },
    { key: (key) => key },
  );
  const act = (key: string, run: () => Promise<unknown>) => () => void action.submit(key, run);
  const { busyKey: busy, error } = action;
  const params = { communityId, topicId };

  return (
    <AsyncView state={topic} testId="manage">
      {(t) => (
        <View>
          <Text className="agora__title">{t.title}</Text>
          <View className="agora__meta">
            <StatusTag tone="info" testId="manage-stage">
              {t.stageLabel}
            </StatusTag>
            <Text onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.agoraPages.topic, params) })}>
              查看议题 ›
            </Text>
          </View>
          {error && (
            <Text className="agora__error" data-testid="manage-error">
              {error}
            </Text>
          )}

          {(t.phase === 'proposed' || t.phase === 'queued') && (
            <Card title="受理居民提议" testId="manage-review">
              <Text className="agora__fine">
                附议 {t.support?.count ?? 0} / {t.support?.threshold ?? 0}
              </Text>
              <View className="agora__actions">
                <ActionButton
                  size="small"
                  loading={busy === 'accept'}
                  onClick={act('accept', () =>
                    call(agoraRoutes.reviewProposal, { params, body: { decision: 'accept' } }),
                  )}
                  testId="manage-accept"
                >
                  受理，进入征询
                </ActionButton>
                <ActionButton
                  size="small"
                  variant="danger"
                  onClick={() => setDialog('decline')}
                  testId="manage-decline"
                >
                  不采纳
                </ActionButton>
              </View>
            </Card>
          )}

          {t.phase === 'deliberation' && (
            <Card title="设定表决" testId="manage-schedule-vote">
              <Text className="agora__fine">征询结束后，设定范围、规则、选票和时间；名册在此刻冻结。</Text>
              <ActionButton
                size="small"
                onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.agoraPages.wizard, { topicId }) })}
                testId="manage-open-vote"
              >
                设定表决
              </ActionButton>
            </Card>
          )}

          {['proposed', 'queued', 'deliberation', 'voting'].includes(t.phase) && (
            <Card title="征询小结">
              <TextField
                label="小结"
                multiline
                value={summary ?? t.summary?.text ?? ''}
                onChange={setSummary}
                maxLength={2000}
                placeholder="汇总居民意见，公开发布"
                testId="field-summary"
                inputTestId="input-summary"
              />
              <ActionButton
                size="small"
                loading={busy === 'summary'}
                disabled={!summary?.trim()}
                onClick={act('summary', () =>
                  call(agoraRoutes.publishSummary, { params, body: { text: summary ?? '' } }),
                )}
                testId="manage-summary"
              >
                发布小结
              </ActionButton>
            </Card>
          )}

          {t.phase === 'voting' && (
            <Card title="投票时间" testId="manage-schedule">
              <Text className="agora__fine">
                截止：{formatDateTime(t.vote?.closesAt)}。调整须写明原因，公开显示在议题页。
              </Text>
              <View className="agora__actions">
                <ActionButton
                  size="small"
                  variant="danger"
                  disabled={t.stage !== 'voting'}
                  onClick={() => setDialog('close')}
                  testId="manage-close"
                >
                  提前结束并计票
                </ActionButton>
                <ActionButton
                  size="small"
                  variant="secondary"
                  onClick={() => setDialog('extend')}
                  testId="manage-extend"
                >
                  延长投票
                </ActionButton>
              </View>
            </Card>
          )}

          {t.vote && t.phase !== 'deliberation' && (
            <Card title="表决通知的触达" testId="manage-reach">
              <Text className="agora__fine">哪些户收到了订阅消息、打开了站内消息，哪些户还需上门告知。</Text>
              <ActionButton
                size="small"
                variant="secondary"
                onClick={() =>
                  void Taro.navigateTo({ url: withQuery(ROUTES.staff.reach, { subject: 'poll', id: topicId }) })
                }
                testId="manage-open-reach"
              >
                触达情况
              </ActionButton>
            </Card>
          )}

          {t.vote && (
            <Card title={`跨渠道冲突（待核实 ${t.openConflicts}）`} testId="manage-conflicts">
              <Conflicts communityId={communityId} topic={t} onChanged={() => void topic.reload()} />
            </Card>
          )}

          {t.phase === 'published' && (
            <Card title="复核与导出" testId="manage-recount">
              <View className="agora__actions">
                <ActionButton
                  size="small"
                  loading={busy === 'recount'}
                  onClick={act('recount', async () => setRecount(await call(agoraRoutes.recount, { params })))}
                  testId="manage-recount-button"
                >
                  从全部选票重新计票
                </ActionButton>
                <ActionButton
                  size="small"
                  variant="secondary"
                  loading={busy === 'export'}
                  onClick={act('export', async () => {
                    const data = await call(agoraRoutes.exportResult, { params });
                    await saveTextFile(`${data.title}-选票清单.csv`, ballotListCsv(data), 'text/csv;charset=utf-8');
                  })}
                  testId="manage-export"
                >
                  导出选票清单
                </ActionButton>
              </View>
              {recount && (
                <IconText
                  icon={recount.matches ? 'check' : 'cross'}
                  className={recount.matches ? 'agora__check agora__check--met' : 'agora__check'}
                  testId="manage-recount-result"
                >
                  {recount.matches
                    ? `复核 ${recount.ballots} 张选票，与公示结果一致`
                    : `与公示结果不一致：${recount.differences.join('；')}`}
                </IconText>
              )}
            </Card>
          )}

          {t.vote && <PrintAndArchive communityId={communityId} topic={t} />}

          {t.phase === 'published' && (
            <Card title="落实承诺" testId="manage-commitment">
              <TextField
                label="承诺与进度说明"
                multiline
                value={commitment?.text ?? t.commitment?.text ?? ''}
                onChange={(text) =>
                  setCommitment({ text, status: commitment?.status ?? t.commitment?.status ?? 'planned' })
                }
                maxLength={500}
                testId="field-commitment"
                inputTestId="input-commitment"
              />
              <ChoiceList
                options={STATUS_CHOICES}
                value={commitment?.status ?? t.commitment?.status ?? 'planned'}
                onChange={(status) => setCommitment({ text: commitment?.text ?? t.commitment?.text ?? '', status })}
                testId="commitment-status"
                label="进度"
              />
              <ActionButton
                size="small"
                loading={busy === 'commitment'}
                disabled={!commitment?.text.trim()}
                onClick={act('commitment', () => call(agoraRoutes.setCommitment, { params, body: commitment! }))}
                testId="manage-commitment-save"
              >
                保存
              </ActionButton>
            </Card>
          )}

          <ReasonDialog
            open={dialog === 'close' || dialog === 'extend'}
            title={dialog === 'close' ? '提前结束投票' : '延长投票'}
            label="原因"
            confirm={dialog === 'close' ? '结束并计票' : '延长'}
            danger={dialog === 'close'}
            testId="schedule-dialog"
            onClose={() => setDialog(undefined)}
            onSubmit={async (reason) => {
              const closesAt =
                dialog === 'extend' && t.vote
                  ? new Date(new Date(t.vote.closesAt).getTime() + Number(extendBy) * 86_400_000).toISOString()
                  : undefined;
              await call(agoraRoutes.changeSchedule, {
                params,
                body: { action: dialog === 'close' ? 'closeNow' : 'extend', closesAt, reason },
              });
              await topic.reload();
            }}
          >
            {dialog === 'extend' && (
              <ChoiceList options={EXTEND_BY} value={extendBy} onChange={setExtendBy} testId="extend-by" label="延长" />
            )}
            <Text className="agora__hint">
              {dialog === 'close' ? '结束后立即从全部选票计票并公示结果，不能撤回。' : '延长后会再次提醒未投票的住户。'}
            </Text>
          </ReasonDialog>
          <ReasonDialog
            open={dialog === 'decline'}
            title="不采纳该提议"
            label="原因（提议人和居民可见）"
            confirm="不采纳"
            danger
            testId="decline-dialog"
            onClose={() => setDialog(undefined)}
            onSubmit={async (reason) => {
              await call(agoraRoutes.reviewProposal, { params, body: { decision: 'decline', reason } });
              await topic.reload();
            }}
          />
        </View>
      )}
    </AsyncView>
  );
}

/** 管理议题 (居委会): review proposals, publish the summary, change the schedule on the record, resolve conflicts, recount, commit. */
export default function ManagePage() {
  const { params } = useRouter();
  return (
    <Page testId="page-agora-manage">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => (
          <Manage
            communityId={readParam(params.communityId) ?? communityId}
            topicId={readParam(params.topicId) ?? ''}
          />
        )}
      </StaffOnly>
    </Page>
  );
}
