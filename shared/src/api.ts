import type { RouteContract } from './contracts/http';
import { identityLambdaApi } from './identity/contracts';
import { personalDataRoutes } from './identity/personalDataContracts';
import { rosterTransferRoutes } from './roster/contracts';
import { rosterApi } from './roster/staffLogContracts';
import { notificationLambdaApi } from './notifications/reachContracts';
import { grievanceLambdaApi } from './grievances/contracts';
import { grievanceOversightRoutes } from './grievances/oversightContracts';
import { grievanceStepRoutes } from './grievances/stepContracts';
import { grievanceLedgerRoutes } from './grievances/ledgerContracts';
import { contentCheckRoutes } from './moderation/contracts';
import { moderationRoutes } from './moderation/reportContracts';
import { timebankExportRoutes, timebankRoutes } from './timebank/contracts';
import { timebankStreetRoutes } from './timebank/streetContracts';
import { volunteerRoutes } from './volunteer/contracts';
import { agoraTopicRoutes } from './agora/contracts';
import { agoraPollRoutes } from './agora/pollContracts';
import { agoraCommentRoutes } from './agora/commentContracts';
import { agoraScheduleRoutes } from './agora/scheduleContracts';
import { agoraVotingRoutes } from './agora/votingContracts';
import { agoraArchiveRoutes } from './agora/archiveContracts';
import { ownerProxyRoutes } from './agora/ownerProxyContracts';
import { budgetRoundRoutes } from './budget/contracts';
import { budgetProjectRoutes } from './budget/projectContracts';
import { budgetDeliveryRoutes } from './budget/deliveryContracts';
import { homeRoutes } from './home/contracts';
import { proxyRoutes } from './proxy/contracts';
import { publicRoutes } from './public/contracts';
import { streetsApi } from './streets/contracts';
import { ownerRegistryRoutes } from './ownerRegistry/contracts';
import { streetConsoleRoutes } from './streets/consoleContracts';
import { streetWideRoutes } from './streets/streetWide';
import { streetAgoraRoutes } from './streets/streetAgora';

/**
 * Every HTTP route of the API, grouped by the Lambda that serves it. The router, the typed client
 * and the generated tests (authorization matrix, hostile input) all read this one list.
 */
export const API = {
  identity: identityLambdaApi,
  personalData: personalDataRoutes,
  roster: rosterApi,
  rosterTransfer: rosterTransferRoutes,
  notifications: notificationLambdaApi,
  grievances: grievanceLambdaApi,
  grievanceSteps: grievanceStepRoutes,
  grievanceOversight: grievanceOversightRoutes,
  grievanceLedger: grievanceLedgerRoutes,
  contentCheck: contentCheckRoutes,
  moderation: moderationRoutes,
  volunteer: volunteerRoutes,
  timebank: timebankRoutes,
  timebankStreet: timebankStreetRoutes,
  timebankExport: timebankExportRoutes,
  agora: agoraTopicRoutes,
  agoraPolls: agoraPollRoutes,
  agoraComments: agoraCommentRoutes,
  agoraSchedule: agoraScheduleRoutes,
  agoraVoting: agoraVotingRoutes,
  agoraArchive: agoraArchiveRoutes,
  ownerProxies: ownerProxyRoutes,
  budget: budgetRoundRoutes,
  budgetProjects: budgetProjectRoutes,
  budgetDelivery: budgetDeliveryRoutes,
  home: homeRoutes,
  proxy: proxyRoutes,
  public: publicRoutes,
  streets: streetsApi,
  ownerRegistry: ownerRegistryRoutes,
  streetConsole: streetConsoleRoutes,
  streetWide: streetWideRoutes,
  streetAgora: streetAgoraRoutes,
} as const;

export type ApiContext = keyof typeof API;

export const ALL_ROUTES: RouteContract[] = Object.values(API).flatMap(
  (group) => Object.values(group) as RouteContract[],
);
