import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ownerRegistryRoutes, type OwnerRegistryImportView } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { usePagedList } from '@/hooks/usePagedList';

type Filter = 'all' | 'problem' | 'note';
type Row = OwnerRegistryImportView['rows'][number];

/**
 * 逐行匹配: every row of the extract, page by page (加载更多), narrowed to the problems or the notes if asked. The
 * preview's answer holds the first page of all rows; the rest, and the narrowed lists, come from
 * `owners.registryImportRows`. The counts are over every row.
 */
export function RegistryRows({ communityId, view }: { communityId: string; view: OwnerRegistryImportView }) {
  const [filter, setFilter] = useState<Filter>('all');
  const counts = view.rowCounts;
  const list = usePagedList<Row>(
    async (cursor) => {
      if (filter === 'all' && !cursor) return { items: view.rows, nextCursor: view.rowsCursor };
      return call(ownerRegistryRoutes.registryImportRows, {
        params: { communityId, jobId: view.jobId },
        query: { status: filter === 'all' ? undefined : filter, cursor, limit: 200 },
      });
    },
    [communityId, view.jobId, filter],
  );
  const total = filter === 'all' ? counts.ok + counts.note + counts.problem : counts[filter];
  return (
    <Card title="逐行匹配" testId="registry-rows">
      <Text className="owners__line" data-testid="registry-row-counts">
        共 {counts.ok + counts.note + counts.problem} 行：已匹配 {counts.ok}，请核对 {counts.note}，有问题{' '}
        {counts.problem}
      </Text>
      <ChoiceList<Filter>
        testId="registry-row-filter"
        label="显示"
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: '全部' },
          { value: 'problem', label: `有问题 ${counts.problem}` },
          { value: 'note', label: `请核对 ${counts.note}` },
        ]}
      />
      <AsyncView
        state={list.first}
        compact
        testId="registry-rows-list"
        isEmpty={() => list.items.length === 0}
        empty={{ title: filter === 'problem' ? '没有需要修改的行' : '没有需要核对的行' }}
      >
        {() => (
          <View>
            {list.items.map((r) => (
              <View key={r.row} className="owners__item" data-testid="registry-row">
                <View className="owners__item-head">
                  <Text className="owners__item-title">
                    第 {r.row} 行 · {r.unitLabel ?? r.address}
                  </Text>
                  <StatusTag tone={r.status === 'ok' ? 'success' : r.status === 'note' ? 'warning' : 'danger'}>
                    {r.status === 'ok' ? '已匹配' : r.status === 'note' ? '请核对' : '有问题'}
                  </StatusTag>
                </View>
                <Text className="owners__item-text">
                  {r.holders || '（无权利人）'} · {r.area ?? '—'}㎡
                </Text>
                {r.message && <Text className="owners__item-text">{r.message}</Text>}
              </View>
            ))}
            <Text className="muted" data-testid="registry-rows-shown">
              已显示 {list.items.length} / {total} 行
            </Text>
            <LoadMore
              hasMore={list.hasMore}
              loading={list.loadingMore}
              error={list.moreError}
              onMore={() => void list.loadMore()}
              count={list.items.length}
            />
          </View>
        )}
      </AsyncView>
    </Card>
  );
}
