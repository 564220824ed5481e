import type { BindingView } from '@linli/shared';
import type { Tone } from '@/components/StatusTag/StatusTag';

export type BindingStatus = BindingView['status'];

export interface BindingStatusTagProps {
  status: BindingStatus;
  testId?: string;
}

/** How a binding request's status reads and is coloured. */
export type BindingStatusLabels = Record<BindingStatus, { label: string; tone: Tone }>;
