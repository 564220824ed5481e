import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RELATION_LABELS, type BindingView, type Role, rosterRoutes } from '@linli/shared';
import { call } from '@/api';
import { toastError, useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { formatDateTime } from '@/lib/format';
import { BindingStatusTag } from '@/components/BindingStatusTag';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { forgetRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import { usePagedList } from '@/hooks/usePagedList';
import '@/packages/staff/staff.scss';

const REVIEWERS: readonly Role[] = ['gridWorker', 'committee', 'admin'];
type Status = BindingView['status'];
const TABS: { value: Status; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '已驳回' },
];

function Queue({ communityId, status }: { communityId: string; status: Status }) {
  const list = usePagedList(
    (cursor) => call(rosterRoutes.listBindings, { params: { communityId }, query: { status, cursor } }),
    [communityId, status],
  );
  const [rejecting, setRejecting] = useState<BindingView>();
  const [reason, setReason] = useState('');

  const decided = (b: BindingView, title: string) => {
    list.remove((x) => x.bindingId !== b.bindingId);
    forgetRosterOverview(communityId);
    void Taro.showToast({ title, icon: 'success' });
  };

  const approve = useSubmit(
    async (b: BindingView) =>
      decided(
        await call(rosterRoutes.decideBinding, {
          params: { communityId, bindingId: b.bindingId },
          body: { decision: 'approve' },
        }),
        '已通过',
      ),
    { key: (b) => b.bindingId, onError: toastError },
  );

  const reject = useSubmit(async (b: BindingView) => {
    decided(
      await call(rosterRoutes.decideBinding, {
        params: { communityId, bindingId: b.bindingId },
        body: { decision: 'reject', reason: reason.trim() ? reason : undefined },
      }),
      '已驳回',
    );
    setRejecting(undefined);
  });

  return (
    <>
      <AsyncView
        state={list.first}
        testId="bindings"
        isEmpty={(p) => p.items.length === 0}
        empty={{
          icon: status === 'pending' ? 'check' : 'empty',
          title: status === 'pending' ? '没有待审核的绑定申请' : '暂无记录',
        }}
      >
        {() => (
          <View>
            {list.items.map((b) => (
              <Card key={b.bindingId} testId={`binding-${b.bindingId}`}>
                <View className="staff__item-head">
                  <Text className="staff__item-title">{b.unitLabel}</Text>
                  <BindingStatusTag status={b.status} />
                </View>
                <Text className="staff__line">
                  申请人：{b.applicant.realName ?? b.applicant.nickname}
                  {b.applicant.realName && b.applicant.realName !== b.applicant.nickname
                    ? `（微信昵称 ${b.applicant.nickname}）`
                    : ''}
                </Text>
                <Text className="staff__line">
                  关系：{RELATION_LABELS[b.relation]}
                  {b.applicant.phoneMasked ? ` · 电话 ${b.applicant.phoneMasked}` : ''}
                </Text>
                {b.note && <Text className="staff__line">说明：{b.note}</Text>}
                <Text className="staff__line muted">{formatDateTime(b.requestedAt)} 提交</Text>
                {b.reason && <Text className="staff__line">驳回原因：{b.reason}</Text>}
                {b.status === 'pending' && (
                  <View className="staff__actions">
                    <ActionButton
                      size="small"
                      loading={approve.busyKey === b.bindingId}
                      onClick={() => void approve.submit(b)}
                      testId="binding-approve"
                    >
                      通过
                    </ActionButton>
                    <ActionButton
                      size="small"
                      variant="danger"
                      onClick={() => {
                        setReason('');
                        reject.reset();
                        setRejecting(b);
                      }}
                      testId="binding-reject"
                    >
                      驳回
                    </ActionButton>
                  </View>
                )}
              </Card>
            ))}
            <LoadMore
              hasMore={list.hasMore}
              loading={list.loadingMore}
              error={list.moreError}
              onMore={() => void list.loadMore()}
              count={list.items.length}
            />
          </View>
        )}
      </AsyncView>
      <Dialog
        open={!!rejecting}
        title="驳回绑定申请"
        confirmText="驳回"
        danger
        busy={reject.busy}
        onConfirm={() => rejecting && void reject.submit(rejecting)}
        onCancel={() => setRejecting(undefined)}
        testId="reject-dialog"
      >
        <Text className="staff__line">
          {rejecting?.unitLabel} · {rejecting?.applicant.realName ?? rejecting?.applicant.nickname}
        </Text>
        <TextField
          label="驳回原因"
          required
          value={reason}
          onChange={setReason}
          maxLength={200}
          placeholder="申请人会看到这条原因，如：姓名与登记业主不符"
          error={reject.errorFor('body.reason')}
          testId="field-reason"
          inputTestId="input-reason"
        />
      </Dialog>
    </>
  );
}

/** 绑定审核: residents' requests to bind a unit; grid workers see only their grid (the server scopes it). */
export default function BindingsPage() {
  const [status, setStatus] = useState<Status>('pending');
  return (
    <Page testId="page-bindings">
      <StaffOnly roles={REVIEWERS}>
        {(communityId) => (
          <>
            <View className="staff__sticky-top">
              <ChoiceList options={TABS} value={status} onChange={setStatus} testId="binding-tab" label="审核状态" />
            </View>
            <Queue key={status} communityId={communityId} status={status} />
          </>
        )}
      </StaffOnly>
    </Page>
  );
}
