import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';
import { moderationPartition } from './moderationCase';

/**
 * 举报: one resident's report of one piece of content, in the content's moderation partition. Its key
 * names the reporter, so "one report per resident per item" is the put's condition, not a read.
 * GSI2 lists a person's own reports (export, erasure).
 */
export const ContentReportEntity = new Entity({
  name: 'ContentReport',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    contentKey: string().key(),
    reporterId: string().key(),
    reason: string(),
    note: string().optional(),
    reportedAt: string(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ reporterId }) => `USER#${reporterId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ reportedAt, contentKey }) => `MOD#REPORT#${reportedAt}#${contentKey}`),
  })),
  computeKey: ({ communityId, contentKey, reporterId }) => ({
    PK: moderationPartition(communityId, contentKey),
    SK: `REPORT#${reporterId}`,
  }),
});
export const contentReports = ContentReportEntity.build(Repository);
export type ContentReportItem = Omit<FormattedItem<typeof ContentReportEntity>, 'created' | 'modified'>;

/** M3 The reports of one piece of content (the queue shows their notes). */
export const reportsOfContent = ContentReportEntity.build(AccessPattern)
  .schema(map({ communityId: string(), contentKey: string() }))
  .pattern(({ communityId, contentKey }) => ({
    partition: moderationPartition(communityId, contentKey),
    range: { beginsWith: 'REPORT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'M3' });

/** M5 A person's own reports (export, erasure). */
export const reportsBy = ContentReportEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'MOD#REPORT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'M5' });
