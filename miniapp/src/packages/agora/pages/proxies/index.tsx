import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { agoraRoutes, COMMITTEE, ownerProxyRoutes, type OwnerProxyView } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { useAsync } from '@/hooks/useAsync';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { Photo as PhotoView } from '@/components/Photo/Photo';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { BallotForm } from '@/packages/agora/components/BallotForm';
import { newRequestId } from '@/packages/agora/lib/format';
import { pickPhoto, uploadPhoto } from '@/packages/agora/lib/photo';
import type { Photo } from '@/packages/agora/lib/photoTypes';
import { PROXY_STATE } from '@/packages/agora/lib/ownerProxy';
import '@/packages/agora/agora.scss';

type Target = { communityId: string; topicId: string };
type Poll = { ballot: OwnerProxyBallot; secrecy: 'secret' | 'open' };
type OwnerProxyBallot = {
  kind: 'approve' | 'single' | 'multiple' | 'election';
  options: { optionId: string; label: string }[];
  maxChoices: number;
};

/** 代录受托人选票: a proxy without the app signs a paper ballot; the committee photographs it and records it. */
function AssistedBallot({
  target,
  proxy,
  poll,
  done,
}: {
  target: Target;
  proxy: OwnerProxyView;
  poll: Poll;
  done: () => Promise<void>;
}) {
  const [photo, setPhoto] = useState<Photo>();
  const [missing, setMissing] = useState<string>();
  const requestId = useRef(newRequestId());
  const send = useSubmit(async (choices: string[], signed: Photo) => {
    const upload = await call(ownerProxyRoutes.createUpload, {
      params: target,
      body: { contentType: signed.contentType, size: signed.size },
    });
    await uploadPhoto(upload, signed);
    await call(ownerProxyRoutes.recordAssisted, {
      params: { ...target, ownerId: proxy.ownerId },
      body: { choices, photoKey: upload.key, requestId: requestId.current },
    });
    await done();
  });
  return (
    <View data-testid="proxies-assisted">
      <Text className="agora__hint">受托人 {proxy.proxyName} 未使用小程序：请拍摄其签字的选票并按选票录入。</Text>
      {photo && <PhotoView src={photo.preview} mode="widthFix" alt="受托人签字选票照片" />}
      <ActionButton
        size="small"
        variant="secondary"
        onClick={() => void pickPhoto().then((p) => p && setPhoto(p))}
        testId="proxies-assisted-photo"
      >
        {photo ? '重拍' : '拍摄签字选票'}
      </ActionButton>
      <BallotForm
        vote={poll}
        busy={send.busy}
        error={missing ?? send.error}
        onCast={(c) => {
          if (!photo) return setMissing('请先拍摄受托人签字的选票');
          setMissing(undefined);
          void send.submit(c, photo);
        }}
        submitLabel="确认录入"
      />
    </View>
  );
}

function ProxyList({ target, poll }: { target: Target; poll?: Poll & { open: boolean } }) {
  const list = useAsync(() => call(ownerProxyRoutes.list, { params: target }), [target.communityId, target.topicId]);
  const [rejecting, setRejecting] = useState<OwnerProxyView>();
  const [note, setNote] = useState('');
  const [recording, setRecording] = useState<string>();
  const review = useSubmit(
    async (p: OwnerProxyView, decision: 'confirm' | 'reject', reason?: string) => {
      // The nomination on screen: if the owner revoked it and named another meanwhile, the answer is a 409.
      const { nominationId } = p;
      await call(ownerProxyRoutes.review, {
        params: { ...target, ownerId: p.ownerId },
        body: decision === 'reject' ? { decision, note: reason, nominationId } : { decision, nominationId },
      });
      setRejecting(undefined);
      setNote('');
      await list.reload();
    },
    { key: (p) => p.nominationId },
  );
  return (
    <AsyncView
      state={list}
      testId="proxies"
      isEmpty={(l) => l.items.length === 0}
      empty={{ title: '本次表决还没有书面委托', hint: '业主在议题页的“书面委托”提交委托书后，会出现在这里等待核验。' }}
    >
      {(l) => (
        <View>
          <Card title="委托概况" testId="proxies-summary">
            <Text className="agora__text">
              共 {l.summary.named} 份：待核验 {l.summary.pending}，有效 {l.summary.confirmed}，退回 {l.summary.rejected}
              ，撤销 {l.summary.revoked}；受托投票 {l.summary.used} 票
            </Text>
          </Card>
          {review.error && <Text className="agora__error">{review.error}</Text>}
          {l.items.map((p) => {
            const state = PROXY_STATE[p.state];
            return (
              <Card key={p.nominationId} title={p.ownerLabel} testId="proxies-item">
                <View className="agora__meta">
                  <StatusTag tone={state.tone} testId="proxies-state">
                    {state.label}
                  </StatusTag>
                  <Text className="agora__text">{p.used ? '已代为投票' : '未投票'}</Text>
                </View>
                <Text className="agora__text">
                  {p.namedByName} 委托 {p.proxyName}（{p.proxyPhone}，{p.onApp ? '已在小程序接受' : '未使用小程序'}）
                </Text>
                <Text className="agora__fine">提交于 {formatDateTime(p.createdAt)}</Text>
                {p.reviewedByName && (
                  <Text className="agora__fine">
                    {p.reviewedByName} 于 {formatDateTime(p.reviewedAt!)} {p.state === 'rejected' ? '退回' : '核验'}
                    {p.note ? `：${p.note}` : ''}
                  </Text>
                )}
                {p.revokedAt && (
                  <Text className="agora__fine" data-testid="proxies-revoked-at">
                    {p.namedByName} 于 {formatDateTime(p.revokedAt)} 撤销
                  </Text>
                )}
                {p.documentUrl && <PhotoView src={p.documentUrl} mode="widthFix" alt={`${p.ownerLabel}的授权委托书`} />}
                {p.state === 'pending' && (
                  <View className="agora__actions">
                    <ActionButton
                      size="small"
                      loading={review.busyKey === p.nominationId}
                      onClick={() => void review.submit(p, 'confirm')}
                      testId="proxies-confirm"
                    >
                      委托书有效
                    </ActionButton>
                    <ActionButton size="small" variant="danger" onClick={() => setRejecting(p)} testId="proxies-reject">
                      退回
                    </ActionButton>
                  </View>
                )}
                {p.state === 'confirmed' && !p.onApp && !p.used && poll?.open && (
                  <View>
                    {recording === p.nominationId ? (
                      <AssistedBallot target={target} proxy={p} poll={poll} done={list.reload} />
                    ) : (
                      <ActionButton
                        size="small"
                        variant="secondary"
                        onClick={() => setRecording(p.nominationId)}
                        testId="proxies-record"
                      >
                        代录受托人选票
                      </ActionButton>
                    )}
                  </View>
                )}
              </Card>
            );
          })}
          <Dialog
            open={!!rejecting}
            title="退回委托书"
            confirmText="退回"
            danger
            busy={!!review.busyKey}
            onConfirm={() => rejecting && void review.submit(rejecting, 'reject', note)}
            onCancel={() => setRejecting(undefined)}
            testId="proxies-reject-dialog"
          >
            <TextField
              label="退回原因"
              required
              multiline
              value={note}
              onChange={setNote}
              maxLength={200}
              error={review.errorFor('body.note')}
              testId="field-reject-note"
              inputTestId="input-reject-note"
            />
          </Dialog>
        </View>
      )}
    </AsyncView>
  );
}

/** 书面委托 (居委会): a poll's proxies — who for whom, the signed document, state, use; confirm or return. */
export default function ProxiesPage() {
  const { params } = useRouter();
  const topicId = readParam(params.topicId) ?? '';
  return (
    <Page testId="page-agora-proxies">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <Proxies target={{ communityId, topicId }} />}</StaffOnly>
    </Page>
  );
}

/** The poll's ballot comes from the committee's own view of the topic (the assisted recording needs it). */
function Proxies({ target }: { target: Target }) {
  const topic = useAsync(() => call(agoraRoutes.getTopic, { params: target }), [target.communityId, target.topicId]);
  const vote = topic.data?.vote;
  return (
    <View>
      {topic.data && <Text className="agora__title">{topic.data.title}</Text>}
      <ProxyList
        target={target}
        poll={vote ? { ballot: vote.ballot, secrecy: vote.secrecy, open: topic.data?.phase === 'voting' } : undefined}
      />
    </View>
  );
}
