/**
 * 举报与内容审核: the rules residents' reports and staff decisions follow, for 诉求 and 议事 alike.
 * Pure: the Lambdas apply them inside one conditional transaction, the mini-program shows their labels.
 */

export const REPORT_REASONS = ['ad', 'harassment', 'untrue', 'privacy', 'incivility', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  ad: '广告',
  harassment: '骚扰',
  untrue: '不实',
  privacy: '隐私',
  incivility: '不文明',
  other: '其他',
};

/** What can be reported: public content residents wrote, in either context (messages on a 诉求 are
 * seen only by its household and handlers, so they are not public and not reportable). */
export const REPORTABLE_KINDS = ['grievance', 'topic', 'topicComment'] as const;
/**
 * What the 内容审核 queue serves: the reportable kinds, and 诉求 content WeChat's check held for a
 * person's judgement (`grievanceContent`: a request's description, one message or one photo — 人工复核).
 */
export const MODERATED_KINDS = [...REPORTABLE_KINDS, 'grievanceContent'] as const;
export type ModeratedKind = (typeof MODERATED_KINDS)[number];
export const MODERATED_KIND_LABELS: Record<ModeratedKind, string> = {
  grievance: '诉求',
  topic: '议题提议',
  topicComment: '议事意见',
  grievanceContent: '诉求内容',
};

/** The part of a 诉求 WeChat's check can hold (the same three 人工复核 judges). */
export const HELD_GRIEVANCE_PARTS = ['description', 'message', 'photo'] as const;
export type HeldGrievancePart = (typeof HELD_GRIEVANCE_PARTS)[number];
export const HELD_GRIEVANCE_PART_LABELS: Record<HeldGrievancePart, string> = {
  description: '诉求描述',
  message: '留言',
  photo: '照片',
};

export type ReportTarget =
  | { kind: 'grievance'; grievanceId: string }
  | { kind: 'topic'; topicId: string }
  | { kind: 'topicComment'; topicId: string; commentId: string };

/** `partId` names the message or photo (absent for the description). */
export type HeldGrievanceTarget = {
  kind: 'grievanceContent';
  grievanceId: string;
  part: HeldGrievancePart;
  partId?: string;
};

export type ModerationTarget = ReportTarget | HeldGrievanceTarget;

/** One stable key per piece of content (ids never contain `#`): what reports, cases and log entries name. */
export function contentKeyOf(t: ModerationTarget): string {
  switch (t.kind) {
    case 'grievance':
      return `grievance#${t.grievanceId}`;
    case 'topic':
      return `topic#${t.topicId}`;
    case 'topicComment':
      return `topicComment#${t.topicId}#${t.commentId}`;
    case 'grievanceContent':
      return ['grievanceContent', t.grievanceId, t.part, ...(t.partId ? [t.partId] : [])].join('#');
  }
}

export function targetOfContentKey(key: string): ModerationTarget {
  const [kind, a = '', b = '', c] = key.split('#');
  switch (kind) {
    case 'grievance':
      return { kind, grievanceId: a };
    case 'topic':
      return { kind, topicId: a };
    case 'topicComment':
      return { kind, topicId: a, commentId: b };
    case 'grievanceContent':
      return { kind, grievanceId: a, part: b as HeldGrievancePart, ...(c ? { partId: c } : {}) };
    default:
      throw new Error(`not a content key: ${key}`);
  }
}

/** The moderation mark a piece of content carries: hidden pending review, or removed by staff. */
export type ModerationMark = 'hidden' | 'removed';

/**
 * Who sees marked content: its author always (marked 待复核 or 已移除), staff who moderate it (they
 * judge it), nobody else. Unmarked content is governed by the feature's own visibility.
 */
export function seesModerated(mark: ModerationMark | undefined, viewer: { isAuthor: boolean; moderates: boolean }) {
  return !mark || viewer.isAuthor || viewer.moderates;
}

/** The state of a piece of content's moderation case, as the report that arrives next finds it. */
export interface ReportState {
  reportCount: number;
  hidden: boolean;
  /** Staff decided already (restored or removed): later reports are recorded, nothing more. */
  decided: boolean;
}

/**
 * What one more distinct resident's report does: it counts, and it hides the content when the count
 * reaches the community's threshold — exactly once, and never after staff decided (a restored
 * item stays restored; a removed one is gone).
 */
export function afterReport(state: ReportState, threshold: number): ReportState & { hides: boolean; queues: boolean } {
  const reportCount = state.reportCount + 1;
  const hides = !state.decided && !state.hidden && reportCount >= threshold;
  return {
    reportCount,
    hidden: state.hidden || hides,
    decided: state.decided,
    hides,
    // The first report of an undecided item puts it in the staff queue.
    queues: !state.decided && state.reportCount === 0,
  };
}

export type ModerationDecision = 'restore' | 'remove';
export const DECISION_LABELS: Record<ModerationDecision, string> = { restore: '恢复', remove: '移除' };

/** The reasons of a case's reports, most frequent first, for the queue. */
export function reasonTally(counts: Partial<Record<ReportReason, number>>): { reason: ReportReason; count: number }[] {
  return REPORT_REASONS.flatMap((reason) => (counts[reason] ? [{ reason, count: counts[reason] }] : [])).sort(
    (a, b) => b.count - a.count,
  );
}
