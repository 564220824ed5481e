import { identityApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { env } from '@/config/env';
import { PersonaPicker } from './PersonaPicker';

/** WeChat sign-in: wx.login's one-time code goes to our server, which asks WeChat who it is. */
export function SignInPanel({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  const { submit, busy, error } = useSubmit(async () => {
    const { code } = await Taro.login();
    onSignedIn(await call(identityApi.signInWithWeChat, { body: { code } }));
  });

  return (
    <View className="signin__panel">
      <ActionButton block loading={busy} onClick={() => void submit()} testId="signin-wechat">
        微信一键登录
      </ActionButton>
      {error && (
        <Text className="signin__error" aria-live="assertive" data-testid="signin-error">
          {error}
        </Text>
      )}
      <Text className="signin__note">登录即表示您将阅读并确认《邻里隐私保护指引》</Text>
      {env.demoLogin && <PersonaPicker onSignedIn={onSignedIn} />}
    </View>
  );
}
