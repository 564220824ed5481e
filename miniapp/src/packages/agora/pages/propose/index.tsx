import { agoraRoutes } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useRef, useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useSession } from '@/session/SessionProvider';
import { newRequestId } from '@/packages/agora/lib/format';
import { topicPath } from '@/packages/agora/lib/links';
import '@/packages/agora/agora.scss';

/** 居民提议: a resident puts a matter forward; neighbours' 附议 bring it to the committee. */
export default function ProposePage() {
  const session = useSession();
  const communityId = session.communityId ?? '';
  const settings = useAsync(() => call(agoraRoutes.getSettings, { params: { communityId } }), [communityId], {
    enabled: !!communityId,
  });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const requestId = useRef(newRequestId());

  const {
    submit,
    busy,
    errors,
    error: formError,
  } = useSubmit(async () => {
    const topic = await call(agoraRoutes.proposeTopic, {
      params: { communityId },
      body: { title, description, requestId: requestId.current },
    });
    await Taro.redirectTo({ url: topicPath(communityId, topic.topicId) });
  });

  return (
    <Page testId="page-agora-propose">
      <Card title="提议内容">
        <TextField
          label="标题"
          required
          value={title}
          onChange={setTitle}
          maxLength={50}
          placeholder="如：增设电动自行车充电桩"
          error={errors['body.title']}
          testId="field-title"
          inputTestId="input-title"
        />
        <TextField
          label="说明"
          required
          multiline
          value={description}
          onChange={setDescription}
          maxLength={2000}
          placeholder="遇到了什么问题，建议怎么做"
          error={errors['body.description']}
          testId="field-description"
          inputTestId="input-description"
        />
        <AsyncView state={settings} compact testId="propose-settings">
          {(s) => (
            <Text className="agora__hint">
              提议发布后，附议达到 {s.supportThreshold} 人即进入居委会受理队列；您自己算第一位附议人。
            </Text>
          )}
        </AsyncView>
        {formError && <Text className="agora__error">{formError}</Text>}
        <ActionButton block loading={busy} onClick={() => void submit()} testId="propose-submit">
          发布提议
        </ActionButton>
      </Card>
    </Page>
  );
}
