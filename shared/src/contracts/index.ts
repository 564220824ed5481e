import type { RouteContract } from './http';
import { identityApi } from '../identity/contracts';
import { rosterRoutes, rosterTransferRoutes } from '../roster/contracts';
import { agoraRoutes } from '../agora/contracts';

/**
 * Every HTTP route of the API, grouped by the Lambda that serves it. The router, the typed client
 * and the generated tests (authorization matrix, hostile input) all read this one list.
 */
export const API = {
  identity: identityApi,
  roster: rosterRoutes,
  rosterTransfer: rosterTransferRoutes,
  agora: agoraRoutes,
} as const;

export type ApiContext = keyof typeof API;

export const ALL_ROUTES: RouteContract[] = Object.values(API).flatMap((group) => Object.values(group) as RouteContract[]);
