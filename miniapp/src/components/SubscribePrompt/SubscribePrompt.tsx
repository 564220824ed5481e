import { Text, View } from '@tarojs/components';
import type { NotificationEvent } from '@linli/shared';
import { useSubscribeAsk } from '@/notifications/useSubscribeAsk';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import './SubscribePrompt.scss';

export interface SubscribePromptProps {
  /** The events this moment of intent leads to, e.g. `['binding.approved', 'binding.rejected']`. */
  events: readonly NotificationEvent[];
  /** Why to say yes, in the page's words (默认：结果出来时通过微信提醒您). */
  reason?: string;
  testId?: string;
}

/**
 * 接收微信提醒: asks for WeChat subscribe grants right where the person has just done something that
 * will have an outcome, and says exactly what they would receive. Whatever they choose, the message
 * also lands in 我的消息.
 */
export function SubscribePrompt({
  events,
  reason = '结果出来时通过微信提醒您',
  testId = 'subscribe-prompt',
}: SubscribePromptProps) {
  const { asked, ask, busy, grants, accepted, error } = useSubscribeAsk(events);
  if (!asked.length) return null;
  const remaining = (key: string) => grants?.find((g) => g.template === key)?.remaining;
  return (
    <View className="subscribe-prompt" data-testid={testId}>
      <Text className="subscribe-prompt__title">接收微信提醒</Text>
      <Text className="subscribe-prompt__reason">{reason}，您将收到：</Text>
      {asked.map((a) => (
        <View key={a.key} className="subscribe-prompt__item">
          <Text className="subscribe-prompt__template">{a.title}</Text>
          <Text className="subscribe-prompt__events">
            {a.events.join('、')}
            {remaining(a.key) !== undefined ? ` · 可提醒 ${remaining(a.key)} 次` : ''}
          </Text>
        </View>
      ))}
      {accepted === undefined ? (
        <ActionButton size="small" loading={busy} onClick={() => void ask()} testId={`${testId}-ask`}>
          接收提醒
        </ActionButton>
      ) : (
        <Text className="subscribe-prompt__done" data-testid={`${testId}-done`}>
          {accepted
            ? '已开启：有结果时微信会提醒您（每次允许提醒一次）。'
            : '未开启微信提醒，结果会出现在“我的消息”里。'}
        </Text>
      )}
      {error && <Text className="subscribe-prompt__error">{error}</Text>}
      <Text className="subscribe-prompt__note">无论是否开启，消息都会保存在“我的消息”中。</Text>
    </View>
  );
}
