import { Text, View } from '@tarojs/components';
import { RELATION_LABELS, type BindingView } from '@linli/shared';
import { BindingStatusTag } from '@/components/BindingStatusTag';
import { formatDate } from '@/lib/format';

/** My binding requests with their progress; a rejection shows its reason. */
export function BindingList({ items }: { items: BindingView[] }) {
  return (
    <View data-testid="my-bindings">
      {items.map((b) => (
        <View key={b.bindingId} className="me__binding" data-testid={`my-binding-${b.bindingId}`}>
          <View className="me__binding-head">
            <Text className="me__binding-unit">
              {b.communityName} · {b.unitLabel}
            </Text>
            <BindingStatusTag status={b.status} testId="binding-status" />
          </View>
          <Text className="muted">
            {RELATION_LABELS[b.relation]} · {formatDate(b.requestedAt)} 提交
          </Text>
          {b.status === 'rejected' && b.reason && (
            <Text className="me__binding-reason" data-testid="binding-reason">
              驳回原因：{b.reason}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
