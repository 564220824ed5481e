import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from '../commons/logger';
import { deliverInBulk } from './bulkDelivery';
import {
  dispatchIntent,
  forEachLimit,
  loadIntents,
  loadRecipients,
  noteDispatchError,
  type DispatchDeps,
} from './dispatch';

const INTENTS_IN_FLIGHT = 25;

/**
 * Handles one batch of stream records (the table's NotificationIntent inserts and audience progress):
 * reads the intents fresh, their recipients in BatchGets, delivers the fresh ones in bulk
 * (bulkDelivery.ts) and dispatches the rest one by one. A failing intent does not
 * fail the batch: it is reported in `batchItemFailures` (Lambda resumes from the earliest one, and what
 * follows it is redelivered — harmless, every step is idempotent) and made due for the sweeper, which is
 * what recovers it where the stream does not retry.
 */
export async function dispatchStreamBatch(
  records: DynamoDBRecord[],
  deps: DispatchDeps,
  now: Date,
): Promise<DynamoDBBatchResponse> {
  // One dispatch per intent per batch, answering for the first record that named it.
  const firstRecord = new Map<string, string>();
  for (const record of records) {
    const intentId = record.dynamodb?.NewImage?.intentId?.S;
    const sequence = record.dynamodb?.SequenceNumber;
    if (intentId && sequence && !firstRecord.has(intentId)) firstRecord.set(intentId, sequence);
  }
  if (!firstRecord.size) return { batchItemFailures: [] };

  const failed: string[] = [];
  const intents = await loadIntents([...firstRecord.keys()]).catch((error: unknown) => {
    logger.error('dispatcher could not read its batch', { error: error as Error });
    return undefined;
  });
  if (!intents) return { batchItemFailures: [...firstRecord.values()].map((itemIdentifier) => ({ itemIdentifier })) };
  // One unreadable recipient must not hold up the batch: without the prefetch each intent reads its own.
  const recipients = await loadRecipients(
    [...intents.values()].flatMap((i) => (i.recipientId && !i.audience ? [i.recipientId] : [])),
  ).catch(() => undefined);
  const onFailure = async (intentId: string, error: unknown) => {
    logger.error('dispatch failed', { intentId, error: error as Error });
    failed.push(firstRecord.get(intentId) as string);
    await noteDispatchError(intentId, error, now);
  };
  // Fresh deliveries in bulk; what is left (audiences, retries, anything unusual) one intent at a time.
  let oneByOne = [...intents.values()];
  if (recipients) {
    const bulk = await deliverInBulk(oneByOne, recipients, deps, now).catch((error: unknown) => {
      logger.warn('bulk delivery failed; delivering one by one', { error: error as Error });
      return undefined;
    });
    if (bulk) {
      oneByOne = bulk.leftover;
      for (const [intentId, error] of bulk.errors) await onFailure(intentId, error);
    }
  }
  await forEachLimit(oneByOne, INTENTS_IN_FLIGHT, async (intent) => {
    try {
      await dispatchIntent({ intent, now, prefetched: recipients }, deps);
    } catch (error) {
      await onFailure(intent.intentId, error);
    }
  });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
