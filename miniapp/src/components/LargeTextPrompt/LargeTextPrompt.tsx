import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { messageOf } from '@/api/failure';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { useSession } from '@/session/SessionProvider';
import './LargeTextPrompt.scss';

/**
 * 大字模式 on first launch: says it is on because the person's WeChat font is large, or offers it, until they answer.
 * Shown on the sign-in and home pages (the first page anyone sees); 我的 → 大字模式 switches it at any time.
 */
export function LargeTextPrompt() {
  const session = useSession();
  const prompt = session.largeTextPrompt;
  if (!prompt) return null;
  const answer = (on: boolean) => () =>
    void session.answerLargeTextPrompt(on).catch((e) => void Taro.showToast({ title: messageOf(e), icon: 'none' }));
  return (
    <View
      className="large-text-prompt"
      data-testid="large-text-prompt"
      data-prompt={prompt}
      role="region"
      aria-label="大字模式"
    >
      <Text className="large-text-prompt__title">
        {prompt === 'system' ? '已按您的微信字体设置开启大字模式' : '字太小看不清？可以开启大字模式'}
      </Text>
      <Text className="large-text-prompt__text">放大全部文字和按钮。以后可在“我的”里随时切换。</Text>
      <View className="large-text-prompt__actions">
        <ActionButton size="small" onClick={answer(true)} testId="large-text-prompt-on">
          {prompt === 'system' ? '保持大字' : '开启大字'}
        </ActionButton>
        <ActionButton size="small" variant="secondary" onClick={answer(false)} testId="large-text-prompt-off">
          {prompt === 'system' ? '改用标准字' : '不用了'}
        </ActionButton>
      </View>
    </View>
  );
}
