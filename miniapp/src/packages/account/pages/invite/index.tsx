import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RELATION_LABELS, type BindingView, identityApi } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { formatInvitationCode } from '@/lib/format';
import { ROUTES } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { ScanButton } from './ScanButton';
import './index.scss';
import { Icon } from '@/components/Icon/Icon';

/** 使用邀请码: the committee's one-time 8-character code binds the household at once. */
export default function InvitePage() {
  const session = useSession();
  const [code, setCode] = useState('');
  const [realName, setRealName] = useState('');
  const [done, setDone] = useState<BindingView>();

  const { submit, busy, errors, error } = useSubmit(
    async () => {
      const binding = await call(identityApi.redeemInvitation, { body: { code, realName } });
      setDone(binding);
      void session.refreshMe();
    },
    {
      explain: (fields) => {
        if (fields['body.code']) fields['body.code'] = code.trim() ? '邀请码是 8 位字母和数字，请核对' : '请输入邀请码';
        return fields;
      },
    },
  );
  // A field's own message says it all; the general line is for everything else.
  const formError = Object.keys(errors).length ? undefined : error;

  if (done) {
    return (
      <Page testId="page-invite">
        <Card testId="invite-done">
          <View className="invite__done">
            <Icon name="check" className="invite__done-icon" />
            <Text className="invite__done-title">绑定成功</Text>
            <Text className="invite__done-unit">
              {done.communityName} · {done.unitLabel}（{RELATION_LABELS[done.relation]}）
            </Text>
          </View>
          <ActionButton block onClick={() => void Taro.switchTab({ url: ROUTES.home })} testId="invite-home">
            回到首页
          </ActionButton>
        </Card>
      </Page>
    );
  }

  return (
    <Page testId="page-invite">
      <Card>
        <Text className="invite__intro">
          居委会为您家生成的邀请码（8 位）可直接绑定房屋，无需等待审核。邀请码只能使用一次。
        </Text>
        <TextField
          label="邀请码"
          required
          value={code}
          onChange={(v) => setCode(formatInvitationCode(v).slice(0, 9))}
          maxLength={9}
          placeholder="例如 ABCD-2345"
          error={errors['body.code']}
          testId="field-code"
          inputTestId="input-code"
        />
        <TextField
          label="真实姓名"
          required
          value={realName}
          onChange={setRealName}
          maxLength={20}
          error={errors['body.realName']}
          testId="field-realName"
          inputTestId="input-realName"
        />
        {formError && (
          <Text className="invite__error" aria-live="assertive" data-testid="invite-error">
            {formError}
          </Text>
        )}
        <View className="invite__actions">
          <ActionButton block loading={busy} onClick={() => void submit()} testId="invite-submit">
            绑定房屋
          </ActionButton>
          <ScanButton onCode={(c) => setCode(formatInvitationCode(c))} />
        </View>
      </Card>
    </Page>
  );
}
