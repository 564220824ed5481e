/**
 * BindingStatusTag — where a request to bind a home stands (待审核 / 已通过 / 已驳回), the same words and colours
 * for the resident (我的) and for staff (工作台 → 绑定审核). Main package: used by both.
 */
import { StatusTag } from '@/components/StatusTag/StatusTag';
import type { BindingStatusLabels, BindingStatusTagProps } from './types';

export type { BindingStatus, BindingStatusTagProps, BindingStatusLabels } from './types';

export const BINDING_STATUS: BindingStatusLabels = {
  pending: { label: '待审核', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '已驳回', tone: 'danger' },
};

export function BindingStatusTag({ status, testId }: BindingStatusTagProps) {
  return (
    <StatusTag tone={BINDING_STATUS[status].tone} testId={testId}>
      {BINDING_STATUS[status].label}
    </StatusTag>
  );
}
