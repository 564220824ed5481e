import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@linli/shared';
import { Page } from '@/components/Page/Page';
import { ROUTES } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { SignInPanel } from './SignInPanel';
import './index.scss';
import { LargeTextPrompt } from '@/components/LargeTextPrompt/LargeTextPrompt';

/** 登录: WeChat sign-in in the weapp; the demo-persona picker in development and browser tests. */
export default function SignInPage() {
  const session = useSession();

  const onSignedIn = (answer: SessionView) => {
    session.establish(answer);
    void Taro.reLaunch({ url: answer.me.privacy.mustAccept ? ROUTES.privacy : ROUTES.home });
  };

  return (
    <Page testId="page-signin" access="public">
      <View className="signin__brand">
        <Text className="signin__logo">邻里</Text>
        <Text className="signin__tagline">社区共治 · 邻里互助</Text>
        <Text className="signin__intro">提诉求、做志愿、攒积分、议事投票，都在这里。</Text>
      </View>
      <LargeTextPrompt />
      <SignInPanel onSignedIn={onSignedIn} />
    </Page>
  );
}
