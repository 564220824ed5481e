import type { StageKey } from '@linli/shared';

export interface StageTagProps {
  stage: StageKey;
  /** The server's words for the stage (`stageLabel`): 投票中, 公示中 … */
  label: string;
  testId?: string;
}
