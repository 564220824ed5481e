import { budgetRoundRoutes as r } from './contracts';
import { budgetDeliveryRoutes as d } from './deliveryContracts';
import { budgetProjectRoutes as p } from './projectContracts';

/**
 * Every 民生微实事 route, as the mini-program and the tests call them, in the order they were written. Three
 * Lambdas serve them, each bundling only its own routes module: `budget` (budgetRoundRoutes, contracts.ts),
 * `budgetProjects` (projectContracts.ts) and `budgetDelivery` (deliveryContracts.ts).
 */
export const budgetRoutes = {
  listRounds: r.listRounds,
  openRound: r.openRound,
  getRound: r.getRound,
  advanceRound: r.advanceRound,
  createPhotoUpload: p.createPhotoUpload,
  proposeProject: p.proposeProject,
  getProject: p.getProject,
  supportProject: p.supportProject,
  screenProject: p.screenProject,
  mergeProjects: p.mergeProjects,
  linkRequest: p.linkRequest,
  listComments: p.listComments,
  addComment: p.addComment,
  castBallot: r.castBallot,
  checkReceipt: r.checkReceipt,
  addObjection: p.addObjection,
  answerObjection: p.answerObjection,
  setImplementation: d.setImplementation,
  reportProgress: d.reportProgress,
  finishProject: d.finishProject,
  rateProject: d.rateProject,
  accountability: d.accountability,
};
