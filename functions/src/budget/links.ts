/** The pages a notification, a share or the home feed opens (apart from views.ts, so the home Lambda carries only these). */
export const roundLink = (communityId: string, roundId: string) =>
  `/packages/budget/pages/round/index?communityId=${communityId}&roundId=${roundId}`;
export const projectLink = (communityId: string, roundId: string, projectId: string) =>
  `/packages/budget/pages/project/index?communityId=${communityId}&roundId=${roundId}&projectId=${projectId}`;
