import { Text, View } from '@tarojs/components';
import { RELATION_LABELS, type BindingView } from '@linli/shared';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import { formatDate } from '@/lib/format';

export const BINDING_STATUS: Record<BindingView['status'], { label: string; tone: Tone }> = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '已驳回', tone: 'danger' },
};

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
            <StatusTag tone={BINDING_STATUS[b.status].tone} testId="binding-status">
              {BINDING_STATUS[b.status].label}
            </StatusTag>
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
