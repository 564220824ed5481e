import type { StageKey } from '@linli/shared';
import type { Tone } from '@/components/StatusTag/StatusTag';

/** How each stage of a topic is coloured, in the tab's list and on the topic's own page. */
export const STAGE_TONES: Record<StageKey, Tone> = {
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
