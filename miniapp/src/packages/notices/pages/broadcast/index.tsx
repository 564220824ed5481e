import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Toggle } from '@/components/Toggle/Toggle';
import { useMemo, useState } from 'react';
import {
  COMMITTEE,
  managedGrids,
  type BroadcastView,
  type MeView,
  type Role,
  type RosterOverview,
  type Scope,
  notificationApi,
  rosterRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart, ProgressBar, StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime, naturalCompare } from '@/lib/format';
import { newRequestId } from '@/lib/requestId';
import { useSession } from '@/session/SessionProvider';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { usePagedList } from '@/hooks/usePagedList';
import { ROUTES, withQuery } from '@/routes';
import '@/packages/notices/notices.scss';

const SENDERS: readonly Role[] = ['gridWorker', ...COMMITTEE];
type Reach = 'community' | 'grid' | 'building';

function principalOf(me: MeView) {
  return { userId: me.userId, grants: me.grants, memberships: [] };
}

/** The scope a choice means, and the grids/buildings this sender may choose from. */
function useScopeChoices(overview: RosterOverview | undefined, communityId: string) {
  const session = useSession();
  return useMemo(() => {
    if (!overview || !session.me) return undefined;
    const mine = managedGrids(principalOf(session.me), communityId);
    const grids = overview.grids
      .filter((g) => mine === 'all' || mine.includes(g.gridId))
      .sort((a, b) => naturalCompare(a.name, b.name));
    const buildings = overview.buildings
      .filter((b) => mine === 'all' || mine.includes(b.gridId))
      .sort((a, b) => naturalCompare(a.name, b.name));
    const reaches: { value: Reach; label: string }[] = [
      ...(mine === 'all' ? [{ value: 'community' as const, label: '全社区' }] : []),
      { value: 'grid', label: '按网格' },
      { value: 'building', label: '按楼栋' },
    ];
    return { grids, buildings, reaches };
  }, [overview, session.me, communityId]);
}

function Composer({ communityId, onSent }: { communityId: string; onSent(b: BroadcastView): void }) {
  const overview = useAsync(() => call(rosterRoutes.overview, { params: { communityId } }), [communityId]);
  const choices = useScopeChoices(overview.data, communityId);
  const [reach, setReach] = useState<Reach>();
  const [target, setTarget] = useState<string>();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // One id per notice being written: a retried send is recognised by the server, not sent twice.
  const [requestId, setRequestId] = useState(newRequestId);

  const scope: Scope | undefined =
    reach === 'community'
      ? {}
      : reach === 'grid' && target
        ? { gridIds: [target] }
        : reach === 'building' && target
          ? { buildingIds: [target] }
          : undefined;
  const scopeKey = JSON.stringify(scope ?? null);
  const preview = useAsync(
    () => call(notificationApi.previewBroadcast, { params: { communityId }, body: { scope: scope as Scope } }),
    [communityId, scopeKey],
    {
      enabled: !!scope,
    },
  );

  const {
    submit: send,
    busy,
    errors,
    error: formError,
  } = useSubmit(
    async () => {
      const sent = await call(notificationApi.sendBroadcast, {
        params: { communityId },
        body: { requestId, title, body, scope: scope ?? {}, urgent },
      });
      onSent(sent);
      setTitle('');
      setBody('');
      setUrgent(false);
      setRequestId(newRequestId());
      setConfirming(false);
      void Taro.showToast({ title: '已发布', icon: 'success' });
    },
    { onError: () => setConfirming(false) },
  );

  return (
    <Card title="发布通知" testId="broadcast-composer">
      <AsyncView state={overview} compact testId="broadcast-structure">
        {() =>
          choices && (
            <View>
              <Text className="notices__label">发送范围</Text>
              <ChoiceList
                options={choices.reaches}
                value={reach}
                onChange={(r) => {
                  setReach(r);
                  setTarget(undefined);
                }}
                testId="broadcast-reach"
                label="发送范围"
              />
              {reach === 'grid' && (
                <ChoiceList
                  options={choices.grids.map((g) => ({ value: g.gridId, label: g.name }))}
                  value={target}
                  onChange={setTarget}
                  testId="broadcast-grid"
                  label="网格"
                />
              )}
              {reach === 'building' && (
                <ChoiceList
                  options={choices.buildings.map((b) => ({ value: b.buildingId, label: b.name }))}
                  value={target}
                  onChange={setTarget}
                  testId="broadcast-building"
                  label="楼栋"
                />
              )}
              {errors['body.scope.buildingIds'] && (
                <Text className="notices__error">{errors['body.scope.buildingIds']}</Text>
              )}
            </View>
          )
        }
      </AsyncView>

      {scope && (
        <AsyncView state={preview} compact testId="broadcast-preview" loadingText="正在统计接收人数…">
          {(p) => (
            <View data-testid="broadcast-preview-ready">
              <StatTiles
                columns={2}
                tiles={[
                  { label: '将收到通知的住户', value: p.households, unit: '户', testId: 'preview-households' },
                  { label: '已绑定的居民', value: p.residents, unit: '人', testId: 'preview-residents' },
                ]}
              />
              {p.buildings.length > 1 && (
                <BarChart
                  data={p.buildings.map((b) => ({ label: b.name, value: b.residents }))}
                  unit="人"
                  title="各楼栋接收人数"
                  testId="preview-chart"
                />
              )}
            </View>
          )}
        </AsyncView>
      )}

      <TextField
        label="标题"
        required
        value={title}
        onChange={setTitle}
        maxLength={40}
        placeholder="如：3栋周六上午停水"
        error={errors['body.title']}
        testId="field-title"
        inputTestId="input-title"
      />
      <TextField
        label="内容"
        required
        multiline
        value={body}
        onChange={setBody}
        maxLength={500}
        placeholder="时间、地点、需要居民做什么"
        error={errors['body.body']}
        testId="field-body"
        inputTestId="input-body"
      />
      <View className="notices__row">
        <View className="notices__row-text">
          <Text className="notices__row-title">紧急通知</Text>
          <Text className="notices__hint">停水停电、安全隐患等：免打扰时段也会推送。</Text>
        </View>
        <Toggle checked={urgent} tone="danger" label="紧急通知" testId="broadcast-urgent" onChange={setUrgent} />
      </View>
      {formError && <Text className="notices__error">{formError}</Text>}
      <ActionButton block disabled={!scope} onClick={() => setConfirming(true)} testId="broadcast-send">
        发布
      </ActionButton>
      <Dialog
        open={confirming}
        title="确认发布"
        confirmText="发布"
        busy={busy}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
        testId="broadcast-confirm"
      >
        <Text className="notices__line">
          将发送给 {preview.data?.households ?? '—'} 户、{preview.data?.residents ?? '—'} 位居民，发布后不能撤回。
        </Text>
      </Dialog>
    </Card>
  );
}

function History({ communityId, fresh }: { communityId: string; fresh: BroadcastView[] }) {
  const list = usePagedList(
    (cursor?: string) => call(notificationApi.listBroadcasts, { params: { communityId }, query: { cursor } }),
    [communityId],
  );
  const seen = new Set(list.items.map((b) => b.broadcastId));
  const items = [...fresh.filter((b) => !seen.has(b.broadcastId)), ...list.items];
  return (
    <Card
      title="已发布"
      extra={
        <Text className="notices__link" onClick={() => void list.first.reload()}>
          刷新
        </Text>
      }
      testId="broadcast-history"
    >
      <AsyncView
        state={list.first}
        compact
        testId="broadcasts"
        isEmpty={() => items.length === 0}
        empty={{ icon: 'notice', title: '还没有发布过通知' }}
      >
        {() => (
          <View>
            {items.map((b) => (
              <View
                key={b.broadcastId}
                className="notices__row-text"
                style={{ padding: '20px 0' }}
                data-testid={`broadcast-${b.broadcastId}`}
              >
                <View className="notices__item-head">
                  <Text className="notices__row-title">{b.title}</Text>
                  {b.urgent ? (
                    <StatusTag tone="danger">紧急</StatusTag>
                  ) : b.completed ? (
                    <StatusTag tone="success">已送达</StatusTag>
                  ) : (
                    <StatusTag tone="warning">发送中</StatusTag>
                  )}
                </View>
                <Text className="notices__line">
                  {b.scopeLabel} · {b.senderLabel} · {formatDateTime(b.createdAt)}
                </Text>
                <ProgressBar
                  value={b.reads}
                  total={Math.max(b.recipients, b.reads)}
                  label="已读"
                  unit=" 人"
                  testId={`broadcast-reads-${b.broadcastId}`}
                />
                <ActionButton
                  size="small"
                  variant="secondary"
                  onClick={() =>
                    void Taro.navigateTo({
                      url: withQuery(ROUTES.staff.reach, { subject: 'notice', id: b.broadcastId }),
                    })
                  }
                  testId={`broadcast-reach-${b.broadcastId}`}
                >
                  触达情况（哪些户还没收到）
                </ActionButton>
              </View>
            ))}
            <LoadMore
              hasMore={list.hasMore}
              loading={list.loadingMore}
              error={list.moreError}
              onMore={() => void list.loadMore()}
              count={items.length}
            />
          </View>
        )}
      </AsyncView>
    </Card>
  );
}

/** 社区通知: write a notice to the whole community, a grid or a building, see who it will reach, then how many read it. */
export default function BroadcastPage() {
  const [fresh, setFresh] = useState<BroadcastView[]>([]);
  return (
    <Page testId="page-broadcast">
      <StaffOnly roles={SENDERS}>
        {(communityId) => (
          <>
            <Composer communityId={communityId} onSent={(b) => setFresh((f) => [b, ...f])} />
            <History communityId={communityId} fresh={fresh} />
          </>
        )}
      </StaffOnly>
    </Page>
  );
}
