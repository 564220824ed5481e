import { $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { GrievanceStatus, Level } from '@linli/shared';
import { grievances, openQueueKeys, type GrievanceItem } from '../db/entities/grievance';
import { grievanceEvents, type GrievanceEventItem } from '../db/entities/grievanceEvent';
import { failedWrites, transact, type WriteTx } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import type { NewPhoto } from './photos';
import { pendingPhotos } from './photos';

/**
 * How a step is written: the case update (conditioned on the version and status it was read at),
 * its immutable timeline event (conditioned on not existing), and its notification intents, in one
 * transaction of at most six writes. Either all of it happens or none of it.
 */

/** Attributes a step changes; `undefined` removes one (a commitment dropped on escalation). */
export type Patch = Partial<Omit<GrievanceItem, 'communityId' | 'grievanceId' | 'photos'>>;

/** `proxyBy`: the helper's name when the step was taken through 亲情代办 (the timeline marks it 代办). */
export type StepActor = { id?: string; name: string; role: GrievanceEventItem['actorRole']; proxyBy?: string };

export interface Step {
  /** The case as it will be once written, for the answer. */
  next: GrievanceItem;
  event: GrievanceEventItem;
  writes: { case: WriteTx; timeline: WriteTx; intents: WriteTx[] };
}

export function applyPatch(c: GrievanceItem, patch: Patch, photos: NewPhoto[] = []): GrievanceItem {
  const next = { ...c, ...patch, photos: { ...c.photos, ...pendingPhotos(photos) } } as GrievanceItem;
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
  return next;
}

/**
 * Builds a step. A transition bumps the version and writes event `EV#<new version>#T`; the sweep's
 * 催办/督办 keep the version and write `EV#<version>#remind|overdue`, so each happens once per version.
 */
export function buildStep(
  c: GrievanceItem,
  args: {
    kind: GrievanceEventItem['kind'];
    action: string;
    patch: Patch;
    actor: StepActor;
    note?: string;
    photos?: NewPhoto[];
    at: Date;
    intents: (next: GrievanceItem, version: number) => WriteTx[];
  },
): Step {
  const bumps = args.kind === 'T';
  const version = bumps ? c.version + 1 : c.version;
  const next = applyPatch(c, { ...args.patch, version }, args.photos);
  const event: GrievanceEventItem = {
    communityId: c.communityId,
    grievanceId: c.grievanceId,
    version,
    kind: args.kind,
    action: args.action,
    at: args.at.toISOString(),
    actorId: args.actor.id,
    actorName: args.actor.name,
    actorRole: args.actor.role,
    proxyBy: args.actor.proxyBy,
    fromStatus: bumps ? c.status : undefined,
    toStatus: next.status,
    fromLevel: bumps ? c.level : undefined,
    toLevel: next.level,
    note: args.note,
  } as GrievanceEventItem;
  return {
    next,
    event,
    writes: {
      case: caseUpdate(c, next, args.patch, version, args.photos ?? []),
      timeline: timelinePut(event),
      intents: args.intents(next, version),
    },
  };
}

function caseUpdate(c: GrievanceItem, next: GrievanceItem, patch: Patch, version: number, photos: NewPhoto[]): WriteTx {
  const values: Record<string, unknown> = { communityId: c.communityId, grievanceId: c.grievanceId, version };
  const asUpdate = (v: unknown) => (v === undefined ? $remove() : typeof v === 'object' && v !== null ? $set(v) : v);
  for (const [k, v] of Object.entries(patch)) values[k] = asUpdate(v);
  // Links run on put only: the open-queue keys follow the case by hand (removed once it closes).
  for (const [k, v] of Object.entries(openQueueKeys(next))) values[k] = asUpdate(v);
  // New photos are added one by one: a content-check verdict may be landing on the others right now.
  if (photos.length)
    values.photos = Object.fromEntries(Object.entries(pendingPhotos(photos)).map(([id, p]) => [id, $set(p)]));
  return grievances.transactUpdate(values as Parameters<typeof grievances.transactUpdate>[0], {
    condition: {
      and: [
        { attr: 'version', eq: c.version },
        { attr: 'status', eq: c.status },
      ],
    },
  });
}

const timelinePut = (event: GrievanceEventItem) =>
  grievanceEvents.transactPut(event, { condition: { attr: 'action', exists: false } });

/**
 * Writes a step. Answers false when the case moved on since it was read (its version or status no
 * longer match, or this step's event already exists): nothing was written, and the caller decides
 * whether that is a replay of its own step or a conflict.
 */
export async function writeStep(step: Step): Promise<boolean> {
  try {
    await transact(step.writes);
    return true;
  } catch (error) {
    const failed = failedWrites(error, step.writes);
    if (failed ? failed.has('case') || failed.has('timeline') : isConditionFailure(error)) return false;
    throw error;
  }
}

/** Attributes that follow a move to a level and status, given the deadline the move starts. */
export const placed = (
  status: GrievanceStatus,
  level: Level,
  deadline: { dueAt: string; remindAt: string } | undefined,
): Patch => ({
  status,
  level,
  dueAt: deadline?.dueAt,
  remindAt: deadline?.remindAt,
});
