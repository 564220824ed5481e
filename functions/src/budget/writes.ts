import { failedConditions, transact, type WriteTx } from '../db/transactions';

/**
 * A transaction's writes by name, so a cancelled one is decoded by what failed ("the round was no
 * longer in 点单", "already supported") instead of by position. Absent entries are left out; a name
 * may carry several writes (the six ballot boxes).
 */
export type NamedWrites = Record<string, WriteTx | readonly WriteTx[] | undefined | false>;

const FAILED = Symbol('failedWrites');

/** Runs the writes as one transaction; on a condition failure the error carries the failed names. */
export async function commit(writes: NamedWrites): Promise<void> {
  const names: string[] = [];
  const list: WriteTx[] = [];
  for (const [name, entry] of Object.entries(writes)) {
    if (!entry) continue;
    for (const write of Array.isArray(entry) ? entry : [entry as WriteTx]) {
      names.push(name);
      list.push(write);
    }
  }
  try {
    await transact(list);
  } catch (error) {
    const failed = failedConditions(error);
    if (failed && error && typeof error === 'object')
      Object.assign(error, { [FAILED]: new Set(failed.map((i) => names[i] as string)) });
    throw error;
  }
}

/** The names of the writes whose condition failed, or undefined when the error is not a cancelled transaction. */
export function failedWrites(error: unknown): ReadonlySet<string> | undefined {
  return error && typeof error === 'object' ? ((error as { [FAILED]?: Set<string> })[FAILED] ?? undefined) : undefined;
}
