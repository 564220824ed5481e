import { Text, View } from '@tarojs/components';
import { messageOf } from '@/api/failure';
import { ActionButton } from '@/components/ActionButton/ActionButton';

/** The foot of a paged list: 加载更多, its error, or 已经到底了. */
export function LoadMore({
  hasMore,
  loading,
  error,
  onMore,
  count,
}: {
  hasMore: boolean;
  loading: boolean;
  error?: unknown;
  onMore(): void;
  count: number;
}) {
  return (
    <View className="load-more" data-testid="load-more" style={{ textAlign: 'center', padding: '16px 0 32px' }}>
      {error ? <Text className="muted">{messageOf(error)}</Text> : null}
      {hasMore ? (
        <ActionButton variant="secondary" size="small" loading={loading} onClick={onMore} testId="load-more-button">
          {error ? '重试' : '加载更多'}
        </ActionButton>
      ) : (
        <Text className="muted">共 {count} 条，已经到底了</Text>
      )}
    </View>
  );
}
