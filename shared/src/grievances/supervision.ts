import { HANDLING_STATUSES, nextLevel, type GrievanceStatus, type Level } from './lifecycle';

/**
 * What the scheduled sweep does to one case (催办 and 督办). Every step is keyed to the case's
 * `version` (which every transition bumps), so a step already taken for this version is never taken
 * again, however often the sweep runs: idempotent by construction, and enforced by a condition on
 * the version when the step is written.
 */
export type SweepStep =
  /** Nothing due yet. */
  | 'none'
  /** 催办: tell the handler the deadline is near (or passed, if no reminder went out yet). */
  | 'remind'
  /** 督办: the deadline passed after a reminder; move the case one level up and flag 超时. */
  | 'escalate'
  /** 超时 at the street office, where there is no level above: flag it and tell the street, once. */
  | 'flagOverdue'
  /** The rating window passed: close as 未评价. */
  | 'autoClose';

export interface SupervisedCase {
  status: GrievanceStatus;
  level: Level;
  version: number;
  dueAt?: string;
  remindAt?: string;
  /** The version a 催办 was sent for. */
  remindedVersion?: number;
  /** The version a top-level 超时 was flagged for. */
  overdueVersion?: number;
}

/**
 * The next step for a case at `now`. A handler is always reminded before the case leaves their
 * level, even if the sweep first sees it after the deadline: nothing is escalated unannounced.
 */
export function sweepStep(c: SupervisedCase, now: Date): SweepStep {
  if (!c.dueAt) return 'none';
  const t = now.toISOString();
  if (c.status === 'resolved') return t >= c.dueAt ? 'autoClose' : 'none';
  if (!HANDLING_STATUSES.includes(c.status)) return 'none';
  const reminded = c.remindedVersion === c.version;
  if (!reminded) return t >= (c.remindAt ?? c.dueAt) ? 'remind' : 'none';
  if (t < c.dueAt) return 'none';
  if (nextLevel(c.level)) return 'escalate';
  return c.overdueVersion === c.version ? 'none' : 'flagOverdue';
}

/** True when a handler's deadline has passed (the rating window does not count). */
export function isOverdue(c: Pick<SupervisedCase, 'status' | 'dueAt'>, now: Date): boolean {
  return !!c.dueAt && HANDLING_STATUSES.includes(c.status) && now.toISOString() >= c.dueAt;
}
