import { timebankRoutes } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';

const SWITCH = [
  { value: 'off', label: '不过期（默认）' },
  { value: 'on', label: '按月数过期' },
];

/** 积分有效期: off by default; when on, a nightly job expires the oldest points first, as entries. */
export function ExpirySettings({ communityId }: { communityId: string }) {
  const settings = useAsync(() => call(timebankRoutes.settings, { params: { communityId } }), [communityId]);
  const [on, setOn] = useState('off');
  const [months, setMonths] = useState('24');
  useEffect(() => {
    if (!settings.data) return;
    setOn(settings.data.expiry.enabled ? 'on' : 'off');
    setMonths(String(settings.data.expiry.months));
  }, [settings.data]);
  const save = useSubmit(async () => {
    settings.setData(() => undefined);
    await call(timebankRoutes.updateSettings, {
      params: { communityId },
      body: { expiry: { enabled: on === 'on', months: Number(months) || 0 } },
    });
    await settings.reload();
    void Taro.showToast({ title: '已保存', icon: 'success' });
  });
  return (
    <AsyncView state={settings} compact testId="expiry">
      {() => (
        <View>
          <ChoiceList options={SWITCH} value={on} onChange={setOn} testId="expiry-switch" label="积分有效期" />
          {on === 'on' && (
            <TextField
              label="有效月数（6–60）"
              value={months}
              onChange={(v) => setMonths(v.replace(/\D/g, ''))}
              type="number"
              error={save.errorFor('body.expiry.months')}
              testId="field-months"
              inputTestId="input-months"
            />
          )}
          <Text className="vol__note">
            开启后每天凌晨检查：获得满期的积分按“先获得先过期”记为过期分录，不会影响近期获得的积分。
          </Text>
          <ActionButton size="small" loading={save.busy} onClick={() => void save.submit()} testId="expiry-save">
            保存
          </ActionButton>
        </View>
      )}
    </AsyncView>
  );
}
