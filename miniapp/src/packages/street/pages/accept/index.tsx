import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { STAFF_INVITATION_LABELS, streetsApi } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Icon } from '@/components/Icon/Icon';
import { Page } from '@/components/Page/Page';
import { useForm } from '@/hooks/useForm';
import { ROUTES } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import '@/packages/street/street.scss';

const plain = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/**
 * 接受邀请: an 8-character staff invitation code makes its holder a community's committee member or
 * a street office's staff; the 16-character 初始化代码 of `npm run admin -- bootstrap` makes the first
 * administrator. One field takes both, told apart by their length.
 */
export default function AcceptInvitationPage() {
  const session = useSession();
  const [done, setDone] = useState<string>();
  const form = useForm(
    { code: '', realName: '' },
    async ({ code, realName }) => {
      if (plain(code).length === 16) {
        await call(streetsApi.redeemBootstrap, { body: { code, realName } });
        setDone('您已成为本系统的管理员，可以创建街道和社区。');
      } else {
        const r = await call(streetsApi.redeemStaffInvitation, { body: { code, realName } });
        setDone(`您已成为${r.communityName ?? r.streetName}的${STAFF_INVITATION_LABELS[r.role]}。`);
      }
      await session.refreshMe();
    },
    {
      explain: (fields) => {
        if (fields['body.code'] && !plain(form.values.code)) fields['body.code'] = '请输入邀请码';
        return fields;
      },
    },
  );
  const formError = Object.keys(form.errors).length ? undefined : form.error;

  if (done)
    return (
      <Page testId="page-accept">
        <Card testId="accept-done">
          <View className="street__done">
            <Icon name="check" />
            <Text className="street__done-title">已接受邀请</Text>
            <Text className="street__meta" data-testid="accept-done-text">
              {done}
            </Text>
          </View>
          <ActionButton block onClick={() => void Taro.switchTab({ url: ROUTES.me })} testId="accept-me">
            回到我的
          </ActionButton>
        </Card>
      </Page>
    );

  return (
    <Page testId="page-accept">
      <Card>
        <Text className="street__intro">
          街道为居委会成员和街道工作人员生成的邀请码为 8 位，7 天内有效，只能使用一次。首次部署时的初始化代码为 16 位。
        </Text>
        <TextField
          label="邀请码"
          required
          maxLength={24}
          placeholder="例如 ABCD-2345"
          {...form.field('code')}
          inputTestId="input-accept-code"
        />
        <TextField
          label="真实姓名"
          required
          maxLength={20}
          {...form.field('realName')}
          inputTestId="input-accept-name"
        />
        {formError && (
          <Text className="street__error" aria-live="assertive" data-testid="accept-error">
            {formError}
          </Text>
        )}
        <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="accept-submit">
          接受邀请
        </ActionButton>
      </Card>
    </Page>
  );
}
