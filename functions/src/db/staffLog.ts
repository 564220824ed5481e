import { DAY_MS, staffObjectParam, type RouteContract } from '@linli/shared';
import { ulid } from '../commons/ids';
import { currentContext, type PendingStaffAction } from '../commons/requestContext';
import type { Draft } from './draft';
import {
  staffLogEntries,
  streetStaffLogEntries,
  type StaffLogEntryItem,
  type StreetStaffLogEntryItem,
} from './entities/staffLogEntry';

/**
 * The staff action log's seam (issue 18 §4). Why this shape: a privileged route declares its object in its
 * contract (`staffLog: { object: 'setting' }`), so the set of logged routes is read from the contracts and a
 * test fails on a role-gated write that declares nothing. The pipeline opens the entry the route owes
 * (`openStaffAction`: who, roles, community, object, action, and the body's fields as the change); the
 * service, which alone knows the state before, replaces the change with a diff (`noteStaffChange`); and
 * `transact()` adds the entry as its `staffLog` named write, so the entry and the change commit together or
 * not at all. A handler that changes things with a single write (no transaction) gets its entry from the
 * pipeline right after (`keepStaffAction`), under the id opened with the request: a conditional put, so a
 * repeat cannot duplicate it (DEVELOPING.md, "Privileged routes"). Handlers stay one-liners: nothing is threaded.
 */

/** Entries are kept five years (a 居委会 term), then DynamoDB's TTL removes them (DATA.md, "Staff action log"). */
const RETENTION_MS = 5 * 365 * DAY_MS;
/** Values are shown, not stored whole: a long text is cut. */
const MAX_VALUE_CHARS = 200;
/**
 * Fields never written to the log: credentials, idempotency keys, a paper ballot's choices (the ballot is
 * secret), upload keys. A field that is itself the change (a role, a price, a deadline) is recorded.
 */
const NEVER_RECORDED = /(secret|token|password|requestid|choices|ballot|key)$/i;

export type StaffChange = PendingStaffAction['changes'][number];

function shown(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested settings as dotted fields (`deadlines.acceptHours`), so an entry names the value that changed. */
function flattened(state: Record<string, unknown> | undefined, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state ?? {})) {
    if (isPlainObject(v) && Object.keys(v).length) Object.assign(out, flattened(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/**
 * The fields that differ between two states of an object, each with its value before and after as text
 * (nested objects as dotted fields). Only `fields` when given (what the action may change, their nested
 * fields included), else every field either side has.
 */
export function changedFields(
  beforeState: Record<string, unknown> | undefined,
  afterState: Record<string, unknown> | undefined,
  fields?: readonly string[],
): StaffChange[] {
  const before = flattened(beforeState);
  const after = flattened(afterState);
  const all = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const names = fields ? all.filter((n) => fields.some((f) => n === f || n.startsWith(`${f}.`))) : all;
  return names
    .filter((field) => !NEVER_RECORDED.test(field))
    .flatMap((field) => {
      const was = shown(before[field]);
      const is = shown(after[field]);
      return was === is
        ? []
        : [{ field, ...(was !== undefined ? { before: was } : {}), ...(is !== undefined ? { after: is } : {}) }];
    });
}

/** Opens the entry a privileged write owes, from its contract and the parsed request (the pipeline's call). */
export function openStaffAction(req: {
  contract: RouteContract;
  params: Record<string, unknown>;
  body: unknown;
  actor: { userId: string; name: string; roles: string[]; actingFor?: { userId: string; name: string } };
  now: Date;
  correlationId: string;
}): void {
  const ctx = currentContext();
  const declared = req.contract.staffLog;
  if (!ctx || !declared) return;
  const at = req.now.toISOString();
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : undefined;
  ctx.staffAction = {
    entryId: `${at}#${ulid(req.now.getTime())}`,
    at,
    correlationId: req.correlationId,
    communityId: req.params.communityId === undefined ? undefined : String(req.params.communityId),
    streetId: req.params.streetId === undefined ? undefined : String(req.params.streetId),
    actorId: req.actor.userId,
    actorName: req.actor.name,
    roles: req.actor.roles,
    action: req.contract.id,
    actionLabel: req.contract.summary,
    objectType: declared.object,
    objectId: String(req.params[staffObjectParam(req.contract)] ?? req.params.communityId),
    // 亲情代办: the resident acted for is named, and (as its subject) sees the entry in her data export.
    ...(req.actor.actingFor ? { actingFor: req.actor.actingFor, subjectUserId: req.actor.actingFor.userId } : {}),
    // Until the service says what changed from what, the request's own fields are the change.
    changes: changedFields(undefined, body),
    changedAtOpen: ctx.dbOps.changed.length,
  };
}

/**
 * What a privileged write changed, said by its service where it knows the state before: the fields that
 * differ become the entry's change; `objectId` names an object the path does not (a created topic), and
 * `subjectUserId` the resident the action is about (their binding, their role), whose data export shows it.
 * Outside a privileged route (a job, the seed, a test of the service) it does nothing.
 */
export function noteStaffChange(change: {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  fields?: readonly string[];
  objectId?: string;
  subjectUserId?: string;
  /** The community whose log keeps the entry, for a route not under one (the street office's writes). */
  communityId?: string;
  /** The street whose own log keeps it, for a route not under one (creating the street). */
  streetId?: string;
}): void {
  const pending = currentContext()?.staffAction;
  if (!pending || pending.kept) return;
  if (change.before !== undefined || change.after !== undefined)
    pending.changes = changedFields(change.before, change.after, change.fields);
  if (change.objectId) pending.objectId = change.objectId;
  if (change.subjectUserId) pending.subjectUserId = change.subjectUserId;
  if (change.communityId) pending.communityId = change.communityId;
  if (change.streetId) pending.streetId = change.streetId;
}

/**
 * The log is kept per community, and a street's own actions in the street's log: a declared route owes an
 * entry in the log of the community it concerns (its path's, or the one its service names) and one in its
 * street's (a route under `/streets/{streetId}`, or a street its service names), both under one entry id;
 * a write that concerns neither owes none.
 */
const owing = (pending: PendingStaffAction | undefined): pending is PendingStaffAction =>
  !!pending && !pending.kept && (!!pending.communityId || !!pending.streetId);

type EntryFields = Omit<Draft<StaffLogEntryItem>, 'communityId'>;

function entryFields(pending: PendingStaffAction, kept: StaffLogEntryItem['kept']): EntryFields {
  return {
    entryId: pending.entryId,
    at: pending.at,
    actorId: pending.actorId,
    actorName: pending.actorName,
    roles: pending.roles,
    action: pending.action,
    actionLabel: pending.actionLabel,
    objectType: pending.objectType as StaffLogEntryItem['objectType'],
    objectId: pending.objectId,
    ...(pending.subjectUserId ? { subjectUserId: pending.subjectUserId } : {}),
    ...(pending.actingFor ? { actingForId: pending.actingFor.userId, actingForName: pending.actingFor.name } : {}),
    changes: pending.changes,
    correlationId: pending.correlationId,
    kept,
    ttl: Math.floor((Date.parse(pending.at) + RETENTION_MS) / 1000),
  };
}

const entryOf = (communityId: string, fields: EntryFields): Draft<StaffLogEntryItem> => ({ communityId, ...fields });

const streetEntryOf = (pending: PendingStaffAction, fields: EntryFields): Draft<StreetStaffLogEntryItem> => ({
  streetId: pending.streetId as string,
  ...(pending.communityId ? { communityId: pending.communityId } : {}),
  ...fields,
});

const onlyOnce = { condition: { attr: 'entryId', exists: false } } as const;

/**
 * The named writes `transact()` adds to the first transaction a privileged request commits — `staffLog` in
 * the community's log, `streetStaffLog` in the street's — or undefined when none is owed. `committed()`
 * marks the entry kept once the transaction has succeeded.
 */
export function owedStaffEntries():
  | {
      writes: {
        staffLog?: ReturnType<typeof staffLogEntries.transactPut>;
        streetStaffLog?: ReturnType<typeof streetStaffLogEntries.transactPut>;
      };
      count: number;
      committed: () => void;
    }
  | undefined {
  const pending = currentContext()?.staffAction;
  if (!owing(pending)) return undefined;
  const fields = entryFields(pending, 'transaction');
  const writes = {
    ...(pending.communityId
      ? { staffLog: staffLogEntries.transactPut(entryOf(pending.communityId, fields), onlyOnce) }
      : {}),
    ...(pending.streetId
      ? { streetStaffLog: streetStaffLogEntries.transactPut(streetEntryOf(pending, fields), onlyOnce) }
      : {}),
  };
  return { writes, count: Object.keys(writes).length, committed: () => (pending.kept = 'transaction') };
}

/**
 * After the handler answered: a privileged request that changed items without a transaction gets its entry
 * (or entries) now, under the id it opened with (a conditional put: a repeat cannot add a second). One that
 * changed nothing (a replay answered from its first result, a refusal) owes none. Answers how it was kept.
 */
export async function keepStaffAction(): Promise<PendingStaffAction['kept']> {
  const ctx = currentContext();
  const pending = ctx?.staffAction;
  if (!ctx || !pending) return undefined;
  if (owing(pending) && ctx.dbOps.changed.length > pending.changedAtOpen) {
    const fields = entryFields(pending, 'afterWrite');
    await Promise.all([
      pending.communityId && staffLogEntries.put(entryOf(pending.communityId, fields), onlyOnce),
      pending.streetId && streetStaffLogEntries.put(streetEntryOf(pending, fields), onlyOnce),
    ]);
    pending.kept = 'afterWrite';
  }
  return pending.kept;
}

/**
 * A street office's write that concerns several communities at once (a street-wide notice) keeps one entry
 * in the log of each, naming that community's object: the entry's write for `communityId`'s log, to go in
 * the transaction that changes it there (a conditional put under the request's entry id, so a resumed
 * request cannot add a second), and `committed()` to call once that transaction succeeded. Undefined
 * outside a privileged route.
 */
export function staffEntryIn(communityId: string, objectId: string) {
  const pending = currentContext()?.staffAction;
  if (!pending) return undefined;
  return {
    write: staffLogEntries.transactPut(
      entryOf(communityId, entryFields({ ...pending, objectId }, 'transaction')),
      onlyOnce,
    ),
    committed: () => (pending.kept = 'transaction'),
  };
}
