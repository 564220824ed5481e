import * as z from 'zod/mini';
import { GRIEVANCE_ACTIONS, GRIEVANCE_STATUSES, LEVELS, OUTCOMES, RATINGS } from './lifecycle';
import { grievanceSummaryView } from './tabRoutes';

/*
 * One 诉求 as its detail page shows it (timeline, photos, conversation, notes). Apart from the route contracts:
 * both the grievances Lambda (contracts.ts) and the oversight Lambda (oversightContracts.ts: 人工复核 answers
 * with the case) answer with it, and a contracts module imported at all is bundled whole.
 */

const actorRole = z.enum(['reporter', 'resident', 'gridWorker', 'committee', 'street', 'admin', 'system']);
export const actorView = z.object({ name: z.string(), role: actorRole });
export const contentState = z.enum(['visible', 'reviewing', 'rejected']);

export const timelineEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.enum([
    ...GRIEVANCE_ACTIONS,
    'submit',
    'remind',
    'overdue',
    'linkTopic',
    'linkBudget',
    'approveContent',
    'rejectContent',
  ]),
  actor: actorView,
  fromStatus: z.optional(z.enum(GRIEVANCE_STATUSES)),
  toStatus: z.enum(GRIEVANCE_STATUSES),
  fromLevel: z.optional(z.enum(LEVELS)),
  toLevel: z.enum(LEVELS),
  note: z.optional(z.string()),
  /** 亲情代办: who took this step in the resident's name (shown as 代办). */
  proxyBy: z.optional(z.string()),
});
export type TimelineEntry = z.output<typeof timelineEntryView>;

export const grievancePhotoView = z.object({
  photoId: z.string(),
  role: z.enum(['report', 'resolution']),
  /** visible: passed the content check; reviewing: 审核中; rejected: 未通过审核 (shown only to its uploader). */
  state: contentState,
  url: z.optional(z.string()),
  expiresAt: z.optional(z.string()),
  /** WeChat asked for a person to judge it (待人工复核): shown to the reviewers and the uploader. */
  awaitingReview: z.optional(z.boolean()),
  /** Why staff rejected it: to its uploader only. */
  rejectedReason: z.optional(z.string()),
});

export const grievanceDetailView = z.extend(grievanceSummaryView, {
  description: z.optional(z.string()),
  descriptionState: contentState,
  /** The description waits for a person's judgement (待人工复核): set for the reviewers and the reporter. */
  descriptionAwaitingReview: z.optional(z.boolean()),
  /** Why staff rejected the description: to the reporter only. */
  descriptionRejectedReason: z.optional(z.string()),
  photos: z.array(grievancePhotoView),
  commitment: z.optional(z.object({ text: z.string(), dueBy: z.string(), by: actorView, at: z.string() })),
  resolution: z.optional(
    z.object({
      outcome: z.enum(OUTCOMES),
      note: z.string(),
      referredTo: z.optional(z.string()),
      by: actorView,
      at: z.string(),
    }),
  ),
  rating: z.optional(
    z.object({ rating: z.enum([...RATINGS, 'unrated']), comment: z.optional(z.string()), at: z.string() }),
  ),
  timeline: z.array(timelineEntryView),
  /** The conversation between the reporter and the handlers; absent for other viewers. */
  messages: z.optional(
    z.array(
      z.object({
        messageId: z.string(),
        at: z.string(),
        author: actorView,
        fromReporter: z.boolean(),
        mine: z.boolean(),
        text: z.optional(z.string()),
        state: contentState,
        awaitingReview: z.optional(z.boolean()),
        rejectedReason: z.optional(z.string()),
      }),
    ),
  ),
  /** Internal notes: staff only, never the reporter. */
  notes: z.optional(z.array(z.object({ noteId: z.string(), at: z.string(), author: actorView, text: z.string() }))),
  /** The resident a grid worker logged this for (民情日记): staff only, phone masked. */
  resident: z.optional(z.object({ name: z.string(), phoneMasked: z.optional(z.string()) })),
  version: z.number(),
  viewer: z.enum(['reporter', 'household', 'handler', 'member']),
  actions: z.array(z.enum(GRIEVANCE_ACTIONS)),
  canMessage: z.boolean(),
  canSupport: z.boolean(),
  supportedByMe: z.boolean(),
  reopenCount: z.number(),
  /** The viewer may approve or reject content waiting for review on this case (its handlers). */
  canReview: z.optional(z.boolean()),
});
export type GrievanceDetail = z.output<typeof grievanceDetailView>;
