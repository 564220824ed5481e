import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  streetWideRoutes,
  type StreetCommunityView,
  type StreetNoticePreview,
  type StreetNoticeReach,
  type StreetNoticeView,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StackedBar, StatTiles } from '@/components/charts';
import { TextField } from '@/components/Field/TextField';
import { Toggle } from '@/components/Toggle/Toggle';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import {
  chosenCommunities,
  CommunityChooser,
  FormProblem,
  newRequestId,
  StreetWidePage,
  toggleSkipped,
} from '@/packages/street/StreetWideParts';
import '@/packages/street/street.scss';

interface Draft {
  title: string;
  body: string;
  /** Communities left out; none = the whole street. */
  skipped: string[];
  urgent: boolean;
  requestId: string;
}

/** The request id is the draft's: every retry of it sends the notice once. */
const blank = (): Draft => ({ title: '', body: '', skipped: [], urgent: false, requestId: newRequestId('sn') });

/** 写通知 → 预览（按社区的户数）→ 确认发送. The request id is made with the draft, so a retried send sends once. */
function Composer({
  streetId,
  communities,
  onSent,
}: {
  streetId: string;
  communities: StreetCommunityView[];
  onSent(): void;
}) {
  const [preview, setPreview] = useState<StreetNoticePreview>();
  const chosen = (d: Draft) => chosenCommunities(communities, d.skipped);
  const form = useForm(blank, async (d) => {
    if (!d.title.trim() || !d.body.trim()) throw new Error('请填写通知标题和内容');
    setPreview(
      await call(streetWideRoutes.previewStreetNotice, { params: { streetId }, body: { communityIds: chosen(d) } }),
    );
  });
  const send = useSubmit(async () => {
    const d = form.values;
    await call(streetWideRoutes.sendStreetNotice, {
      params: { streetId },
      body: { requestId: d.requestId, title: d.title, body: d.body, communityIds: chosen(d), urgent: d.urgent },
    });
    setPreview(undefined);
    form.reset(blank());
    onSent();
    void Taro.showToast({ title: '通知已发送', icon: 'none' });
  });
  const problem = send.error ?? form.error;

  return (
    <Card title="发布街道通知" testId="street-notice-compose">
      <Text className="street__intro">
        发给所选社区的全体居民：每个社区收到一条社区通知，居民在“消息”里查看，已订阅的居民同时收到微信订阅消息。
      </Text>
      <TextField
        label="通知标题"
        required
        maxLength={40}
        {...form.field('title')}
        inputTestId="input-street-notice-title"
      />
      <TextField
        label="通知内容"
        required
        multiline
        maxLength={500}
        {...form.field('body')}
        inputTestId="input-street-notice-body"
      />
      <CommunityChooser
        title="发送范围"
        communities={communities}
        skipped={form.values.skipped}
        onToggle={(id, on) => {
          setPreview(undefined);
          form.set((d) => ({ skipped: toggleSkipped(d.skipped, id, on) }));
        }}
        label={(name) => `发给${name}`}
        testId="street-notice"
      />
      <View className="street__row">
        <Text className="street__row-text">紧急通知（免打扰时段也推送）</Text>
        <Toggle
          checked={form.values.urgent}
          onChange={(on) => form.set('urgent', on)}
          label="紧急通知"
          tone="danger"
          testId="street-notice-urgent"
        />
      </View>
      <FormProblem text={problem} testId="street-notice-error" />
      {!preview ? (
        <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="street-notice-preview">
          预览接收户数
        </ActionButton>
      ) : (
        <View data-testid="street-notice-confirm">
          <Text className="street__name" data-testid="street-notice-households">
            将发给 {preview.communities.length} 个社区 {preview.households} 户、{preview.residents} 位居民
          </Text>
          {preview.communities.map((c) => (
            <Text key={c.communityId} className="street__meta" style={{ display: 'block' }}>
              {c.name}：{c.households} 户，{c.residents} 人
            </Text>
          ))}
          <View className="street__actions">
            <ActionButton loading={send.busy} onClick={() => void send.submit()} testId="street-notice-send">
              确认发送
            </ActionButton>
            <ActionButton variant="secondary" onClick={() => setPreview(undefined)} testId="street-notice-back">
              返回修改
            </ActionButton>
          </View>
        </View>
      )}
    </Card>
  );
}

/** 触达: per community, households reached by a subscribe message, opened in the inbox, or neither. */
function Reach({ reach }: { reach: StreetNoticeReach }) {
  return (
    <View data-testid="street-notice-reach">
      <StatTiles
        columns={3}
        tiles={[
          { label: '订阅消息送达', value: reach.pushed, unit: '户' },
          { label: '已读', value: reach.opened, unit: '户' },
          { label: '未触达', value: reach.neither, unit: '户' },
        ]}
      />
      {reach.communities.map((c) => (
        <View key={c.communityId} className="street__row-text" data-testid={`reach-${c.name}`}>
          <Text className="street__meta">
            {c.name}：共 {c.households} 户 · 送达 {c.pushed} · 已读 {c.opened} · 未触达 {c.neither}
          </Text>
          <StackedBar
            segments={[
              { label: '已读', value: c.opened },
              { label: '仅送达', value: Math.max(0, c.households - c.opened - c.neither) },
              { label: '未触达', value: c.neither },
            ]}
            total={c.households}
            unit="户"
            title={`${c.name}触达`}
          />
        </View>
      ))}
    </View>
  );
}

function SentNotice({ streetId, notice }: { streetId: string; notice: StreetNoticeView }) {
  const [reach, setReach] = useState<StreetNoticeReach>();
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      setReach(await call(streetWideRoutes.streetNoticeReach, { params: { streetId, noticeId: notice.noticeId } }));
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="street__row-text" style={{ padding: '12px 0' }} data-testid={`street-notice-${notice.title}`}>
      <Text className="street__name">{notice.title}</Text>
      <Text className="street__meta">
        {formatDateTime(notice.createdAt)} ·{' '}
        {notice.communities.map((c) => `${c.name} 送达 ${c.recipients} 人、已读 ${c.reads}`).join('；')}
      </Text>
      {reach ? (
        <Reach reach={reach} />
      ) : (
        <View className="street__actions">
          <ActionButton size="small" variant="secondary" loading={busy} onClick={() => void load()} testId="reach-open">
            查看触达
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/** 街道通知: the street office writes to every household of its street (or chosen communities) and sees the reach. */
export default function StreetNoticesPage() {
  const streetId = useRouter().params.streetId ?? '';
  const sent = useAsync(() => call(streetWideRoutes.listStreetNotices, { params: { streetId } }), [streetId]);
  return (
    <StreetWidePage
      name="notices"
      streetId={streetId}
      compose={(communities) => (
        <Composer streetId={streetId} communities={communities} onSent={() => void sent.reload()} />
      )}
      done={{
        title: '已发布',
        testId: 'street-notices-sent',
        state: sent,
        listTestId: 'street-notices-list',
        empty: '还没有发布过街道通知。',
        children: (items) => items.map((n) => <SentNotice key={n.noticeId} streetId={streetId} notice={n} />),
      }}
    />
  );
}
