import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  streetsApi,
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
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { Toggle } from '@/components/Toggle/Toggle';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import '@/packages/street/street.scss';

interface Draft {
  title: string;
  body: string;
  /** Communities left out; none = the whole street. */
  skipped: string[];
  urgent: boolean;
  requestId: string;
}

/** One id per notice drafted, sent with every retry of it (the server sends it once). */
const newRequestId = () => `sn${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

const blank = (): Draft => ({ title: '', body: '', skipped: [], urgent: false, requestId: newRequestId() });

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
  const chosen = (d: Draft) => {
    const ids = communities.map((c) => c.communityId).filter((id) => !d.skipped.includes(id));
    return ids.length === communities.length ? undefined : ids;
  };
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
  const toggle = (id: string, on: boolean) =>
    form.set((d) => ({ skipped: on ? d.skipped.filter((s) => s !== id) : [...d.skipped, id] }));
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
      <Text className="street__name">发送范围</Text>
      {communities.map((c) => (
        <View key={c.communityId} className="street__row" data-testid={`street-notice-community-${c.name}`}>
          <Text className="street__row-text">{c.name}</Text>
          <Toggle
            checked={!form.values.skipped.includes(c.communityId)}
            onChange={(on) => {
              setPreview(undefined);
              toggle(c.communityId, on);
            }}
            label={`发给${c.name}`}
            testId={`street-notice-toggle-${c.communityId}`}
          />
        </View>
      ))}
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
      {problem && (
        <Text className="street__error" aria-live="assertive" data-testid="street-notice-error">
          {problem}
        </Text>
      )}
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
  const street = useAsync(() => call(streetsApi.getStreet, { params: { streetId } }), [streetId]);
  const sent = useAsync(() => call(streetWideRoutes.listStreetNotices, { params: { streetId } }), [streetId]);
  return (
    <Page testId="page-street-notices">
      <AsyncView state={street} testId="street-notices-street">
        {({ communities }) =>
          communities.length === 0 ? (
            <Text className="muted" data-testid="street-notices-no-community">
              本街道还没有社区，先在街道管理中新建社区。
            </Text>
          ) : (
            <Composer streetId={streetId} communities={communities} onSent={() => void sent.reload()} />
          )
        }
      </AsyncView>
      <Card title="已发布" testId="street-notices-sent">
        <AsyncView state={sent} testId="street-notices-list">
          {({ items }) =>
            items.length === 0 ? (
              <Text className="muted" data-testid="street-notices-empty">
                还没有发布过街道通知。
              </Text>
            ) : (
              <View>
                {items.map((n) => (
                  <SentNotice key={n.noticeId} streetId={streetId} notice={n} />
                ))}
              </View>
            )
          }
        </AsyncView>
      </Card>
    </Page>
  );
}
