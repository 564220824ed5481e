import type { ActivityView } from '@linli/shared';
import type { Tone } from '@/components/StatusTag/StatusTag';

export interface ActivityCardProps {
  activity: ActivityView;
  onOpen(): void;
}

/** What the card's tag says: where I stand with an activity, or where the activity stands. */
export interface ActivityTagView {
  tone: Tone;
  text: string;
}
