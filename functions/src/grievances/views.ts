import {
  caseNumber,
  categoryLabel,
  isOverdue,
  maskPhone,
  type GrievanceDetail,
  type GrievanceSettings,
  type GrievanceSummary,
  type TimelineEntry,
} from '@linli/shared';
import type { CheckState, GrievanceItem } from '../db/entities/grievance';
import type { GrievanceEventItem } from '../db/entities/grievanceEvent';
import type { GrievanceMessageItem } from '../db/entities/grievanceMessage';
import type { GrievanceNoteItem } from '../db/entities/grievanceNote';
import { presignDownload } from '../media/storage';
import { actionsFor, canMessage, canSupport, type Access } from './access';

/**
 * Every answer about a case is cut here, per viewer. The reporter of an anonymous case is 匿名居民 to
 * everyone but themselves, in lists, details, timelines and messages alike; units show only to the
 * reporter, their household and handlers; unchecked or flagged content only to its author (and, for
 * text WeChat asks a human to review, to the staff who are those humans).
 */

const ANONYMOUS = '匿名居民';
const EXCERPT_CHARS = 40;
const SOURCE_SUFFIX = { resident: '', visit: '（走访代录）', proactive: '（主动发现）' } as const;

type ContentState = 'visible' | 'reviewing' | 'rejected';

function textState(check: CheckState, access: Access, isAuthor: boolean): ContentState {
  // Rejected by a reviewer: hidden from everyone; its author still reads it, marked 未通过审核.
  if (check === 'risky') return 'rejected';
  if (check === 'pass' || isAuthor) return 'visible';
  if (check === 'review' && access.handlerRole) return 'visible';
  return 'reviewing';
}

function photoState(check: CheckState, access: Access): ContentState {
  if (check === 'pass' || (check === 'review' && access.handlerRole)) return 'visible';
  return check === 'risky' ? 'rejected' : 'reviewing';
}

const privileged = (access: Access) => access.as !== 'member';

/** 待人工复核 is marked for those who see such content: the reviewers (handlers) and its author. */
const awaiting = (check: CheckState, access: Access, isAuthor: boolean) =>
  (check === 'review' && (!!access.handlerRole || isAuthor)) || undefined;

/** Review decisions (`review#<target>` events) are staff business; the author reads a rejection's reason on the content itself. */
const isReviewEvent = (e: GrievanceEventItem) => e.kind.startsWith('review#');
function rejectedReason(
  events: GrievanceEventItem[],
  target: string,
  check: CheckState,
  isAuthor: boolean,
): string | undefined {
  if (check !== 'risky' || !isAuthor) return undefined;
  return events.find((e) => e.kind === `review#${target}` && e.action === 'rejectContent')?.note;
}

/**
 * The attributes a list row is made of (summaryView, accessTo, isOverdue): lists read only these
 * (a ProjectionExpression), not a case's photos, ratings, resolution and the rest of its history. A
 * test checks that a row made from them equals one made from the whole item.
 */
export const SUMMARY_ATTRIBUTES = [
  'communityId',
  'grievanceId',
  'reporterId',
  'reporterName',
  'source',
  'householdUnitId',
  'category',
  'description',
  'descriptionCheck',
  'urgency',
  'visibility',
  'moderation',
  'anonymous',
  'location',
  'gridId',
  'level',
  'status',
  'dueAt',
  'overdueCount',
  'supportCount',
  'topicId',
  'topicTitle',
  'budgetProject',
  'createdAt',
] as const;
/** What a list row needs of a case. */
export type GrievanceRow = Pick<GrievanceItem, (typeof SUMMARY_ATTRIBUTES)[number]>;

function reporterLabel(c: GrievanceRow, access: Access): string {
  if (access.isReporter) return '我';
  if (c.anonymous) return ANONYMOUS;
  return `${c.reporterName}${SOURCE_SUFFIX[c.source]}`;
}

function locationLabel(c: GrievanceRow, access: Access): string {
  const l = c.location;
  if (l.kind === 'unit') return privileged(access) ? (l.unitLabel ?? '') : (l.buildingName ?? '');
  if (l.kind === 'building') return [l.buildingName, l.detail].filter(Boolean).join(' ');
  return l.detail ?? '';
}

/** A case as a list row for this viewer. */
export function summaryView(c: GrievanceRow, access: Access, settings: GrievanceSettings, now: Date): GrievanceSummary {
  const descriptionState = textState(c.descriptionCheck, access, access.isReporter);
  return {
    grievanceId: c.grievanceId,
    number: caseNumber(c.grievanceId),
    communityId: c.communityId,
    category: c.category,
    categoryLabel: categoryLabel(settings, c.category),
    excerpt:
      descriptionState === 'visible'
        ? excerpt(c.description)
        : descriptionState === 'rejected'
          ? '内容未通过审核'
          : '内容审核中',
    status: c.status,
    level: c.level,
    urgency: c.urgency,
    visibility: c.visibility,
    anonymous: c.anonymous,
    source: c.source,
    location: locationLabel(c, access),
    gridId: c.gridId,
    createdAt: c.createdAt,
    dueAt: c.dueAt,
    overdue: isOverdue(c, now),
    overdueCount: c.overdueCount,
    supportCount: c.supportCount,
    reporter: reporterLabel(c, access),
    mine: access.isReporter,
    topicId: c.topicId,
    topicTitle: c.topicTitle,
    budgetProject: c.budgetProject,
    moderation: c.moderation,
  };
}

const excerpt = (s: string) => (s.length > EXCERPT_CHARS ? `${s.slice(0, EXCERPT_CHARS)}…` : s);

export interface CaseParts {
  grievance: GrievanceItem;
  events: GrievanceEventItem[];
  messages: GrievanceMessageItem[];
  notes: GrievanceNoteItem[];
  supportedByMe: boolean;
}

type Actor = {
  name: string;
  role: 'reporter' | 'resident' | 'gridWorker' | 'committee' | 'street' | 'admin' | 'system';
};

export function actorOf(
  c: GrievanceItem,
  access: Access,
  who: { id?: string; name: string; role: Actor['role'] },
  viewerId: string,
): Actor {
  if (who.role === 'system') return { name: '系统', role: 'system' };
  if (who.role === 'reporter') {
    if (who.id && who.id === viewerId) return { name: '我', role: 'reporter' };
    // A grid worker who logged the case is staff, and is named as such.
    if (c.source !== 'resident') return { name: who.name, role: 'gridWorker' };
    return { name: c.anonymous ? ANONYMOUS : who.name, role: 'reporter' };
  }
  return { name: who.id && who.id === viewerId ? `${who.name}（我）` : who.name, role: who.role };
}

/** The whole case for this viewer: timeline, commitment, photos (short-lived links), messages, notes. */
export async function detailView(
  parts: CaseParts,
  access: Access,
  viewerId: string,
  settings: GrievanceSettings,
  now: Date,
): Promise<GrievanceDetail> {
  const c = parts.grievance;
  const summary = summaryView(c, access, settings, now);
  const descriptionState = textState(c.descriptionCheck, access, access.isReporter);
  const staff = !!access.handlerRole;
  const timeline: TimelineEntry[] = [...parts.events]
    .filter((e) => staff || !isReviewEvent(e))
    .sort((a, b) => a.at.localeCompare(b.at) || a.version - b.version)
    .map((e, i) => ({
      seq: i + 1,
      at: e.at,
      action: e.action as TimelineEntry['action'],
      actor: actorOf(c, access, { id: e.actorId, name: e.actorName, role: e.actorRole }, viewerId),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromLevel: e.fromLevel,
      toLevel: e.toLevel,
      note: e.note,
      proxyBy: e.proxyBy,
    }));

  const photos = await Promise.all(
    Object.entries(c.photos)
      .sort(([, a], [, b]) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key))
      .map(([photoId, p]) => ({ photoId, p, mine: p.by === viewerId, state: photoState(p.check, access) }))
      // Flagged photos stay out of everyone else's sight entirely; their uploader sees 未通过审核.
      .filter(({ state, mine }) => state !== 'rejected' || mine)
      .map(async ({ photoId, p, mine, state }) => {
        const link =
          state === 'visible' || (mine && state === 'reviewing') ? await presignDownload(p.key, now) : undefined;
        return {
          photoId,
          role: p.role,
          state,
          url: link?.url,
          expiresAt: link?.expiresAt,
          awaitingReview: awaiting(p.check, access, mine),
          rejectedReason: rejectedReason(parts.events, `photo:${photoId}`, p.check, mine),
        };
      }),
  );

  const seesConversation = access.as === 'reporter' || access.as === 'household' || staff;
  return {
    ...summary,
    description: descriptionState === 'visible' || access.isReporter ? c.description : undefined,
    descriptionState,
    descriptionAwaitingReview: awaiting(c.descriptionCheck, access, access.isReporter),
    descriptionRejectedReason: rejectedReason(parts.events, 'description', c.descriptionCheck, access.isReporter),
    photos,
    commitment: c.commitment && {
      text: c.commitment.text,
      dueBy: c.commitment.dueBy,
      by: actorOf(c, access, { id: c.commitment.byId, name: c.commitment.byName, role: c.commitment.byRole }, viewerId),
      at: c.commitment.at,
    },
    resolution: c.resolution && {
      outcome: c.resolution.outcome,
      note: c.resolution.note,
      referredTo: c.resolution.referredTo,
      by: actorOf(c, access, { id: c.resolution.byId, name: c.resolution.byName, role: c.resolution.byRole }, viewerId),
      at: c.resolution.at,
    },
    rating: c.rating && {
      rating: c.rating.rating,
      comment: privileged(access) ? c.rating.comment : undefined,
      at: c.rating.at,
    },
    timeline,
    messages: seesConversation
      ? [...parts.messages]
          .sort((a, b) => a.at.localeCompare(b.at) || a.messageId.localeCompare(b.messageId))
          .map((m) => {
            const mine = !!m.authorId && m.authorId === viewerId;
            const state = textState(m.textCheck, access, mine);
            return {
              messageId: m.messageId,
              at: m.at,
              author: actorOf(c, access, { id: m.authorId, name: m.authorName, role: m.authorRole }, viewerId),
              fromReporter: m.authorRole === 'reporter',
              mine,
              text: state === 'visible' || mine ? m.text : undefined,
              state,
              awaitingReview: awaiting(m.textCheck, access, mine),
              rejectedReason: rejectedReason(parts.events, `message:${m.messageId}`, m.textCheck, mine),
            };
          })
      : undefined,
    notes: staff
      ? [...parts.notes]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((n) => ({
            noteId: n.noteId,
            at: n.at,
            author: actorOf(c, access, { id: n.authorId, name: n.authorName, role: n.authorRole }, viewerId),
            text: n.text,
          }))
      : undefined,
    resident: staff && c.resident ? { name: c.resident.name, phoneMasked: maskPhone(c.resident.phone) } : undefined,
    version: c.version,
    viewer: access.as,
    actions: actionsFor(access, c),
    canMessage: canMessage(access, c),
    canSupport: canSupport(access, c) && !parts.supportedByMe,
    supportedByMe: parts.supportedByMe,
    reopenCount: c.reopenCount,
    canReview:
      staff &&
      (c.descriptionCheck === 'review' ||
        Object.values(c.photos).some((p) => p.check === 'review') ||
        parts.messages.some((m) => m.textCheck === 'review')),
  };
}
