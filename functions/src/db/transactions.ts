import {
  execute,
  type ExecuteTransactWriteInput,
  type ExecuteTransactWriteOptions,
} from 'dynamodb-toolbox/entity/actions/transactWrite';
import { config } from '../commons/config';
import { cancellationReasons } from './errors';
import { owedStaffEntries } from './staffLog';

/** One write of a TransactWriteItems call, as built by a repository's `transactPut/Update/Delete/Check`. */
export type WriteTx = Exclude<ExecuteTransactWriteInput[number], ExecuteTransactWriteOptions>;

/**
 * The writes of one transaction, each named where it is built (`{ box, seat, ballot }`); a name may
 * hold several writes of one kind (`boxes: [...]`), and an absent one (`undefined`) writes nothing.
 * A cancellation is decoded by these names (`failedWrites`), never by position.
 */
export type Writes = Record<string, WriteTx | readonly WriteTx[] | undefined>;

/** Names of a transaction's writes; `failedWrites` answers in these. */
export type WriteName<W extends Writes> = Extract<keyof W, string>;

/** The names, in transaction order, of the transaction each cancellation came from. */
const namesOfCancelled = new WeakMap<object, string[]>();

/** How many writes `writes` holds (DynamoDB Local takes at most 10 in one transaction; AWS 100). */
export function writeCount(writes: Writes): number {
  return Object.values(writes).reduce((n, w) => n + (w === undefined ? 0 : Array.isArray(w) ? w.length : 1), 0);
}

/** Writes one transaction takes: DynamoDB 100; DynamoDB Local 1.11 (the local stack's) refuses more than 10. */
const TRANSACTION_WRITES = () => (config.dynamoEndpoint ? 10 : 100);

/**
 * The named writes as one list, all happening or none. Inside a privileged request (a route that declares
 * `staffLog`), the first transaction also writes the request's staff-log entry as its `staffLog` write
 * (and the street's as `streetStaffLog`, db/staffLog.ts): the change and its record commit together. A transaction already full leaves the entry
 * to the pipeline's write after the answer.
 */
export async function transact(writes: Writes): Promise<void> {
  const due = writeCount(writes) > 0 ? owedStaffEntries() : undefined;
  const owed = due && writeCount(writes) + due.count <= TRANSACTION_WRITES() ? due : undefined;
  // A write the service names itself (a street-wide notice's entry in one community) is kept as given.
  if (owed) writes = { ...owed.writes, ...writes };
  const names: string[] = [];
  const list: WriteTx[] = [];
  for (const [name, w] of Object.entries(writes)) {
    if (w === undefined) continue;
    for (const one of (Array.isArray(w) ? w : [w]) as WriteTx[]) {
      names.push(name);
      list.push(one);
    }
  }
  if (list.length === 0) return;
  try {
    await execute(...list);
    owed?.committed();
  } catch (error) {
    if (error && typeof error === 'object') namesOfCancelled.set(error, names);
    throw error;
  }
}

/**
 * The names of the writes whose condition failed when `transact(writes)` was cancelled, in
 * transaction order: a service tells "already voted" (`seat`) from "poll closed" (`box`) without
 * reading first. `undefined` when the error is no cancelled transaction of `transact`. Pass the
 * writes object (or its type) so the names are checked: `failedWrites(error, writes)?.has('seat')`.
 */
export function failedWrites<W extends Writes>(error: unknown, _writes?: W): ReadonlySet<WriteName<W>> | undefined {
  const reasons = cancellationReasons(error);
  const names = reasons && namesOfCancelled.get(error as object);
  if (!reasons || !names) return undefined;
  return new Set(
    reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' && names[i] ? [names[i] as WriteName<W>] : [])),
  );
}
