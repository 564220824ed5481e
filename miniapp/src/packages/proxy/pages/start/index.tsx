import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PROXY_ACTION_IDS, PROXY_BASIS_LABELS, PROXY_READS, proxyRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { ROUTES } from '@/routes';
import { saveActing } from '@/session/actingSession';
import { useSession } from '@/session/SessionProvider';
import '@/packages/proxy/proxy.scss';

/**
 * 亲情代办 → pick the resident (my building, my grid, my household) and say why: the server opens a
 * 30-minute session for her alone, tells her, and records it; the 代办 page then offers what may be done.
 */
export default function StartProxyPage() {
  const { communityId } = useSession();
  const candidates = useAsync(
    () => call(proxyRoutes.candidates, { params: { communityId: communityId! } }),
    [communityId],
  );
  const form = useForm({ residentId: '', reason: '' }, async (v) => {
    const s = await call(proxyRoutes.start, { params: { communityId: communityId! }, body: v });
    // The phone's clock may differ from the server's: the 30 minutes are counted on this phone from the answer
    // (the server still ends the session at its own expiry, whatever the banner shows).
    const expiresAt = new Date(Date.now() + Date.parse(s.expiresAt) - Date.parse(s.startedAt)).toISOString();
    saveActing({ ...s, expiresAt, routes: [...PROXY_ACTION_IDS, ...PROXY_READS] });
    await Taro.redirectTo({ url: ROUTES.proxy.acting });
    return s;
  });

  return (
    <Page testId="page-proxy-start">
      <Card title="为谁代办">
        <Text className="proxy__note">
          为没有智能手机的居民代办：代提诉求、代为评价、代报名、代兑换、代录纸质票。每次代办最长 30
          分钟，居民会收到通知，代办记录居民本人和居委会都能看到。不能代替居民在网上投票。
        </Text>
        <AsyncView
          state={candidates}
          testId="proxy-candidates"
          isEmpty={(c) => c.items.length === 0}
          empty={{
            icon: 'empty',
            title: '没有可以代办的居民',
            hint: '楼长可为本楼、网格员可为本网格、家人可为同户居民代办',
          }}
        >
          {(c) => (
            <ChoiceList
              layout="list"
              label="选择居民"
              testId="proxy-resident"
              value={form.values.residentId}
              onChange={(v) => form.set('residentId', v)}
              options={c.items
                .filter((p) => !p.switchedOff)
                .map((p) => ({
                  value: p.userId,
                  label: `${p.name} · ${p.unitLabel}`,
                  hint: `我是${PROXY_BASIS_LABELS[p.basis]}`,
                }))}
            />
          )}
        </AsyncView>
      </Card>
      <Card title="代办原因">
        <TextField
          label="代办原因"
          required
          placeholder="例如：高奶奶没有智能手机，上门代办"
          maxLength={100}
          inputTestId="proxy-reason"
          {...form.field('reason')}
        />
        {form.error && (
          <Text className="proxy__error" aria-live="assertive">
            {form.error}
          </Text>
        )}
        <View>
          <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="proxy-start">
            开始代办（30 分钟）
          </ActionButton>
        </View>
      </Card>
    </Page>
  );
}
