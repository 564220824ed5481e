import { identityApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SessionView } from '@linli/shared';
import { apiClient, call } from '@/api';
import { AsyncView } from '@/components/PageState/AsyncView';
import { env } from '@/config/env';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { DEMO_OPENID_KEY } from '@/notifications/subscribeTypes';
import { focusable } from '@/lib/a11y';

export interface Persona {
  openid: string;
  label: string;
  roles: string;
}

/**
 * Demo sign-in (development and browser tests): the local WeChat stand-in lists seeded people and
 * mints a login code for the chosen openid, which then goes through the real sign-in route.
 */
export function PersonaPicker({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  const personas = useAsync(async () => {
    const answer = (await apiClient.raw({ method: 'GET', url: `${env.wechatDevBase}/dev/personas` })) as
      Persona[] | { items?: Persona[] };
    return Array.isArray(answer) ? answer : (answer.items ?? []);
  }, []);
  const {
    submit: signInAs,
    busyKey: busy,
    error,
  } = useSubmit(
    async (openid: string) => {
      const { code } = (await apiClient.raw({
        method: 'POST',
        url: `${env.wechatDevBase}/dev/login-code`,
        body: { openid },
      })) as { code: string };
      // The demo subscribe prompt grants on this identity at the stand-in, as a phone would at WeChat.
      Taro.setStorageSync(DEMO_OPENID_KEY, openid);
      onSignedIn(await call(identityApi.signInWithWeChat, { body: { code } }));
    },
    { key: (openid) => openid },
  );

  const newOpenid = () => `demo-new-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  return (
    <View className="persona-picker" data-testid="persona-picker">
      <Text className="section-title">演示身份（仅开发与测试环境）</Text>
      {error && (
        <Text className="signin__error" aria-live="assertive" data-testid="signin-error">
          {error}
        </Text>
      )}
      <AsyncView
        state={personas}
        compact
        testId="personas"
        isEmpty={(list) => list.length === 0}
        empty={{ title: '没有可用的演示身份' }}
      >
        {(list) => (
          <View>
            {list.map((p) => (
              <View
                key={p.openid}
                className="persona-picker__item"
                onClick={() => !busy && void signInAs(p.openid)}
                {...focusable}
                data-testid={`persona-${p.openid}`}
                role="button"
                aria-label={p.label}
              >
                <View className="persona-picker__text">
                  <Text className="persona-picker__label">{p.label}</Text>
                  <Text className="persona-picker__roles">{p.roles}</Text>
                </View>
                <Text className="persona-picker__go">{busy === p.openid ? '登录中…' : '进入 ›'}</Text>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      <View
        className="persona-picker__item persona-picker__item--new"
        onClick={() => !busy && void signInAs(newOpenid())}
        {...focusable}
        data-testid="persona-new"
        role="button"
        aria-label="新用户"
      >
        <View className="persona-picker__text">
          <Text className="persona-picker__label">新用户</Text>
          <Text className="persona-picker__roles">第一次使用，尚未绑定房屋</Text>
        </View>
        <Text className="persona-picker__go">进入 ›</Text>
      </View>
    </View>
  );
}
