import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { DAY_MS, streetConsoleRoutes, streetsApi, type StaffObjectType } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { OBJECT_LABELS, PERIODS, StaffLogEntry, type Period } from '@/components/StaffLogEntry/StaffLogEntry';
import { useAsync } from '@/hooks/useAsync';
import { usePagedList } from '@/hooks/usePagedList';
import '@/packages/street/street.scss';

/** The objects a street office most often looks for; every type is in the committee's own log. */
const OBJECT_FILTERS = [
  { value: 'all', label: '全部' },
  ...(['street', 'community', 'invitation', 'broadcast', 'setting', 'role', 'grievance', 'posting'] as const).map(
    (t) => ({ value: t, label: OBJECT_LABELS[t] }),
  ),
];

/**
 * 街道操作记录: what the street office did at street level (a street, its communities, staff codes, street-wide
 * notices) and what staff did in each of its communities — one list, newest first, each entry naming its
 * community. Read across the street's communities by indexed queries (DATA.md L5).
 */
export default function StreetStaffLogPage() {
  const streetId = useRouter().params.streetId ?? '';
  const [communityId, setCommunityId] = useState('all');
  const [objectType, setObjectType] = useState('all');
  const [period, setPeriod] = useState<Period>('30');
  const street = useAsync(() => call(streetsApi.getStreet, { params: { streetId } }), [streetId]);
  const list = usePagedList(
    (cursor) =>
      call(streetConsoleRoutes.streetStaffLog, {
        params: { streetId },
        query: {
          ...(communityId !== 'all' ? { communityId } : {}),
          ...(objectType !== 'all' ? { objectType: objectType as StaffObjectType } : {}),
          ...(period !== 'all' ? { from: new Date(Date.now() - Number(period) * DAY_MS).toISOString() } : {}),
          ...(cursor ? { cursor } : {}),
          limit: 20,
        },
      }),
    [streetId, communityId, objectType, period],
  );
  const communities = [
    { value: 'all', label: '全街道' },
    ...(street.data?.communities ?? []).map((c) => ({ value: c.communityId, label: c.name })),
  ];
  return (
    <Page testId="page-street-log">
      <Card title={street.data ? `${street.data.street.name}操作记录` : '街道操作记录'} testId="street-log-filters">
        {communities.length > 1 && (
          <ChoiceList
            options={communities}
            value={communityId}
            onChange={setCommunityId}
            testId="street-log-community"
            label="社区"
          />
        )}
        <ChoiceList
          options={OBJECT_FILTERS}
          value={objectType}
          onChange={setObjectType}
          testId="street-log-object"
          label="对象"
        />
        <ChoiceList options={PERIODS} value={period} onChange={setPeriod} testId="street-log-period" label="时间" />
      </Card>
      <AsyncView
        state={list.first}
        testId="street-log"
        isEmpty={(d) => d.items.length === 0}
        empty={{
          icon: 'clock',
          title: '暂无操作记录',
          hint: '创建社区、发放邀请码、发布街道通知，以及各社区工作人员的修改、审核、任命，都会记录在这里。',
        }}
      >
        {() => (
          <Card title="操作记录" extra={`${list.items.length} 条${list.hasMore ? '+' : ''}`} testId="street-log-list">
            <View>
              {list.items.map((e) => (
                <StaffLogEntry
                  key={e.entryId}
                  entry={{ ...e, communityId: e.communityId ?? '' }}
                  place={
                    e.streetLevel
                      ? `街道层面${e.communityName ? ` · ${e.communityName}` : ''}`
                      : (e.communityName ?? e.communityId)
                  }
                />
              ))}
            </View>
            <LoadMore
              hasMore={list.hasMore}
              loading={list.loadingMore}
              error={list.moreError}
              onMore={() => void list.loadMore()}
              count={list.items.length}
            />
          </Card>
        )}
      </AsyncView>
    </Page>
  );
}
