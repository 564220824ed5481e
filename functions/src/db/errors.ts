/**
 * What a failed DynamoDB call means, for services and the HTTP pipeline alike: the database layer
 * classifies its own errors, so `db/` needs nothing from `http/`.
 */

/** The cancellation reason codes of a TransactionCanceledException, in transaction order. */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** A conditional write refused, alone or inside a cancelled transaction. */
export function isConditionFailure(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  if (reasons) return reasons.includes('ConditionalCheckFailed');
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}

/** AWS returns this when two transactions touch the same item at once; DynamoDB Local never does. */
export function isTransactionConflict(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  return (
    (error as { name?: string } | undefined)?.name === 'TransactionConflictException' ||
    (reasons?.includes('TransactionConflict') ?? false)
  );
}

/** A forged or stale pagination cursor: the HTTP pipeline answers 400 with this message. */
export class InvalidCursor extends Error {
  constructor() {
    super('分页参数无效，请刷新后重试');
    this.name = 'InvalidCursor';
  }
}
