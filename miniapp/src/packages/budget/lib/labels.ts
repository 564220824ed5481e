import type { ProjectSummaryView, RoundPhase } from '@linli/shared';
import type { Tone } from '@/components/StatusTag/StatusTag';

/** How a round's phase is coloured in lists and on its page. */
export const PHASE_TONES: Record<RoundPhase, Tone> = {
  proposing: 'info',
  screening: 'warning',
  deliberation: 'info',
  voting: 'success',
  counting: 'warning',
  publicity: 'warning',
  implementation: 'success',
  acceptance: 'neutral',
};

export const STAGE_TONES: Record<ProjectSummaryView['stage'], Tone> = {
  proposed: 'info',
  eligible: 'success',
  ineligible: 'neutral',
  merged: 'neutral',
  selected: 'success',
  notSelected: 'neutral',
  implementing: 'info',
  finished: 'success',
};
