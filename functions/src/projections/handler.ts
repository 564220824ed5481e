import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { assertSafeForStage } from '../commons/config';
import { logger } from '../commons/logger';
import { projectTurnout } from './agoraTurnout';
import type { ChangeRecord, Projection } from './changes';

assertSafeForStage();

/** Projections by the entity (`_et`) whose changes they follow. Add a line to project another entity. */
export const PROJECTIONS: Record<string, Projection> = {
  Participation: projectTurnout,
};

function toChange(r: DynamoDBRecord): ChangeRecord | undefined {
  const d = r.dynamodb;
  if (!d?.SequenceNumber || !r.eventName) return undefined;
  const image = (i: unknown) => (i ? unmarshall(i as Record<string, AttributeValue>) : undefined);
  return {
    eventName: r.eventName,
    sequenceNumber: d.SequenceNumber,
    newImage: image(d.NewImage),
    oldImage: image(d.OldImage),
  };
}

/**
 * The stream Lambda for read models (the other reader of the table's stream is the notifications
 * dispatcher; AWS allows two per shard). Routes records by entity, and reports partial batch
 * failures so one bad record does not replay the whole batch on AWS.
 */
export function projector(projections: Record<string, Projection> = PROJECTIONS) {
  return async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    const byEntity = new Map<string, ChangeRecord[]>();
    for (const raw of event.Records ?? []) {
      const change = toChange(raw);
      const entity = String((change?.newImage ?? change?.oldImage)?._et ?? '');
      if (!change || !projections[entity]) continue;
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), change]);
    }
    const failed: string[] = [];
    for (const [entity, records] of byEntity) {
      try {
        failed.push(...(await (projections[entity] as Projection)(records)).failed);
      } catch (error) {
        logger.error('projection failed', { entity, records: records.length, error: error as Error });
        failed.push(...records.map((r) => r.sequenceNumber));
      }
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

export const handler = projector();
