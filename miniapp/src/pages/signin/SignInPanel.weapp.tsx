import { identityApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SessionView } from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { env } from '@/config/env';
import { PersonaPicker } from './PersonaPicker';

/** WeChat sign-in: wx.login's one-time code goes to our server, which asks WeChat who it is. */
export function SignInPanel({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const signIn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { code } = await Taro.login();
      onSignedIn(await call(identityApi.signInWithWeChat, { body: { code } }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="signin__panel">
      <ActionButton block loading={busy} onClick={signIn} testId="signin-wechat">
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
