import { withQuery } from '@/routes';

/**
 * The 民生微实事 pages. Kept here rather than in `ROUTES` (the main package): only the 议事 tab's entry
 * (`ROUTES.budgetRounds`) and the public community page reach into this subpackage from outside.
 */
export const BUDGET_PAGES = {
  rounds: '/packages/budget/pages/rounds/index',
  round: '/packages/budget/pages/round/index',
  propose: '/packages/budget/pages/propose/index',
  project: '/packages/budget/pages/project/index',
  ledger: '/packages/budget/pages/ledger/index',
} as const;

export const roundPath = (communityId: string, roundId: string) =>
  withQuery(BUDGET_PAGES.round, { communityId, roundId });

export const projectPath = (communityId: string, roundId: string, projectId: string) =>
  withQuery(BUDGET_PAGES.project, { communityId, roundId, projectId });

export const proposePath = (communityId: string, roundId: string) =>
  withQuery(BUDGET_PAGES.propose, { communityId, roundId });

export const ledgerPath = (communityId: string) => withQuery(BUDGET_PAGES.ledger, { cid: communityId });

/*
 * The committee's pages of the same round and project (packages/budgetAdmin, which finds the community from the
 * staff session): the residents' pages link there when the viewer is on the committee, and back.
 */
export const adminRoundPath = (roundId: string) => withQuery('/packages/budgetAdmin/pages/round/index', { roundId });
export const adminProjectPath = (roundId: string, projectId: string) =>
  withQuery('/packages/budgetAdmin/pages/project/index', { roundId, projectId });
