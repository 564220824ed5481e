import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageOptions } from '../page';

/**
 * A ballot (选票): what was chosen and how much it weighs, and nothing about who or when. Its key is the
 * receipt code (不按时间排序), the entity keeps no created/modified timestamps, and it sits in its own
 * partition, so neither its key, its attributes nor the order of a query can be matched with a
 * Participation. Open (记名) polls alone add the voter's label, by the committee's choice.
 */
export const BallotEntity = new Entity({
  name: 'Ballot',
  table: LinliTable,
  timestamps: false,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    receipt: string().key(),
    choices: list(string()),
    heads: number(),
    /** Hundredths of ㎡: owners' polls only, 0 otherwise (a unit's area would narrow down who cast it). */
    area: number(),
    voterLabel: string().optional(),
  }),
  computeKey: ({ communityId, topicId, receipt }) => ({ PK: ballotsOf(communityId, topicId), SK: receipt }),
});
export const ballots = BallotEntity.build(Repository);
export type BallotItem = FormattedItem<typeof BallotEntity>;
export const ballotsOf = (communityId: string, topicId: string) => `C#${communityId}#TOPIC#${topicId}#BALLOTS`;

/** A8 / A10 Every ballot of a poll, in receipt order, read consistently (the count; the bulletin board). */
export const ballotsOfPoll = BallotEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string() }))
  .pattern(({ communityId, topicId }) => ({
    partition: ballotsOf(communityId, topicId),
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'A8' });
