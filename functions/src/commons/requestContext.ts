import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-invocation facts that deep code needs without threading them through every call. */
export interface RequestContext {
  correlationId: string;
  /**
   * DynamoDB calls sent while serving this request (each attempt of a retried call counts); reported
   * by benchmarks and checked against a counting proxy by tests. `answered` is set once the answer is
   * built: a call after that (work left running) counts as unattributed. `changed` holds the keys
   * (`PK SK`) of the items its successful writes touched, so a test can tell what this request wrote
   * from what other requests and schedules wrote meanwhile.
   */
  dbOps: { reads: number; writes: number; commands: string[]; changed: string[]; answered?: boolean };
  /**
   * The staff-log entry a privileged write owes (db/staffLog.ts): opened by the pipeline from the route's
   * `staffLog` declaration, completed by the service (`noteStaffChange`), written by the first transaction
   * the request commits, or by the pipeline after a single write. `kept` says which happened.
   */
  staffAction?: PendingStaffAction;
}

/** A staff action not yet written: plain data, so commons stays below db/. */
export interface PendingStaffAction {
  entryId: string;
  at: string;
  correlationId: string;
  /** Whose log: the path's community, or the one the service names (a street's write for one community). */
  communityId?: string;
  /** The street whose own log also keeps it: the path's street, or the one the service names (a new street). */
  streetId?: string;
  actorId: string;
  actorName: string;
  roles: string[];
  action: string;
  actionLabel: string;
  objectType: string;
  objectId: string;
  subjectUserId?: string;
  /** 亲情代办: the resident the actor acted for (the actor is the helper at the keyboard). */
  actingFor?: { userId: string; name: string };
  changes: { field: string; before?: string; after?: string }[];
  /** How many items the request had changed when the action opened (its rate counter): more means it wrote. */
  changedAtOpen: number;
  kept?: 'transaction' | 'afterWrite';
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const WRITE_COMMANDS = /^(Put|Update|Delete|TransactWrite|BatchWrite)/;

let unattributed = 0;

/** Counts one DynamoDB call on the wire against the request in whose context it is sent. */
export function countDbCommand(commandName: string): void {
  const ctx = storage.getStore();
  if (!ctx || ctx.dbOps.answered) {
    unattributed += 1;
    return;
  }
  const name = commandName.replace(/Command$/, '');
  ctx.dbOps.commands.push(name);
  if (WRITE_COMMANDS.test(name)) ctx.dbOps.writes += 1;
  else ctx.dbOps.reads += 1;
}

/**
 * DynamoDB calls this Lambda instance sent outside any request, or after its request was answered,
 * since the last time this was asked (it resets): the diagnostics header reports them as `outside`,
 * so the header's sum over every answer equals the calls on the wire.
 */
export function takeUnattributedDbCalls(): number {
  const n = unattributed;
  unattributed = 0;
  return n;
}

type Key = Record<string, unknown> | undefined;
const keyPart = (v: unknown) => (typeof v === 'string' ? v : ((v as { S?: string } | undefined)?.S ?? '?'));
const keyOf = (k: Key) => `${keyPart(k?.PK)} ${keyPart(k?.SK)}`;

/** The items a write command touched, from its input (marshalled or not); nothing for reads. */
function writtenKeys(name: string, input: Record<string, unknown>): string[] {
  switch (name) {
    case 'PutItem':
      return [keyOf(input.Item as Key)];
    case 'UpdateItem':
    case 'DeleteItem':
      return [keyOf(input.Key as Key)];
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Record<string, { Item?: Key; Key?: Key } | undefined>[]).flatMap((t) =>
        t.Put ? [keyOf(t.Put.Item)] : t.Update ? [keyOf(t.Update.Key)] : t.Delete ? [keyOf(t.Delete.Key)] : [],
      );
    case 'BatchWriteItem':
      return Object.values((input.RequestItems ?? {}) as Record<string, Record<string, { Item?: Key; Key?: Key }>[]>)
        .flat()
        .map((r) => keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
    default:
      return [];
  }
}

/** Notes the items a command that succeeded has written (called after DynamoDB answered). */
export function noteDbWrite(commandName: string, input: unknown): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  ctx.dbOps.changed.push(...writtenKeys(commandName.replace(/Command$/, ''), (input ?? {}) as Record<string, unknown>));
}
