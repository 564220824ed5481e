/** Every page path in one place, so a renamed page breaks the build rather than a link. */
export const ROUTES = {
  home: '/pages/home/index',
  grievances: '/pages/grievances/index',
  volunteer: '/pages/volunteer/index',
  agora: '/pages/agora/index',
  me: '/pages/me/index',
  signIn: '/pages/signin/index',
  privacy: '/pages/privacy/index',
  bind: '/packages/account/pages/bind/index',
  invite: '/packages/account/pages/invite/index',
  myData: '/packages/account/pages/my-data/index',
  staff: {
    workbench: '/packages/staff/pages/workbench/index',
    overview: '/packages/staff/pages/overview/index',
    units: '/packages/staff/pages/units/index',
    bindings: '/packages/staff/pages/bindings/index',
    invitations: '/packages/staff/pages/invitations/index',
    import: '/packages/staff/pages/import/index',
    export: '/packages/staff/pages/export/index',
    team: '/packages/staff/pages/team/index',
    log: '/packages/staff/pages/log/index',
    reach: '/packages/staff/pages/reach/index',
  },
  public: {
    community: '/packages/public/pages/community/index',
  },
  street: {
    hub: '/packages/street/pages/hub/index',
    street: '/packages/street/pages/street/index',
    invite: '/packages/street/pages/invite/index',
    accept: '/packages/street/pages/accept/index',
  },
  account: {
    sessions: '/packages/account/pages/sessions/index',
  },
  proxy: {
    start: '/packages/proxy/pages/start/index',
    acting: '/packages/proxy/pages/acting/index',
    records: '/packages/proxy/pages/records/index',
  },
  moderation: '/packages/moderation/pages/queue/index',
  budgetRounds: '/packages/budget/pages/rounds/index',
  budgetLedger: '/packages/budget/pages/ledger/index',
  owners: {
    import: '/packages/owners/pages/import/index',
    census: '/packages/owners/pages/census/index',
  },
  notices: {
    inbox: '/packages/notices/pages/inbox/index',
    notice: '/packages/notices/pages/notice/index',
    settings: '/packages/notices/pages/settings/index',
    broadcast: '/packages/notices/pages/broadcast/index',
    failed: '/packages/notices/pages/failed/index',
  },
  grievance: {
    submit: '/packages/grievances/pages/submit/index',
    detail: '/packages/grievances/pages/detail/index',
    queue: '/packages/grievances/pages/queue/index',
    reviews: '/packages/grievances/pages/reviews/index',
    dashboard: '/packages/grievances/pages/dashboard/index',
    settings: '/packages/grievances/pages/settings/index',
    evaluation: '/packages/grievances/pages/evaluation/index',
  },
  volunteering: {
    activity: '/packages/volunteer/pages/activity/index',
    mine: '/packages/volunteer/pages/mine/index',
    wallet: '/packages/volunteer/pages/wallet/index',
    mall: '/packages/volunteer/pages/mall/index',
    orders: '/packages/volunteer/pages/orders/index',
    honours: '/packages/volunteer/pages/honours/index',
    teams: '/packages/volunteer/pages/teams/index',
    organise: '/packages/volunteer/pages/organise/index',
    activityForm: '/packages/volunteer/pages/activity-form/index',
    roster: '/packages/volunteer/pages/roster/index',
    attendanceCode: '/packages/volunteer/pages/attendance-code/index',
    pickup: '/packages/volunteer/pages/pickup/index',
    ledger: '/packages/volunteer/pages/ledger/index',
    catalogue: '/packages/volunteer/pages/catalogue/index',
  },
  agoraPages: {
    topic: '/packages/agora/pages/topic/index',
    receipt: '/packages/agora/pages/receipt/index',
    propose: '/packages/agora/pages/propose/index',
    wizard: '/packages/agora/pages/wizard/index',
    poster: '/packages/agora/pages/poster/index',
    paper: '/packages/agora/pages/paper/index',
    manage: '/packages/agora/pages/manage/index',
  },
} as const;

export const TAB_ROUTES: readonly string[] = [
  ROUTES.home,
  ROUTES.grievances,
  ROUTES.volunteer,
  ROUTES.agora,
  ROUTES.me,
];

/** Adds a query string to a page path. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A page query value; decoded once whether or not the platform already decoded it. */
export function readParam(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return /%[0-9A-Fa-f]{2}/.test(value) ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}
