import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PRIVACY_GUIDELINE } from '@linli/shared';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { exitApp } from '@/lib/exitApp';
import { formatDateTime } from '@/lib/format';
import { useSubmit } from '@/hooks/useSubmit';
import { ROUTES } from '@/routes';
import { answerPrivacyAuthorization } from '@/session/privacyBridge';
import { useSession } from '@/session/SessionProvider';
import { AgreeButton } from './AgreeButton';
import './index.scss';

/**
 * 隐私保护指引: shown after sign-in until the current version is accepted, and when WeChat's own
 * privacy gate asks (`?from=wechat`). Declining explains that the app cannot be used and offers to leave.
 */
export default function PrivacyPage() {
  const session = useSession();
  const fromWeChat = useRouter().params.from === 'wechat';
  const [refused, setRefused] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    if (session.me?.privacy.mustAccept) await session.acceptPrivacy();
    answerPrivacyAuthorization(true, 'agree-privacy');
    if (fromWeChat) await Taro.navigateBack();
    else await Taro.reLaunch({ url: ROUTES.home });
  });
  // Opened from 我的 to re-read: nothing to decide. WeChat's own gate still needs the button.
  const alreadyAccepted = !fromWeChat && session.status === 'signedIn' && !session.me?.privacy.mustAccept && !busy;

  const agree = () => {
    if (!busy) void submit();
  };

  const refuse = () => {
    answerPrivacyAuthorization(false);
    setRefused(true);
  };

  return (
    <Page testId="page-privacy" access="privacy">
      <Card>
        <Text className="privacy__title">{PRIVACY_GUIDELINE.title}</Text>
        <Text className="privacy__version">版本 {PRIVACY_GUIDELINE.version}</Text>
        {PRIVACY_GUIDELINE.summary.map((paragraph, i) => (
          <View key={i} className="privacy__item">
            <Text className="privacy__number">{i + 1}</Text>
            <Text className="privacy__text">{paragraph}</Text>
          </View>
        ))}
      </Card>

      {alreadyAccepted ? (
        <Card testId="privacy-accepted">
          <Text className="privacy__refused">
            您已于 {formatDateTime(session.me?.privacy.acceptedAt)} 同意本指引（版本{' '}
            {session.me?.privacy.acceptedVersion}）。
          </Text>
          <ActionButton
            block
            variant="secondary"
            onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.me }))}
            testId="privacy-back"
          >
            返回
          </ActionButton>
        </Card>
      ) : refused ? (
        <Card testId="privacy-refused">
          <Text className="privacy__refused">
            您未同意隐私保护指引。邻里需要处理上述信息才能为您办理诉求、志愿和议事，因此暂时无法使用。您可以重新阅读后同意，或退出。
          </Text>
          <View className="privacy__actions">
            <ActionButton block onClick={() => setRefused(false)} testId="privacy-reread">
              重新阅读
            </ActionButton>
            <ActionButton
              block
              variant="plain"
              onClick={() => void exitApp(() => session.signOut())}
              testId="privacy-exit"
            >
              退出
            </ActionButton>
          </View>
        </Card>
      ) : (
        <View className="privacy__actions">
          {error && (
            <Text className="privacy__error" aria-live="assertive">
              {error}
            </Text>
          )}
          <AgreeButton onAgree={agree} busy={busy} />
          <ActionButton block variant="plain" onClick={refuse} testId="privacy-refuse">
            不同意
          </ActionButton>
        </View>
      )}
    </Page>
  );
}
