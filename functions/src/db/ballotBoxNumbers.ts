import { stableHash } from '@linli/shared';

/*
 * Which of a poll's ballot boxes a voter uses (议事厅 and 民生微实事 alike). Apart from the BallotBox entity
 * so a Lambda that only numbers boxes (budget keeps its own box items) does not bundle 议事厅's entities.
 */
export const BALLOT_BOXES = 6;
export const boxOf = (voterKey: string) => parseInt(stableHash(voterKey).slice(0, 6), 36) % BALLOT_BOXES;
export const allBoxes = () => Array.from({ length: BALLOT_BOXES }, (_, box) => box);
