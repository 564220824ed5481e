import { agoraCommentRoutes as c } from './commentContracts';
import { agoraTopicRoutes as t } from './contracts';
import { agoraPollRoutes as p } from './pollContracts';
import { agoraScheduleRoutes as s } from './scheduleContracts';
import { agoraVotingRoutes as v } from './votingContracts';

/**
 * Every 议事厅 route, as the mini-program and the tests call them, in the order they were written. Five
 * Lambdas serve them, each bundling only its own routes module: `agora` (agoraTopicRoutes, contracts.ts),
 * `agoraPolls` (pollContracts.ts), `agoraComments` (commentContracts.ts), `agoraSchedule`
 * (scheduleContracts.ts) and `agoraVoting` (votingContracts.ts).
 */
export const agoraRoutes = {
  listTopics: t.listTopics,
  getTopic: t.getTopic,
  createTopic: p.createTopic,
  proposeTopic: t.proposeTopic,
  supportTopic: t.supportTopic,
  reviewProposal: t.reviewProposal,
  previewElectorate: p.previewElectorate,
  scheduleVote: p.scheduleVote,
  listComments: c.listComments,
  addComment: c.addComment,
  publishSummary: t.publishSummary,
  castBallot: v.castBallot,
  checkReceipt: v.checkReceipt,
  changeSchedule: s.changeSchedule,
  createPaperUpload: v.createPaperUpload,
  recordPaperBallot: v.recordPaperBallot,
  listHouseholds: v.listHouseholds,
  listConflicts: v.listConflicts,
  resolveConflict: v.resolveConflict,
  recount: v.recount,
  setCommitment: t.setCommitment,
  exportResult: v.exportResult,
  getSettings: t.getSettings,
  updateSettings: t.updateSettings,
};
