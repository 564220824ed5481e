import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { grievancePartition } from './grievance';

/**
 * 待人工复核: a marker for content WeChat's check answered `review` (a description, a message or a
 * photo), written in the same write that stores the flagged content and deleted in the transaction
 * that records a reviewer's decision. It lives in the case's partition (after notes, so the detail
 * query leaves it out); GSI1 is the community's review queue, oldest first. No personal data.
 * `target`: `description`, `message:<messageId>` or `photo:<photoId>`.
 */
export const GrievanceReviewEntity = new Entity({
  name: 'GrievanceReview',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    grievanceId: string().key(),
    target: string().key(),
    flaggedAt: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => reviewQueue(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((r) => `${r.flaggedAt}#${r.grievanceId}#${r.target}`),
  })),
  computeKey: ({ communityId, grievanceId, target }) => ({
    PK: grievancePartition(communityId, grievanceId),
    SK: `REVIEW#${target}`,
  }),
});
export const grievanceReviews = GrievanceReviewEntity.build(Repository);
/** As services handle it: the created/modified stamps are the table's, not the domain's. */
export type GrievanceReviewItem = Omit<FormattedItem<typeof GrievanceReviewEntity>, 'created' | 'modified'>;

export const reviewQueue = (communityId: string) => `C#${communityId}#GRV#REVIEW`;

/** G14 A community's 待人工复核 markers, oldest first. */
export const reviewQueueOf = GrievanceReviewEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    index: 'GSI1',
    partition: reviewQueue(communityId),
    options: pageOptions(page),
  }))
  .meta({ title: 'G14' });
