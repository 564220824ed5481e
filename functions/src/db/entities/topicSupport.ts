import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';
import { topicPartition } from './topic';

/** One resident's 附议 of a proposal; the key makes it once per person. GSI2: a user's supports. */
export const TopicSupportEntity = new Entity({
  name: 'TopicSupport',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    userId: string().key(),
    at: string(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ at, topicId }) => `AGORA#SUPPORT#${at}#${topicId}`),
  })),
  computeKey: ({ communityId, topicId, userId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `SUPPORT#${userId}`,
  }),
});
export const topicSupports = TopicSupportEntity.build(Repository);
export type TopicSupportItem = FormattedItem<typeof TopicSupportEntity>;

/** A13 A person's supports of proposals (export). */
export const supportsBy = TopicSupportEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: 'AGORA#SUPPORT#' },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'A13' });
