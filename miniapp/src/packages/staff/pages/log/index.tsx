import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  DAY_MS,
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
import { OBJECT_LABELS, PERIODS, StaffLogEntry, type Period } from '@/components/StaffLogEntry/StaffLogEntry';
import { useAsync } from '@/hooks/useAsync';
import '@/packages/staff/staff.scss';

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
              <StaffLogEntry key={e.entryId} entry={e} />
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
