import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Toggle } from '@/components/Toggle/Toggle';
import { useEffect, useState } from 'react';
import {
  CATEGORY_KEYS,
  DAILY_CAP_CHOICES,
  NOTIFICATION_CATEGORIES,
  type NotificationPreferences,
  notificationApi,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import { useAsync } from '@/hooks/useAsync';
import '@/packages/notices/notices.scss';

const START_CHOICES = ['21:00', '22:00', '23:00'].map((t) => ({ value: t, label: t }));
const END_CHOICES = ['07:00', '08:00', '09:00'].map((t) => ({ value: t, label: t }));
const CAP_CHOICES = DAILY_CAP_CHOICES.map((n) => ({ value: String(n), label: `${n} 条` }));

/**
 * 通知设置: which kinds of message may also come as a WeChat push, quiet hours (免打扰) and the daily
 * limit, and how many WeChat reminders each template may still send. The inbox receives everything.
 */
export default function NotificationSettingsPage() {
  const settings = useAsync(() => call(notificationApi.getSettings), []);
  const [prefs, setPrefs] = useState<NotificationPreferences>();

  useEffect(() => {
    if (settings.data) setPrefs(settings.data.preferences as NotificationPreferences);
  }, [settings.data]);

  const {
    submit: save,
    busy,
    errors,
  } = useSubmit(
    async () => {
      if (!prefs) return;
      const saved = await call(notificationApi.updateSettings, { body: prefs });
      settings.setData(() => saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    },
    { onError: (message) => void Taro.showToast({ title: message, icon: 'none' }) },
  );

  const quiet = prefs?.quietHours;
  return (
    <Page testId="page-notification-settings">
      <AsyncView state={settings} testId="notification-settings">
        {(s) =>
          prefs &&
          quiet && (
            <View>
              <Card title="微信提醒" testId="settings-categories">
                <Text className="notices__hint">关闭后，这类消息只出现在“我的消息”中，不再推送到微信。</Text>
                {CATEGORY_KEYS.map((c) => (
                  <View key={c} className="notices__row">
                    <View className="notices__row-text">
                      <Text className="notices__row-title">{NOTIFICATION_CATEGORIES[c]}</Text>
                    </View>
                    <Toggle
                      checked={prefs.categories[c]}
                      label={NOTIFICATION_CATEGORIES[c]}
                      testId={`category-${c}`}
                      onChange={(on) => setPrefs({ ...prefs, categories: { ...prefs.categories, [c]: on } })}
                    />
                  </View>
                ))}
              </Card>

              <Card title="免打扰" testId="settings-quiet">
                <View className="notices__row">
                  <View className="notices__row-text">
                    <Text className="notices__row-title">夜间不推送</Text>
                    <Text className="notices__hint">
                      {quiet.enabled
                        ? `${quiet.start}–${quiet.end} 的普通提醒推迟到结束后发送；紧急通知照常提醒。`
                        : '已关闭：任何时间都会推送。'}
                    </Text>
                  </View>
                  <Toggle
                    checked={quiet.enabled}
                    label="免打扰"
                    testId="quiet-enabled"
                    onChange={(on) => setPrefs({ ...prefs, quietHours: { ...quiet, enabled: on } })}
                  />
                </View>
                {quiet.enabled && (
                  <View>
                    <Text className="notices__label">开始</Text>
                    <ChoiceList
                      options={START_CHOICES}
                      value={quiet.start}
                      onChange={(start) => setPrefs({ ...prefs, quietHours: { ...quiet, start } })}
                      testId="quiet-start"
                      label="免打扰开始"
                    />
                    <Text className="notices__label">结束</Text>
                    <ChoiceList
                      options={END_CHOICES}
                      value={quiet.end}
                      onChange={(end) => setPrefs({ ...prefs, quietHours: { ...quiet, end } })}
                      testId="quiet-end"
                      label="免打扰结束"
                    />
                    {errors['body.quietHours.end'] && (
                      <Text className="notices__error">{errors['body.quietHours.end']}</Text>
                    )}
                  </View>
                )}
              </Card>

              <Card title="每天最多推送" testId="settings-cap">
                <ChoiceList
                  options={CAP_CHOICES}
                  value={String(prefs.dailyCap)}
                  onChange={(v) => setPrefs({ ...prefs, dailyCap: Number(v) })}
                  testId="daily-cap"
                  label="每天最多推送"
                />
                <Text className="notices__hint">超过后当天的普通提醒只留在“我的消息”中。</Text>
                {errors['body.dailyCap'] && <Text className="notices__error">{errors['body.dailyCap']}</Text>}
              </Card>

              <ActionButton block loading={busy} onClick={() => void save()} testId="settings-save">
                保存设置
              </ActionButton>

              <Card title="剩余的微信提醒次数" testId="settings-grants">
                <Text className="notices__hint">
                  微信规定每次“允许”只能提醒一次；次数用完后，消息仍会出现在“我的消息”中。
                </Text>
                <BarChart
                  data={s.grants.filter((g) => g.remaining > 0).map((g) => ({ label: g.title, value: g.remaining }))}
                  unit=" 次"
                  title="剩余提醒次数"
                  emptyText="暂无可用的微信提醒次数"
                  testId="grants-chart"
                />
              </Card>
              <SubscribePrompt
                events={['broadcast.published']}
                reason="社区发布通知时通过微信提醒您"
                testId="settings-subscribe"
              />
            </View>
          )
        }
      </AsyncView>
    </Page>
  );
}
