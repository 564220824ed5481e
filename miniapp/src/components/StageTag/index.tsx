/**
 * StageTag — where a topic of 议事厅 stands, coloured by stage: in the 议事 tab's list (main package) and on the
 * topic's own page (agora subpackage).
 */
import type { StageKey } from '@linli/shared';
import { StatusTag, type Tone } from '@/components/StatusTag/StatusTag';
import type { StageTagProps } from './types';

export type { StageTagProps } from './types';

const STAGE_TONES: Record<StageKey, Tone> = {
  proposal: 'info',
  queued: 'warning',
  declined: 'neutral',
  deliberation: 'info',
  upcoming: 'info',
  voting: 'success',
  counting: 'warning',
  published: 'neutral',
  implementation: 'success',
};

export function StageTag({ stage, label, testId }: StageTagProps) {
  return (
    <StatusTag tone={STAGE_TONES[stage]} testId={testId}>
      {label}
    </StatusTag>
  );
}
