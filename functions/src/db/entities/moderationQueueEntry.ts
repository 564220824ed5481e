import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { moderationPartition } from './moderationCase';

/**
 * 内容审核 queue marker: put in the transaction that holds or first reports a piece of content, deleted
 * in the transaction that records the decision. GSI1 is the community's queue, oldest first. No personal data.
 */
export const ModerationQueueEntryEntity = new Entity({
  name: 'ModerationQueueEntry',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    contentKey: string().key(),
    queuedAt: string(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId }) => moderationQueue(communityId)),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ queuedAt, contentKey }) => `${queuedAt}#${contentKey}`),
  })),
  computeKey: ({ communityId, contentKey }) => ({ PK: moderationPartition(communityId, contentKey), SK: 'QUEUE' }),
});
export const moderationQueueEntries = ModerationQueueEntryEntity.build(Repository);
export type ModerationQueueEntryItem = Omit<FormattedItem<typeof ModerationQueueEntryEntity>, 'created' | 'modified'>;

const moderationQueue = (communityId: string) => `C#${communityId}#MOD#QUEUE`;

/** M1 A community's 内容审核 queue, oldest first. */
export const moderationQueueOf = ModerationQueueEntryEntity.build(AccessPattern)
  .schema(map({ communityId: string(), page: pageInput }))
  .pattern(({ communityId, page }) => ({
    index: 'GSI1',
    partition: moderationQueue(communityId),
    options: pageOptions(page),
  }))
  .meta({ title: 'M1' });
