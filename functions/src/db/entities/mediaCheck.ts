import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * An asynchronous image check in flight (mediaCheckAsync): WeChat's verdict arrives later by push with
 * only the trace id, which this item maps back to the photo it judges. Expires after 30 days.
 */
export const MediaCheckEntity = new Entity({
  name: 'MediaCheck',
  table: LinliTable,
  schema: item({
    traceId: string().key(),
    subject: string().enum('grievancePhoto'),
    communityId: string(),
    grievanceId: string(),
    photoId: string(),
    startedAt: string(),
    ttl: number(),
  }),
  computeKey: ({ traceId }) => ({ PK: `MEDIACHECK#${traceId}`, SK: 'MEDIACHECK' }),
});
export const mediaChecks = MediaCheckEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type MediaCheckItem = Omit<FormattedItem<typeof MediaCheckEntity>, 'created' | 'modified'>;
