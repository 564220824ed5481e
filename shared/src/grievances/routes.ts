import { grievanceLambdaApi } from './contracts';
import { grievanceOversightRoutes } from './oversightContracts';
import { grievanceStepRoutes } from './stepContracts';

/**
 * Every 诉求 route, as the mini-program and the tests call them. Three Lambdas serve these: grievances
 * (grievanceLambdaApi), grievanceSteps (grievanceStepRoutes) and grievanceOversight (grievanceOversightRoutes),
 * each under 250 KB only because it bundles its own contracts module and not the others'; hence this module
 * apart from all three. The oversight routes' fixed paths (settings, dashboard, reviews) come before `{grievanceId}`.
 */
export const grievanceRoutes = { ...grievanceOversightRoutes, ...grievanceLambdaApi, ...grievanceStepRoutes };
