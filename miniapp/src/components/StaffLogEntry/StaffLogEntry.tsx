import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type StaffLogEntryView, type StaffObjectType } from '@linli/shared';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';
import './StaffLogEntry.scss';

/**
 * An entry of 操作记录, as the committee's page (packages/staff) and the street's (packages/street) show it.
 * Only those subpackages import it, so it stays out of the main package (optimizeMainPackage).
 */

/** What each object type is called (the filter and each entry). */
export const OBJECT_LABELS: Record<StaffObjectType, string> = {
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
  street: '街道',
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

export const PERIODS = [
  { value: '7', label: '近 7 天' },
  { value: '30', label: '近 30 天' },
  { value: 'all', label: '全部时间' },
] as const;
export type Period = (typeof PERIODS)[number]['value'];

/** A changed field: its value before → after ("（无）" where there was none). */
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

/** One entry: the action, its object, who (or who for whom) and when, and each changed field. */
export function StaffLogEntry({ entry, place }: { entry: StaffLogEntryView; place?: string }) {
  return (
    <View className="staff-log__entry" data-testid="staff-log-entry">
      <View className="staff-log__head">
        <Text className="staff-log__title">{entry.actionLabel}</Text>
        <StatusTag tone="info">{OBJECT_LABELS[entry.objectType]}</StatusTag>
      </View>
      {place && (
        <Text className="staff-log__line" data-testid="staff-log-place">
          {place}
        </Text>
      )}
      <Text className="staff-log__line">
        {entry.actorName}
        {entry.actingFor
          ? `（代 ${entry.actingFor.name} 办理）`
          : `（${entry.roles.map((r) => ROLE_LABELS[r]).join('、') || '工作人员'}）`}
        · {formatDateTime(entry.at)}
      </Text>
      <Text className="staff-log__line">对象编号：{entry.objectId}</Text>
      {entry.changes.length ? (
        entry.changes.map((c) => <Change key={c.field} {...c} />)
      ) : (
        <Text className="staff-log__line">没有字段变化</Text>
      )}
    </View>
  );
}
