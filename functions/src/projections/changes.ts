/** One table change as a projection sees it: plain JS images, in stream order. */
export interface ChangeRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  sequenceNumber: string;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

/**
 * A read model kept from the table's stream. It must be idempotent — a record can arrive again after
 * a retry (the local stream plugin replays whole batches) — and returns the sequence numbers of the
 * records it could not apply, so only those (and what follows them) are retried.
 */
export type Projection = (records: ChangeRecord[]) => Promise<{ failed: string[] }>;
