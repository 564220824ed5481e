import { Text, View } from '@tarojs/components';
import type { GrievanceSummary } from '@linli/shared';
import { ago, levelText, STATUS_TONES, statusText } from '@/lib/grievanceLabels';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import './GrievanceRow.scss';

/** One request in a list (我的, 社区, 待办): category, state, level, deadline, the first words, where and who. */
export function GrievanceRow({ item, onClick }: { item: GrievanceSummary; onClick(): void }) {
  return (
    <View
      className="grievance-row"
      onClick={onClick}
      data-testid={`grievance-${item.grievanceId}`}
      role="button"
      aria-label={`${item.categoryLabel} ${statusText(item.status)}`}
    >
      <View className="grievance-row__head">
        <Text className="grievance-row__category">{item.categoryLabel}</Text>
        <StatusTag tone={STATUS_TONES[item.status]} testId="grievance-status">
          {statusText(item.status)}
        </StatusTag>
        {item.level !== 'grid' && <StatusTag tone="info">{levelText(item.level)}</StatusTag>}
        {item.overdue && <StatusTag tone="danger">超时</StatusTag>}
        {item.urgency === 'urgent' && <StatusTag tone="danger">紧急</StatusTag>}
      </View>
      <Text className="grievance-row__excerpt">{item.excerpt}</Text>
      <View className="grievance-row__meta">
        <Text>
          {item.location} · {item.reporter} · {ago(item.createdAt)}
        </Text>
        {item.supportCount > 0 && <Text className="grievance-row__support">+{item.supportCount} 我也遇到</Text>}
      </View>
    </View>
  );
}
