import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * "This user already did this action": written (condition: absent) in the same transaction as the action,
 * keyed by the request id the client made for it, so a retried request is recognised instead of done twice.
 * `result` points at what the first attempt made. Expires by TTL after a day.
 */
export const IdempotencyRecordEntity = new Entity({
  name: 'IdempotencyRecord',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    action: string().key(),
    requestId: string().key(),
    /** The request that made it, fingerprinted with its idempotency key (http/idempotency.ts); absent before 2026-12. */
    requestFingerprint: string().optional(),
    result: string(),
    ttl: number(),
  }),
  computeKey: ({ userId, action, requestId }) => ({ PK: `USER#${userId}`, SK: `DONE#${action}#${requestId}` }),
  timestamps: false,
});
export const idempotencyRecords = IdempotencyRecordEntity.build(Repository);
export type IdempotencyRecordItem = FormattedItem<typeof IdempotencyRecordEntity>;
