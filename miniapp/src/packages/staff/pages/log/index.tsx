import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  DAY_MS,
  ROLE_LABELS,
  rosterRoutes,
  staffLogRoutes,
  STAFF_LOG_READERS,
  type StaffLogEntryView,
  type StaffObjectType,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import '@/packages/staff/staff.scss';
import './index.scss';

/** What each object type is called on the page (the filter and each entry). */
const OBJECT_LABELS: Record<StaffObjectType, string> = {
  setting: '设置',
  topic: '议题',
  poll: '投票',
  grievance: '诉求',
  evaluation: '评议',
  broadcast: '社区通知',
  notification: '通知投递',
  binding: '房屋绑定',
  invitation: '邀请码',
  community: '社区',
  role: '工作人员角色',
  roster: '花名册导入',
  catalogueItem: '兑换项目',
  posting: '积分记账',
  audit: '对账',
  team: '服务队',
  content: '举报内容',
  budgetRound: '微实事轮次',
  budgetProject: '微实事项目',
  objection: '公示异议',
};

const OBJECT_FILTERS = [
  { value: 'all', label: '全部' },
  ...(
    [
      'setting',
      'role',
      'binding',
      'grievance',
      'catalogueItem',
      'posting',
      'poll',
      'topic',
      'content',
      'budgetProject',
    ] as const
  ).map((t) => ({
    value: t,
    label: OBJECT_LABELS[t],
  })),
];
const PERIODS = [
  { value: '7', label: '近 7 天' },
  { value: '30', label: '近 30 天' },
  { value: 'all', label: '全部时间' },
] as const;
type Period = (typeof PERIODS)[number]['value'];

/** A changed field as the page shows it: its value before → after ("（无）" where there was none). */
function Change({ field, before, after }: StaffLogEntryView['changes'][number]) {
  return (
    <View className="staff-log__change" data-testid="staff-log-change">
      <Text className="staff-log__field">{field}</Text>
      <Text className="staff-log__before">{before ?? '（无）'}</Text>
      <Text className="staff-log__arrow" aria-label="改为">
        →
      </Text>
      <Text className="staff-log__after">{after ?? '（无）'}</Text>
    </View>
  );
}

function Entry({ entry }: { entry: StaffLogEntryView }) {
  return (
    <View className="staff__item" data-testid="staff-log-entry">
      <View className="staff__item-head">
        <Text className="staff__item-title">{entry.actionLabel}</Text>
        <StatusTag tone="info">{OBJECT_LABELS[entry.objectType]}</StatusTag>
      </View>
      <Text className="staff__line">
        {entry.actorName}
        {entry.actingFor
          ? `（代 ${entry.actingFor.name} 办理）`
          : `（${entry.roles.map((r) => ROLE_LABELS[r]).join('、') || '工作人员'}）`}
        · {formatDateTime(entry.at)}
      </Text>
      <Text className="staff__line">对象编号：{entry.objectId}</Text>
      {entry.changes.length ? (
        entry.changes.map((c) => <Change key={c.field} {...c} />)
      ) : (
        <Text className="staff__line">没有字段变化</Text>
      )}
    </View>
  );
}

interface Loaded {
  items: StaffLogEntryView[];
  nextCursor?: string;
}

function StaffLog({ communityId }: { communityId: string }) {
  const [objectType, setObjectType] = useState<string>('all');
  const [period, setPeriod] = useState<Period>('30');
  const [actorId, setActorId] = useState<string>('all');
  const [moreError, setMoreError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const query = (cursor?: string) => ({
    ...(objectType !== 'all' ? { objectType: objectType as StaffObjectType } : {}),
    ...(actorId !== 'all' ? { actorId } : {}),
    ...(period !== 'all' ? { from: new Date(Date.now() - Number(period) * DAY_MS).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
    limit: 20,
  });
  const staff = useAsync(() => call(rosterRoutes.listStaff, { params: { communityId } }), [communityId]);
  const log = useAsync<Loaded>(
    () => call(staffLogRoutes.staffLog, { params: { communityId }, query: query() }),
    [communityId, objectType, period, actorId],
  );
  const more = async (cursor: string) => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await call(staffLogRoutes.staffLog, { params: { communityId }, query: query(cursor) });
      log.setData((d) => d && { items: [...d.items, ...page.items], nextCursor: page.nextCursor });
    } catch (e) {
      setMoreError(messageOf(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const actors = [
    { value: 'all', label: '全部人员' },
    ...[...new Map((staff.data?.items ?? []).map((s) => [s.userId, s.nickname])).entries()].map(([value, label]) => ({
      value,
      label,
    })),
  ];

  return (
    <View>
      <Card title="筛选" testId="staff-log-filters">
        <ChoiceList
          options={OBJECT_FILTERS}
          value={objectType}
          onChange={setObjectType}
          testId="staff-log-object"
          label="对象"
        />
        <ChoiceList options={PERIODS} value={period} onChange={setPeriod} testId="staff-log-period" label="时间" />
        {actors.length > 1 && (
          <ChoiceList options={actors} value={actorId} onChange={setActorId} testId="staff-log-actor" label="操作人" />
        )}
      </Card>
      <AsyncView
        state={log}
        testId="staff-log"
        isEmpty={(d) => d.items.length === 0}
        empty={{ icon: 'clock', title: '暂无操作记录', hint: '工作人员修改设置、审核、任命等操作后会记录在这里。' }}
      >
        {(d) => (
          <Card title="操作记录" extra={`${d.items.length} 条${d.nextCursor ? '+' : ''}`} testId="staff-log-list">
            {d.items.map((e) => (
              <Entry key={e.entryId} entry={e} />
            ))}
            {moreError && <Text className="staff__error">{moreError}</Text>}
            {d.nextCursor && (
              <ActionButton
                block
                variant="secondary"
                loading={loadingMore}
                onClick={() => void more(d.nextCursor as string)}
                testId="staff-log-more"
              >
                加载更多
              </ActionButton>
            )}
          </Card>
        )}
      </AsyncView>
    </View>
  );
}

/** 操作记录: what staff changed in this community — who, when, which object, each field before → after. */
export default function StaffLogPage() {
  return (
    <Page testId="page-staff-log">
      <StaffOnly roles={STAFF_LOG_READERS}>{(communityId) => <StaffLog communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
