import { Text, View } from '@tarojs/components';
import type { SessionView } from '@linli/shared';
import { env } from '@/config/env';
import { PersonaPicker } from './PersonaPicker';

/** The browser build has no wx.login: demo personas where enabled, otherwise a pointer to WeChat. */
export function SignInPanel({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  if (env.demoLogin) {
    return (
      <View className="signin__panel">
        <PersonaPicker onSignedIn={onSignedIn} />
      </View>
    );
  }
  return (
    <View className="signin__panel" data-testid="signin-wechat-only">
      <Text className="signin__note">请在微信中搜索“邻里”小程序登录使用。</Text>
    </View>
  );
}
