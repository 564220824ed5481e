import type { RouteContract } from './contracts/http';
import { identityApi } from './identity/contracts';
import { rosterTransferRoutes } from './roster/contracts';
import { rosterApi } from './roster/staffLogContracts';
import { notificationApi } from './notifications/contracts';
import { grievanceRoutes } from './grievances/contracts';
import { grievanceLedgerRoutes } from './grievances/ledgerContracts';
import { contentCheckRoutes } from './moderation/contracts';
import { timebankExportRoutes, timebankRoutes } from './timebank/contracts';
import { volunteerRoutes } from './volunteer/contracts';
import { agoraRoutes } from './agora/contracts';
import { homeRoutes } from './home/contracts';

/**
 * Every HTTP route of the API, grouped by the Lambda that serves it. The router, the typed client
 * and the generated tests (authorization matrix, hostile input) all read this one list.
 */
export const API = {
  identity: identityApi,
  roster: rosterApi,
  rosterTransfer: rosterTransferRoutes,
  notifications: notificationApi,
  grievances: grievanceRoutes,
  grievanceLedger: grievanceLedgerRoutes,
  contentCheck: contentCheckRoutes,
  volunteer: volunteerRoutes,
  timebank: timebankRoutes,
  timebankExport: timebankExportRoutes,
  agora: agoraRoutes,
  home: homeRoutes,
} as const;

export type ApiContext = keyof typeof API;

export const ALL_ROUTES: RouteContract[] = Object.values(API).flatMap(
  (group) => Object.values(group) as RouteContract[],
);
