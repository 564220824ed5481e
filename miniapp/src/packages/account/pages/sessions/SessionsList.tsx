import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { identityApi } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Dialog } from '@/components/Dialog/Dialog';
import { IconText } from '@/components/Icon/IconText';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';

/**
 * 登录设备: where this account is signed in, and 退出所有设备, which ends every other session at once
 * (their tokens stop working on their next request); this phone stays signed in.
 */
export function SessionsList() {
  const list = useAsync(() => call(identityApi.listMySessions), []);
  const [confirming, setConfirming] = useState(false);
  const endAll = useSubmit(async () => {
    const { ended } = await call(identityApi.endAllSessions);
    setConfirming(false);
    void list.reload();
    void Taro.showToast({ title: ended ? `已退出 ${ended} 台其他设备` : '没有其他设备在登录', icon: 'none' });
  });

  return (
    <Card title="登录设备" testId="me-sessions">
      <AsyncView
        state={list}
        compact
        testId="my-sessions"
        isEmpty={(s) => s.sessions.length === 0}
        empty={{ icon: 'empty', title: '没有登录中的设备' }}
      >
        {(s) => (
          <View>
            {s.sessions.map((d) => (
              <View key={d.sessionId} className="account__session" data-testid="my-session">
                <View className="account__session-head">
                  <Text className="account__session-device">{d.device}</Text>
                  {d.current && <StatusTag tone="success">本机</StatusTag>}
                </View>
                <IconText icon="clock" className="muted">
                  最近使用 {formatDateTime(d.lastSeenAt)}
                </IconText>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      <ActionButton
        variant="secondary"
        block
        onClick={() => {
          endAll.reset();
          setConfirming(true);
        }}
        testId="me-end-all"
      >
        退出所有设备
      </ActionButton>
      <Dialog
        open={confirming}
        title="退出所有设备"
        danger
        confirmText="全部退出"
        busy={endAll.busy}
        onConfirm={() => void endAll.submit()}
        onCancel={() => setConfirming(false)}
        testId="end-all-dialog"
      >
        <Text className="account__note">其他设备上的登录立即失效，需要重新登录；本机保持登录。</Text>
        {endAll.error && (
          <Text className="account__error" aria-live="assertive">
            {endAll.error}
          </Text>
        )}
      </Dialog>
    </Card>
  );
}
