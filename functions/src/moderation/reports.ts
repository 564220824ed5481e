import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  afterReport,
  contentKeyOf,
  MODERATED_KIND_LABELS,
  parseGrievanceSettings,
  reasonTally,
  targetOfContentKey,
  type ModerationDecision,
  type ModerationItem,
  type ModerationLogEntry,
  type ModerationTarget,
  type ReportReason,
  type ReportReceipt,
  type ReportTarget,
  type HeldGrievanceTarget,
} from '@linli/shared';
import { contentReports } from '../db/entities/contentReport';
import { moderationCases, type ModerationCaseItem } from '../db/entities/moderationCase';
import { authorIndexOf, moderationLogEntries, type ModerationLogEntryItem } from '../db/entities/moderationLogEntry';
import { moderationQueueEntries, type ModerationQueueEntryItem } from '../db/entities/moderationQueueEntry';
import type { UserItem } from '../db/entities/user';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { moderation } from '../db/registries/moderation';
import type { CommunityRequest } from '../commons/serviceRequest';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { notificationIntent } from '../notifications/outbox';
import { communities } from '../db/entities/community';
import { findModeratedContent, loadModeratedContent, markWrite, photoLink, type ModeratedContent } from './content';
import { judgeHeldContent, reviewTargetOf } from '../grievances/review';

/**
 * 举报与内容审核. A report is one transaction: the reporter's report (put on the condition that this
 * resident has none for the item), the item's case (its count moved on the condition it is still the
 * count this request read), the queue marker on the first report, and — when the count reaches the
 * community's threshold — the content's `hidden` mark. Two residents reporting at once cannot both
 * read 2 and both miss (or double) the hiding: one of them loses the condition and counts again.
 */

export interface ReportRequest extends CommunityRequest {
  input: { target: ReportTarget; reason: ReportReason; note?: string };
}

/** Concurrent reports of one item retry their count; past this many, something else is wrong. */
const REPORT_ATTEMPTS = 4;

export async function reportContent({ principal, communityId, input, now }: ReportRequest): Promise<ReportReceipt> {
  const content = await loadModeratedContent(principal, communityId, input.target);
  if (content.authorId === principal.userId) throw forbidden('不能举报自己发布的内容');
  if (content.mark === 'removed') throw notFound(MODERATED_KIND_LABELS[content.kind]);
  const contentKey = contentKeyOf(input.target);
  // The threshold is kept with the community's 诉求 settings (one map, one zod schema, one settings page).
  const { Item: community } = await communities.get({ communityId });
  const { reportThreshold } = parseGrievanceSettings(community?.settings);
  const reportedAt = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const { Item: current } = await moderationCases.get({ communityId, contentKey }, { consistent: true });
    const state = {
      reportCount: current?.reportCount ?? 0,
      hidden: current?.hidden ?? false,
      decided: !!current && current.status !== 'open',
    };
    const next = afterReport(state, reportThreshold);
    const reasons = { ...(current?.reasons ?? {}), [input.reason]: (current?.reasons[input.reason] ?? 0) + 1 };
    const writes = {
      report: contentReports.transactPut(
        { communityId, contentKey, reporterId: principal.userId, reason: input.reason, note: input.note, reportedAt },
        { condition: { attr: 'reporterId', exists: false } },
      ),
      case: current
        ? moderationCases.transactUpdate(
            { communityId, contentKey, reportCount: next.reportCount, reasons: $set(reasons), hidden: next.hidden },
            { condition: { attr: 'reportCount', eq: state.reportCount } },
          )
        : moderationCases.transactPut(
            {
              communityId,
              contentKey,
              kind: content.kind,
              authorId: content.authorId,
              reportCount: next.reportCount,
              reasons,
              hidden: next.hidden,
              held: content.held,
              status: 'open',
              openedAt: reportedAt,
            },
            { condition: { attr: 'contentKey', exists: false } },
          ),
      // A held comment is queued already (deliberation.ts); any other item joins the queue with its first report.
      queue:
        !current && next.queues
          ? moderationQueueEntries.transactPut({ communityId, contentKey, queuedAt: reportedAt })
          : undefined,
      hide: next.hides ? markWrite(communityId, input.target, 'hidden') : undefined,
    };
    try {
      await transact(writes);
      return { target: input.target, reason: input.reason, reportedAt };
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (!failed) throw error;
      if (failed.has('report')) throw conflict('您已举报过这条内容，我们会尽快处理', 'ALREADY_REPORTED');
      if (failed.has('hide')) throw notFound(MODERATED_KIND_LABELS[content.kind]);
      // Another resident's report moved the count first: count again from what is there now.
      if (attempt >= REPORT_ATTEMPTS) throw conflict('举报的人较多，请稍后再试');
    }
  }
}

type Page = { cursor?: string; limit: number };

/** 内容审核 queue, oldest first: one query of the markers, then each item's case, content and reports. */
export async function listQueue({
  principal,
  communityId,
  page,
  now,
}: CommunityRequest & { page: Page }): Promise<{ items: ModerationItem[]; nextCursor?: string }> {
  const { Items = [], LastEvaluatedKey } = await moderation.query
    .queue({ communityId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  const items = await Promise.all(
    (Items as ModerationQueueEntryItem[]).map(async (entry): Promise<ModerationItem | undefined> => {
      const target = targetOfContentKey(entry.contentKey);
      const [{ Item: kase }, content, { Items: reports = [] }] = await Promise.all([
        moderationCases.get({ communityId, contentKey: entry.contentKey }),
        findModeratedContent(principal, communityId, target),
        moderation.query.reportsOf({ communityId, contentKey: entry.contentKey }).send(),
      ]);
      // Content deleted since (an erased account's comment), or held 诉求 content of a case the caller
      // does not handle (escalated to the street office): nothing for this caller to judge.
      if (!kase || !content) return undefined;
      return {
        target,
        kind: kase.kind,
        context: content.context,
        text: content.text,
        imageUrl: await photoLink(content, now),
        authorName: content.authorName,
        held: content.held,
        hidden: kase.hidden,
        reportCount: kase.reportCount,
        reasons: reasonTally(kase.reasons),
        notes: reports.flatMap((r) => (r.note ? [r.note] : [])),
        openedAt: entry.queuedAt,
      };
    }),
  );
  return { items: items.filter((i): i is ModerationItem => !!i), nextCursor: encodeCursor(LastEvaluatedKey) };
}

export interface DecideRequest extends CommunityRequest {
  user: UserItem | undefined;
  input: { target: ModerationTarget; decision: ModerationDecision; reason?: string };
}

/**
 * 恢复 or 移除: one transaction closes the case (on the condition it is still open), takes the item off
 * the queue, clears or sets the content's mark, writes the log entry with the original text and, on
 * removal, the author's inbox notice with the reason. The case before and after are both at hand here:
 * this is the one place a staff action log entry for the decision belongs.
 */
export async function decideContent({
  principal,
  user,
  communityId,
  input,
  now,
}: DecideRequest): Promise<ModerationLogEntry> {
  const contentKey = contentKeyOf(input.target);
  const { Item: before } = await moderationCases.get({ communityId, contentKey }, { consistent: true });
  if (!before) throw notFound('待审核内容');
  if (before.status !== 'open') throw conflict('该内容已审核', 'NOT_IN_REVIEW');
  if (input.target.kind === 'grievanceContent')
    return decideHeldGrievanceContent({ principal, user, communityId, input, target: input.target, now });
  const content = await loadModeratedContent(principal, communityId, input.target);
  const decidedAt = now.toISOString();
  const after: Pick<ModerationCaseItem, 'status' | 'hidden' | 'decidedAt'> = {
    status: input.decision === 'restore' ? 'restored' : 'removed',
    hidden: false,
    decidedAt,
  };
  const entry: ModerationLogEntryItem = {
    communityId,
    entryId: `${decidedAt}#${contentKey}`,
    contentKey,
    kind: before.kind,
    context: content.context,
    text: content.text,
    authorId: content.authorId,
    authorName: content.authorName,
    decision: input.decision,
    reason: input.reason,
    deciderId: principal.userId,
    deciderName: user?.nickname ?? '工作人员',
    decidedAt,
    reportCount: before.reportCount,
    reasons: before.reasons,
    held: content.held,
  };
  // The entry names the content and its author, whose data export then shows the decision.
  noteStaffChange({
    before: { status: before.status, hidden: before.hidden },
    after: { ...after, reason: input.reason },
    fields: ['status', 'hidden', 'reason'],
    objectId: contentKey,
    subjectUserId: content.authorId,
  });
  const writes = {
    case: moderationCases.transactUpdate(
      { communityId, contentKey, ...after },
      { condition: { attr: 'status', eq: 'open' } },
    ),
    queue: moderationQueueEntries.transactDelete({ communityId, contentKey }),
    content: markWrite(communityId, input.target, input.decision === 'restore' ? undefined : 'removed'),
    log: moderationLogEntries.transactPut(
      { ...entry, ...authorIndexOf(entry.authorId, entry.decidedAt) },
      { condition: { attr: 'entryId', exists: false } },
    ),
    notice:
      input.decision === 'remove' && content.authorId ? removalNotice(communityId, content, entry, now) : undefined,
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('case') || failed?.has('log')) throw conflict('该内容已由其他工作人员审核', 'NOT_IN_REVIEW');
    if (failed?.has('content')) throw notFound(MODERATED_KIND_LABELS[content.kind]);
    throw error;
  }
  return logEntryView(entry);
}

/**
 * Held 诉求 content is decided by 人工复核's own service (`judgeHeldContent`), so one set of rules holds
 * wherever it is decided: only the case's handlers, nobody approves their own words, 恢复 = 通过 (visible
 * to neighbours), 移除 = 不通过 (hidden, the author told why), the case closed and the log entry written in
 * the same transaction.
 */
const HELD_REASON_MAX = 100;

async function decideHeldGrievanceContent({
  principal,
  user,
  communityId,
  input,
  target,
  now,
}: DecideRequest & { target: HeldGrievanceTarget }) {
  const part = reviewTargetOf(target);
  if (!part || !user) throw notFound('待审核内容');
  // 人工复核's own limit on the reason (it becomes the timeline note and the author's notice).
  if (input.reason && input.reason.length > HELD_REASON_MAX)
    throw badRequest('复核说明最多 100 字', [{ field: 'body.reason', message: '复核说明最多 100 字' }]);
  // Who the decision is about (the author sees it in their data export); the fields are the content's check.
  const content = await loadModeratedContent(principal, communityId, target);
  noteStaffChange({
    before: { check: 'review' },
    after: { check: input.decision === 'restore' ? 'pass' : 'risky', reason: input.reason },
    fields: ['check', 'reason'],
    objectId: contentKeyOf(target),
    subjectUserId: content.authorId,
  });
  const { logged } = await judgeHeldContent({
    caller: { principal, user },
    communityId,
    grievanceId: target.grievanceId,
    input: { target: part, decision: input.decision === 'restore' ? 'approve' : 'reject', reason: input.reason },
    now,
  });
  // Decided by someone else in between (the same decision answers the case, with no entry of ours).
  if (!logged) throw conflict('该内容已由其他工作人员审核', 'NOT_IN_REVIEW');
  return logEntryView(logged);
}

function removalNotice(communityId: string, content: ModeratedContent, entry: ModerationLogEntryItem, now: Date) {
  const label = MODERATED_KIND_LABELS[content.kind];
  return notificationIntent(
    {
      communityId,
      event: 'moderation.contentRemoved',
      dedupeKey: `${entry.contentKey}:removed`,
      recipientId: content.authorId,
      title: `您的${label}已被移除`,
      body: `您在“${content.context}”中发布的${label}经工作人员审核已被移除，邻居不会再看到。原因：${entry.reason ?? ''}`,
      link: '',
      data: { note: entry.reason ?? '' },
    },
    now,
  );
}

export const logEntryView = (e: ModerationLogEntryItem): ModerationLogEntry => ({
  entryId: e.entryId,
  target: targetOfContentKey(e.contentKey),
  kind: e.kind,
  context: e.context,
  text: e.text,
  authorName: e.authorName,
  decision: e.decision,
  reason: e.reason,
  decidedBy: e.deciderName,
  decidedAt: e.decidedAt,
  reportCount: e.reportCount,
  reasons: reasonTally(e.reasons),
  held: e.held,
});

/** 审核记录, newest first. */
export async function listLog({ communityId, page }: { communityId: string; page: Page }) {
  const { Items = [], LastEvaluatedKey } = await moderation.query
    .log({ communityId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  return { items: Items.map((e) => logEntryView(e)), nextCursor: encodeCursor(LastEvaluatedKey) };
}
