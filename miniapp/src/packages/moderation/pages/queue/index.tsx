import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  COMMITTEE,
  MODERATED_KIND_LABELS,
  REPORT_REASON_LABELS,
  moderationRoutes,
  type ModerationItem,
  type ModerationLogEntry,
  type ModerationTarget,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { Photo } from '@/components/Photo/Photo';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { usePagedList } from '@/hooks/usePagedList';
import { useReshow } from '@/hooks/useReshow';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import { ROUTES } from '@/routes';
import '@/packages/moderation/moderation.scss';

type Decision = 'restore' | 'remove';
const VIEWS = [
  { value: 'queue' as const, label: '待审核' },
  { value: 'log' as const, label: '审核记录' },
];

/** `topicComment-<tid>-<cid>`, `grievanceContent-<gid>-description`: a stable test id per item. */
function keyOf(t: ModerationTarget): string {
  switch (t.kind) {
    case 'grievance':
      return `grievance-${t.grievanceId}`;
    case 'topic':
      return `topic-${t.topicId}`;
    case 'topicComment':
      return `topicComment-${t.topicId}-${t.commentId}`;
    case 'grievanceContent':
      return [t.kind, t.grievanceId, t.part, ...(t.partId ? [t.partId] : [])].join('-');
  }
}

/** What 恢复 and 移除 do to the item: held 诉求 content follows 人工复核 (通过 / 不通过). */
const dialogTitle = (d: Decision, i: ModerationItem) =>
  i.kind === 'grievanceContent'
    ? d === 'restore'
      ? '恢复：复核通过，邻居可见'
      : '移除：复核不通过，邻居不可见，并告知作者原因'
    : d === 'restore'
      ? '恢复：重新公开，关闭举报'
      : '移除：他人不再可见，并告知作者原因';

const reasonsText = (i: { reasons: ModerationItem['reasons'] }) =>
  i.reasons.map((r) => `${REPORT_REASON_LABELS[r.reason]} ${r.count}`).join('，');

function Decide({ communityId, item, onDone }: { communityId: string; item: ModerationItem; onDone(): void }) {
  const [open, setOpen] = useState<Decision>();
  const [reason, setReason] = useState('');
  const id = keyOf(item.target);
  const send = useSubmit(async (decision: Decision) => {
    await call(moderationRoutes.decide, {
      params: { communityId },
      body: { target: item.target, decision, reason: reason.trim() || undefined },
    });
    setOpen(undefined);
    onDone();
  });
  const start = (d: Decision) => {
    send.reset();
    setReason('');
    setOpen(d);
  };
  return (
    <View>
      <View className="mod__actions">
        <ActionButton size="small" variant="primary" onClick={() => start('restore')} testId={`mod-${id}-restore`}>
          恢复
        </ActionButton>
        <ActionButton size="small" variant="danger" onClick={() => start('remove')} testId={`mod-${id}-remove`}>
          移除
        </ActionButton>
      </View>
      {open && (
        <Dialog
          open
          title={dialogTitle(open, item)}
          danger={open === 'remove'}
          busy={send.busy}
          onCancel={() => setOpen(undefined)}
          onConfirm={() => void send.submit(open)}
          testId={`dialog-mod-${id}`}
        >
          <TextField
            label={open === 'remove' ? '移除理由（将告知作者）' : '说明（选填）'}
            required={open === 'remove'}
            multiline
            value={reason}
            onChange={setReason}
            maxLength={200}
            error={send.errors['body.reason']}
            testId="field-mod-reason"
            inputTestId="input-mod-reason"
          />
          {send.error && !Object.keys(send.errors).length && (
            <Text className="mod__error" data-testid="dialog-mod-error">
              {send.error}
            </Text>
          )}
        </Dialog>
      )}
    </View>
  );
}

function Queue({ communityId }: { communityId: string }) {
  const list = usePagedList(
    (cursor) => call(moderationRoutes.queue, { params: { communityId }, query: { cursor, limit: 20 } }),
    [communityId],
  );
  useReshow(() => void list.first.reload());
  usePullDownRefresh(() => {
    void list.first.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <AsyncView
      state={list.first}
      testId="mod-queue"
      isEmpty={() => list.items.length === 0}
      empty={{
        icon: 'check',
        title: '没有待审核的内容',
        hint: '居民举报的诉求、提议和议事意见，以及微信内容安全需要人工判断的议事意见和诉求描述、留言、照片，会按先后出现在这里。',
      }}
    >
      {() => (
        <>
          {list.items.map((i) => (
            <Card
              key={keyOf(i.target)}
              testId={`mod-item-${keyOf(i.target)}`}
              title={`${MODERATED_KIND_LABELS[i.kind]} · ${i.context}`}
            >
              <View className="mod__tags">
                {i.held && <StatusTag tone="warning">待人工复核</StatusTag>}
                {i.hidden && <StatusTag tone="danger">已隐藏待复核</StatusTag>}
                {i.reportCount > 0 && <StatusTag tone="info">{`${i.reportCount} 人举报`}</StatusTag>}
              </View>
              {i.imageUrl ? (
                <Photo
                  className="mod__photo"
                  src={i.imageUrl}
                  alt="待复核照片"
                  onClick={() => void Taro.previewImage({ urls: [i.imageUrl!], current: i.imageUrl! })}
                />
              ) : (
                <Text className="mod__text">{i.text}</Text>
              )}
              <Text className="mod__line muted">
                {i.authorName} · {formatDateTime(i.openedAt)}
              </Text>
              {i.reasons.length > 0 && <Text className="mod__line">举报理由：{reasonsText(i)}</Text>}
              {i.notes.map((n, k) => (
                <Text key={k} className="mod__line muted">
                  “{n}”
                </Text>
              ))}
              <Decide
                communityId={communityId}
                item={i}
                onDone={() => {
                  list.remove((x) => keyOf(x.target) !== keyOf(i.target));
                  void Taro.showToast({ title: '已处理', icon: 'success' });
                }}
              />
            </Card>
          ))}
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.moreError}
            onMore={() => void list.loadMore()}
            count={list.items.length}
          />
        </>
      )}
    </AsyncView>
  );
}

function Log({ communityId }: { communityId: string }) {
  const list = usePagedList(
    (cursor) => call(moderationRoutes.log, { params: { communityId }, query: { cursor, limit: 20 } }),
    [communityId],
  );
  return (
    <AsyncView
      state={list.first}
      testId="mod-log"
      isEmpty={() => list.items.length === 0}
      empty={{ icon: 'check', title: '还没有审核记录', hint: '每次恢复或移除都会留下原文、决定人、时间和理由。' }}
    >
      {() => (
        <>
          {list.items.map((e: ModerationLogEntry) => (
            <Card
              key={e.entryId}
              testId={`mod-log-${keyOf(e.target)}`}
              title={`${MODERATED_KIND_LABELS[e.kind]} · ${e.context}`}
            >
              <View className="mod__tags">
                <StatusTag tone={e.decision === 'restore' ? 'success' : 'danger'}>
                  {e.decision === 'restore' ? '已恢复' : '已移除'}
                </StatusTag>
                {e.held && <StatusTag tone="neutral">曾待人工复核</StatusTag>}
                {e.reportCount > 0 && <StatusTag tone="info">{`${e.reportCount} 人举报`}</StatusTag>}
              </View>
              <Text className="mod__text">{e.text}</Text>
              <Text className="mod__line muted">作者：{e.authorName}</Text>
              {e.reasons.length > 0 && <Text className="mod__line">举报理由：{reasonsText(e)}</Text>}
              <Text className="mod__line">
                {e.decidedBy} · {formatDateTime(e.decidedAt)}
                {e.reason ? ` · 理由：${e.reason}` : ''}
              </Text>
            </Card>
          ))}
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.moreError}
            onMore={() => void list.loadMore()}
            count={list.items.length}
          />
        </>
      )}
    </AsyncView>
  );
}

/**
 * 内容审核 (居委会): one queue for 诉求 and 议事 — content residents reported (hidden once enough of them
 * did) and content WeChat's check held (议事 comments; 诉求 descriptions, messages and photos of the cases
 * the viewer handles) — oldest first, each restored or removed; and the log of every decision with the
 * original text. 待人工复核, linked below, is the same held 诉求 content as its handlers (网格员 too) see it.
 */
export default function ModerationPage() {
  const [view, setView] = useState<'queue' | 'log'>('queue');
  return (
    <Page testId="page-moderation">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => (
          <View>
            <ChoiceList options={VIEWS} value={view} onChange={setView} testId="mod-view" label="查看" />
            {view === 'queue' ? <Queue communityId={communityId} /> : <Log communityId={communityId} />}
            <CellGroup testId="mod-more">
              <Cell
                icon="check"
                title="诉求待人工复核"
                description="网格员等办理人员复核自己经办诉求中的待复核内容，与本页同一队列"
                onClick={() => void Taro.navigateTo({ url: ROUTES.grievance.reviews })}
                testId="mod-grievance-reviews"
              />
            </CellGroup>
          </View>
        )}
      </StaffOnly>
    </Page>
  );
}
