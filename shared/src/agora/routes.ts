import { agoraTopicRoutes as t } from './contracts';
import { agoraVotingRoutes as v } from './votingContracts';

/**
 * Every 议事厅 route, as the mini-program and the tests call them, in the order they were written. Two
 * Lambdas serve them: `agora` (agoraTopicRoutes) and `agoraVoting` (agoraVotingRoutes), each bundling only
 * its own contracts module.
 */
export const agoraRoutes = {
  listTopics: t.listTopics,
  getTopic: t.getTopic,
  createTopic: t.createTopic,
  proposeTopic: t.proposeTopic,
  supportTopic: t.supportTopic,
  reviewProposal: t.reviewProposal,
  previewElectorate: t.previewElectorate,
  scheduleVote: t.scheduleVote,
  listComments: t.listComments,
  addComment: t.addComment,
  publishSummary: t.publishSummary,
  castBallot: v.castBallot,
  checkReceipt: v.checkReceipt,
  changeSchedule: t.changeSchedule,
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
