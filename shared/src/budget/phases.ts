/**
 * The life of a 民生微实事 round and of each project in it. A round moves through its phases in order;
 * every stored move is a DynamoDB condition on the phase it leaves (and on what the next phase needs:
 * every proposal screened, at least one project to vote on, every objection answered). The dates the
 * committee set move it on by themselves (the scheduled clock); the committee may end 点单, 审核, 评议
 * or 投票 early with a reason everyone sees. 公示 always lasts its seven days.
 */
export const ROUND_PHASES = [
  'proposing',
  'screening',
  'deliberation',
  'voting',
  'counting',
  'publicity',
  'implementation',
  'acceptance',
] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];

export const ROUND_PHASE_LABELS: Record<RoundPhase, string> = {
  proposing: '点单',
  screening: '审核筛选',
  deliberation: '评议',
  voting: '投票',
  counting: '计票中',
  publicity: '结果公示',
  implementation: '实施',
  acceptance: '验收',
};

/** What residents do in each phase, for the round page's timeline. */
export const ROUND_PHASE_HINTS: Record<RoundPhase, string> = {
  proposing: '居民提出项目，邻居附议',
  screening: '居委会审核每个提议，核定预算，合并相似项目',
  deliberation: '居民评议，居民议事会讨论',
  voting: '在预算内选择支持的项目',
  counting: '从选票计票',
  publicity: '公示入选项目，7 天内可提出异议',
  implementation: '入选项目落实，每月公开进度和支出',
  acceptance: '居民为完工项目评价',
};

/** The phase that follows; implementation leads to acceptance when its last project is finished. */
export const NEXT_PHASE: Partial<Record<RoundPhase, RoundPhase>> = {
  proposing: 'screening',
  screening: 'deliberation',
  deliberation: 'voting',
  voting: 'counting',
  counting: 'publicity',
  publicity: 'implementation',
  implementation: 'acceptance',
};

/** Phases the committee may end before their date, with a reason (公示 keeps its full objection period). */
export const EARLY_ENDABLE: readonly RoundPhase[] = ['proposing', 'screening', 'deliberation', 'voting'];

/** The objection period after the result is published (公示期). */
export const OBJECTION_PERIOD_DAYS = 7;

/** 投票 basis of a round: each bound resident, or each household (一户一票). */
export const ROUND_BASES = ['person', 'household'] as const;
export type RoundBasis = (typeof ROUND_BASES)[number];
export const ROUND_BASIS_LABELS: Record<RoundBasis, string> = { person: '每人一票', household: '一户一票' };

/** The dates the committee sets when it opens a round: the end of each phase up to the close of voting. */
export interface RoundSchedule {
  proposingUntil: string;
  screeningUntil: string;
  deliberationUntil: string;
  votingUntil: string;
}

/** When the current phase ends by itself, if it does (implementation and acceptance have no date). */
export function phaseDeadline(phase: RoundPhase, schedule: RoundSchedule, publicityUntil?: string): string | undefined {
  switch (phase) {
    case 'proposing':
      return schedule.proposingUntil;
    case 'screening':
      return schedule.screeningUntil;
    case 'deliberation':
      return schedule.deliberationUntil;
    case 'voting':
    case 'counting':
      return schedule.votingUntil;
    case 'publicity':
      return publicityUntil;
    default:
      return undefined;
  }
}

/** The order of the schedule's dates, for the contract's check and the wizard. */
export const SCHEDULE_ORDER = ['proposingUntil', 'screeningUntil', 'deliberationUntil', 'votingUntil'] as const;

/** Where a proposal stands after screening: awaiting it, put to the vote, refused with a reason, or merged. */
export const PROJECT_STATUSES = ['proposed', 'eligible', 'ineligible', 'merged'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** What residents see of a project, from its status, the round's phase and the published selection. */
export type ProjectStage =
  'proposed' | 'eligible' | 'ineligible' | 'merged' | 'selected' | 'notSelected' | 'implementing' | 'finished';

export const PROJECT_STAGE_LABELS: Record<ProjectStage, string> = {
  proposed: '待审核',
  eligible: '进入投票',
  ineligible: '未通过审核',
  merged: '已合并',
  selected: '入选',
  notSelected: '未入选',
  implementing: '实施中',
  finished: '已完工',
};

export function projectStage(p: {
  status: ProjectStatus;
  phase: RoundPhase;
  /** From the published selection; undefined before it. */
  selected?: boolean;
  finished: boolean;
}): ProjectStage {
  if (p.status !== 'eligible') return p.status;
  if (p.selected === undefined) return 'eligible';
  if (!p.selected) return 'notSelected';
  if (p.finished) return 'finished';
  return p.phase === 'implementation' || p.phase === 'acceptance' ? 'implementing' : 'selected';
}

/** 附议 is open while residents propose and while the committee screens. */
export const SUPPORTABLE: readonly RoundPhase[] = ['proposing', 'screening'];
/** Comments and 居民议事会 notes: from the first proposal until voting closes. */
export const COMMENTABLE_PHASES: readonly RoundPhase[] = ['proposing', 'screening', 'deliberation', 'voting'];
/** The committee screens as proposals come in and until 审核 ends. */
export const SCREENABLE: readonly RoundPhase[] = ['proposing', 'screening'];
