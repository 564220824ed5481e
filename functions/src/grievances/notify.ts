import {
  caseNumber,
  categoryLabel,
  LEVEL_LABELS,
  type Audience,
  type GrievanceSettings,
  type Level,
  type NotificationEvent,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';
import type { WriteTx } from '../db/transactions';
import { notificationIntent } from '../notifications/outbox';

/**
 * The notification intents of 诉求, written in the same transaction as the step that causes them.
 * Handlers are addressed as a staff audience the dispatcher expands — the grid's 网格员, the 居委会,
 * the 街道 — or, once someone accepted the case, as that one person. No intent names the reporter: the text carries the category, building and number only.
 */

type Case = Pick<
  GrievanceItem,
  | 'communityId'
  | 'grievanceId'
  | 'category'
  | 'location'
  | 'level'
  | 'gridId'
  | 'reporterId'
  | 'source'
  | 'assignee'
  | 'dueAt'
>;

export const caseLink = (c: Pick<GrievanceItem, 'communityId' | 'grievanceId'>) =>
  `/packages/grievances/pages/detail/index?communityId=${c.communityId}&id=${c.grievanceId}`;

/** Who handles a level: the grid's workers, the committee, or the street office. */
export function levelAudience(level: Level, gridId: string | undefined): Audience {
  if (level === 'grid' && gridId) return { kind: 'staff', roles: ['gridWorker'], gridId };
  return { kind: 'staff', roles: [level === 'street' ? 'street' : 'committee'] };
}

/** Distinguishes intents of one step to different audiences (the reporter, the grid's workers, the committee). */
const audienceKey = (a: Audience | undefined) => (a?.kind === 'staff' ? a.roles.join('+') : (a?.kind ?? ''));

/** Building or place, never a unit: messages are read on lock screens. */
function where(c: Case): string {
  return c.location.kind === 'place' ? (c.location.detail ?? '') : (c.location.buildingName ?? '');
}

/** `occurrence` names what happened to the case: `v<version>` for a step, `review#<target>` for a review. */
function intent(
  c: Case,
  s: GrievanceSettings,
  event: NotificationEvent,
  occurrence: string,
  to: { recipientId?: string; audience?: Audience },
  text: { title: string; body: string; note?: string },
  now: Date,
): WriteTx {
  const label = categoryLabel(s, c.category);
  return notificationIntent(
    {
      communityId: c.communityId,
      event,
      dedupeKey: `${c.grievanceId}:${occurrence}:${to.recipientId ?? audienceKey(to.audience)}`,
      ...to,
      title: text.title,
      body: text.body,
      link: caseLink(c),
      // Empty values are left out: DynamoDB Local (and the templates) refuse empty strings.
      data: Object.fromEntries(
        Object.entries({
          number: caseNumber(c.grievanceId),
          category: label,
          location: where(c),
          level: LEVEL_LABELS[c.level],
          note: (text.note ?? '').slice(0, 20),
          time: now.toISOString(),
          due: c.dueAt ?? '',
        }).filter(([, v]) => v !== ''),
      ),
    },
    now,
  );
}

/** To the reporter — for residents' own requests only (a grid worker's visit log has no resident account). */
export function toReporter(
  c: Case,
  s: GrievanceSettings,
  event: NotificationEvent,
  version: number,
  text: { title: string; body: string; note?: string },
  now: Date,
): WriteTx[] {
  if (c.source !== 'resident' || !c.reporterId) return [];
  return [intent(c, s, event, `v${version}`, { recipientId: c.reporterId }, text, now)];
}

/** To the author of one piece of content (a message's or a photo's), about that content. */
export function toAuthor(
  c: Case,
  s: GrievanceSettings,
  event: NotificationEvent,
  occurrence: string,
  authorId: string,
  text: { title: string; body: string; note?: string },
  now: Date,
): WriteTx {
  return intent(c, s, event, occurrence, { recipientId: authorId }, text, now);
}

/** To the handlers of the case's current level (or to its assignee when someone accepted it). */
export function toHandlers(
  c: Case,
  s: GrievanceSettings,
  event: NotificationEvent,
  version: number,
  text: { title: string; body: string; note?: string },
  now: Date,
): WriteTx {
  const to = c.assignee ? { recipientId: c.assignee.userId } : { audience: levelAudience(c.level, c.gridId) };
  return intent(c, s, event, `v${version}`, to, text, now);
}

export const describe = (c: Case, s: GrievanceSettings) =>
  `${categoryLabel(s, c.category)} · ${where(c)}（${caseNumber(c.grievanceId)}）`;
