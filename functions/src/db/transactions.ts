import {
  execute,
  type ExecuteTransactWriteInput,
  type ExecuteTransactWriteOptions,
} from 'dynamodb-toolbox/entity/actions/transactWrite';
import { cancellationReasons } from '../http/errors';

/** One write of a TransactWriteItems call, as built by a repository's `transactPut/Update/Delete/Check`. */
export type WriteTx = Exclude<ExecuteTransactWriteInput[number], ExecuteTransactWriteOptions>;

/** Up to 100 writes that all happen or none do. */
export async function transact(writes: WriteTx[]): Promise<void> {
  if (writes.length === 0) return;
  await execute(...writes);
}

/**
 * Indexes of the writes whose condition failed in a cancelled transaction, so a service can tell
 * "already voted" from "poll closed" without reading first.
 */
export function failedConditions(error: unknown): number[] | undefined {
  const reasons = cancellationReasons(error);
  if (!reasons) return undefined;
  return reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' ? [i] : []));
}
