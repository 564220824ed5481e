import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  INVITATION_STATUS_LABELS,
  STAFF_INVITATION_LABELS,
  streetsApi,
  type StaffInvitationRole,
  type StaffInvitationView,
} from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Field, TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { formatDateTime, formatInvitationCode } from '@/lib/format';
import '@/packages/street/street.scss';

const STATUS_TONE = { pending: 'info', used: 'success', expired: 'neutral' } as const;

function Issued({ invitation, onAgain }: { invitation: StaffInvitationView; onAgain(): void }) {
  const code = formatInvitationCode(invitation.code);
  return (
    <Card title="邀请码已生成" testId="staff-invitation-issued">
      <Text className="street__meta">
        {STAFF_INVITATION_LABELS[invitation.role]}
        {invitation.communityName ? ` · ${invitation.communityName}` : ''}
        {invitation.invitee ? ` · 给 ${invitation.invitee}` : ''}
      </Text>
      <Text className="street__code" data-testid="staff-invitation-code" userSelect>
        {code}
      </Text>
      <Text className="street__meta">
        有效期至 {formatDateTime(invitation.expiresAt)}，只能使用一次。请对方打开邻里：我的 → 工作人员开通 → 接受邀请。
      </Text>
      <View className="street__actions">
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => void Taro.setClipboardData({ data: code })}
          testId="staff-invitation-copy"
        >
          复制邀请码
        </ActionButton>
        <ActionButton size="small" onClick={onAgain} testId="staff-invitation-again">
          再生成一个
        </ActionButton>
      </View>
    </Card>
  );
}

/** 邀请社区工作人员: a one-time code (7 days) for a community's committee, or for the street office. */
export default function StaffInvitePage() {
  const params = useRouter().params;
  const streetId = params.streetId ?? '';
  const street = useAsync(() => call(streetsApi.getStreet, { params: { streetId } }), [streetId]);
  const invitations = useAsync(() => call(streetsApi.listInvitations, { params: { streetId } }), [streetId]);
  const [issued, setIssued] = useState<StaffInvitationView>();
  const form = useForm(
    {
      role: (params.communityId ? 'committee' : 'street') as StaffInvitationRole,
      communityId: params.communityId,
      invitee: '',
    },
    async ({ role, communityId, invitee }) => {
      const invitation = await call(streetsApi.inviteStaff, {
        params: { streetId },
        body: {
          role,
          communityId: role === 'committee' ? communityId : undefined,
          invitee: invitee.trim() || undefined,
        },
      });
      setIssued(invitation);
      void invitations.reload();
    },
  );
  const formError = Object.keys(form.errors).length ? undefined : form.error;

  return (
    <Page testId="page-staff-invite">
      {issued ? (
        <Issued invitation={issued} onAgain={() => setIssued(undefined)} />
      ) : (
        <AsyncView state={street} testId="staff-invite-street">
          {({ street: s, communities }) => (
            <Card title={`${s.name} · 生成邀请码`} testId="staff-invite-form">
              <Field label="邀请成为">
                <ChoiceList
                  options={[
                    { value: 'committee', label: STAFF_INVITATION_LABELS.committee },
                    { value: 'street', label: STAFF_INVITATION_LABELS.street },
                  ]}
                  {...form.bind('role')}
                  testId="staff-role"
                  label="邀请成为"
                />
              </Field>
              {form.values.role === 'committee' &&
                (communities.length ? (
                  <Field label="社区" error={form.errors['body.communityId']}>
                    <ChoiceList
                      options={communities.map((c) => ({ value: c.communityId, label: c.name }))}
                      value={form.values.communityId}
                      onChange={(communityId) => form.set('communityId', communityId)}
                      testId="staff-community"
                      label="社区"
                    />
                  </Field>
                ) : (
                  <Text className="street__error">本街道还没有社区，请先在「街道管理」中新建社区。</Text>
                ))}
              <TextField
                label="受邀人（选填）"
                maxLength={20}
                placeholder="姓名，便于核对"
                {...form.field('invitee')}
                inputTestId="input-invitee"
              />
              {formError && (
                <Text className="street__error" aria-live="assertive" data-testid="staff-invite-error">
                  {formError}
                </Text>
              )}
              <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="staff-invite-generate">
                生成邀请码
              </ActionButton>
            </Card>
          )}
        </AsyncView>
      )}
      <Card title="已发出的邀请码" testId="staff-invitations">
        <AsyncView
          state={invitations}
          compact
          testId="staff-invitation-list"
          isEmpty={(l) => l.items.length === 0}
          empty={{ title: '还没有发出邀请码' }}
        >
          {(l) =>
            l.items.map((i) => (
              <View key={i.code} className="street__row">
                <View className="street__row-text">
                  <Text className="street__name">{formatInvitationCode(i.code)}</Text>
                  <Text className="street__meta">
                    {STAFF_INVITATION_LABELS[i.role]}
                    {i.communityName ? ` · ${i.communityName}` : ''} · 至 {formatDateTime(i.expiresAt)}
                  </Text>
                </View>
                <StatusTag tone={STATUS_TONE[i.status]}>{INVITATION_STATUS_LABELS[i.status]}</StatusTag>
              </View>
            ))
          }
        </AsyncView>
      </Card>
    </Page>
  );
}
