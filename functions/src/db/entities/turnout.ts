import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { topicPartition } from './topic';

/**
 * Live turnout of a poll (实时参与率), overall and by building, kept by the stream projection. Created
 * with every building of the electorate at zero, so the projection's nested ADDs always have a path.
 * Display only: the result is recounted from the ballots themselves.
 */
export const TurnoutEntity = new Entity({
  name: 'Turnout',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    heads: number(),
    area: number(),
    byBuilding: record(string(), map({ count: number(), area: number() })),
  }),
  computeKey: ({ communityId, topicId }) => ({ PK: topicPartition(communityId, topicId), SK: 'TURNOUT' }),
});
export const turnouts = TurnoutEntity.build(Repository);
export type TurnoutItem = FormattedItem<typeof TurnoutEntity>;
