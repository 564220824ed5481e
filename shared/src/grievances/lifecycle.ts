/**
 * The life of a request (诉求): its states, the three escalation levels (三站式: 网格 → 社区 → 街道),
 * and the one transition table both the Lambdas and the mini-program read. A move not in the table
 * is illegal; the API answers it 409 and writes nothing.
 */

export const GRIEVANCE_STATUSES = ['pending', 'accepted', 'committed', 'resolved', 'closed', 'withdrawn'] as const;
export type GrievanceStatus = (typeof GRIEVANCE_STATUSES)[number];

export const STATUS_LABELS: Record<GrievanceStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  committed: '办理中',
  resolved: '待评价',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** States in which someone still owes the case something (a handler, or the reporter a rating). */
export const OPEN_STATUSES: readonly GrievanceStatus[] = ['pending', 'accepted', 'committed', 'resolved'];
/** States a handler is working on: their deadlines count towards 超时. */
export const HANDLING_STATUSES: readonly GrievanceStatus[] = ['pending', 'accepted', 'committed'];

/** 三站式: the grid worker first, then the residents' committee, then the street office. */
export const LEVELS = ['grid', 'committee', 'street'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { grid: '网格', committee: '社区居委会', street: '街道' };

/** Who sees the figures (dashboard, 台账): the committee, the street office, admins. */
export const EVALUATORS = ['committee', 'street', 'admin'] as const;

export const levelRank = (level: Level): number => LEVELS.indexOf(level);
export const nextLevel = (level: Level): Level | undefined => LEVELS[levelRank(level) + 1];

/** Who takes an action: a handler of the case's level (or above), its reporter, or the scheduled sweep. */
export type Actor = 'handler' | 'reporter' | 'system';

export const GRIEVANCE_ACTIONS = [
  'accept',
  'commit',
  'resolve',
  'refer',
  'escalate',
  'rate',
  'reopen',
  'autoClose',
  'withdraw',
] as const;
export type GrievanceAction = (typeof GRIEVANCE_ACTIONS)[number];

export const ACTION_LABELS: Record<
  GrievanceAction | 'submit' | 'remind' | 'overdue' | 'linkTopic' | 'linkBudget' | 'approveContent' | 'rejectContent',
  string
> = {
  submit: '提交诉求',
  accept: '受理',
  commit: '公开承诺',
  resolve: '办结',
  refer: '转办（非本社区职责）',
  escalate: '上报',
  rate: '评价',
  reopen: '不满意，重新办理',
  autoClose: '逾期未评价，自动办结',
  withdraw: '撤回',
  remind: '催办',
  overdue: '超时督办',
  linkTopic: '转为议事议题',
  linkBudget: '纳入民生微实事项目',
  approveContent: '人工复核通过',
  rejectContent: '人工复核不通过',
};

interface TransitionRule {
  from: readonly GrievanceStatus[];
  to: GrievanceStatus;
  by: readonly Actor[];
  /** `up`: moves to the next level and is illegal at the top; `upOrStay`: moves up where there is a level above. */
  level?: 'up' | 'upOrStay';
}

/**
 * The transition table. 一事一诺: a case is worked only after a public commitment (commit before
 * resolve); 一评议: a resolved case closes on the reporter's rating, and 不满意 reopens it one level up.
 */
export const TRANSITIONS: Readonly<Record<GrievanceAction, TransitionRule>> = {
  accept: { from: ['pending'], to: 'accepted', by: ['handler'] },
  commit: { from: ['accepted'], to: 'committed', by: ['handler'] },
  resolve: { from: ['committed'], to: 'resolved', by: ['handler'] },
  refer: { from: ['pending', 'accepted', 'committed'], to: 'resolved', by: ['handler'] },
  escalate: { from: ['pending', 'accepted', 'committed'], to: 'pending', by: ['handler', 'system'], level: 'up' },
  rate: { from: ['resolved'], to: 'closed', by: ['reporter'] },
  reopen: { from: ['resolved'], to: 'pending', by: ['reporter'], level: 'upOrStay' },
  autoClose: { from: ['resolved'], to: 'closed', by: ['system'] },
  withdraw: { from: ['pending', 'accepted'], to: 'withdrawn', by: ['reporter'] },
};

export interface CaseState {
  status: GrievanceStatus;
  level: Level;
}

export type TransitionResult = ({ ok: true } & CaseState) | { ok: false; reason: string };

/** Where `action` by `actor` takes a case, or why it may not happen. */
export function transition(state: CaseState, action: GrievanceAction, actor: Actor): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.by.includes(actor))
    return { ok: false, reason: `${ACTION_LABELS[action]}不能由${ACTOR_LABELS[actor]}操作` };
  if (!rule.from.includes(state.status))
    return { ok: false, reason: `诉求${STATUS_LABELS[state.status]}，不能${ACTION_LABELS[action]}` };
  let level = state.level;
  if (rule.level) {
    const above = nextLevel(state.level);
    if (above) level = above;
    else if (rule.level === 'up') return { ok: false, reason: '已在街道办理，无法再上报' };
  }
  return { ok: true, status: rule.to, level };
}

const ACTOR_LABELS: Record<Actor, string> = { handler: '办理人', reporter: '提交人', system: '系统' };

/** The actions `actor` may take now (what the mini-program offers as buttons). */
export function availableActions(state: CaseState, actor: Actor): GrievanceAction[] {
  return GRIEVANCE_ACTIONS.filter((a) => transition(state, a, actor).ok);
}

/** 满意 / 基本满意 / 不满意; 未评价 is what a case closed without a rating records, never counted as satisfied. */
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating | 'unrated', string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
  unrated: '未评价',
};

/** The transition a rating makes: 不满意 reopens the case, the others close it. */
export const ratingAction = (rating: Rating): GrievanceAction => (rating === 'unsatisfied' ? 'reopen' : 'rate');

export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };

export const VISIBILITIES = ['public', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<Visibility, string> = { public: '社区公开', private: '仅自己和工作人员可见' };

/** Where a request came from: a resident, or a grid worker's visit log (民情日记) or own initiative (未诉先办). */
export const SOURCES = ['resident', 'visit', 'proactive'] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = {
  resident: '居民提交',
  visit: '走访代录（民情日记）',
  proactive: '主动发现（未诉先办）',
};

/** What a resolution was: done, or not the community's responsibility and referred elsewhere (转办). */
export const OUTCOMES = ['done', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A short number residents can quote on the phone: the last six characters of the id. */
export const caseNumber = (grievanceId: string) => grievanceId.slice(-6).toUpperCase();
