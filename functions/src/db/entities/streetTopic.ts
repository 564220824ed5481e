import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { list } from 'dynamodb-toolbox/schema/list';
import { BALLOT_KINDS } from '@linli/shared';
import { pageInput, pageOptions } from '../page';
import { streetPartition } from './street';

/**
 * 街道议事: a street-wide consultation the street office opened. It is voted as one ordinary community poll
 * per chosen community (`Topic` under the same id in each, linked back by `Topic.street`), so electorates,
 * ballots, receipts and the close-time recount stay per community. `counted` grows by one in the same
 * transaction that publishes a community's result (with its `StreetTopicTally`); `total` is written once,
 * conditioned on `counted` having reached the number of communities. Ids are ULIDs (newest first); the
 * sender's idempotency record names the one a request made.
 */
export const StreetTopicEntity = new Entity({
  name: 'StreetTopic',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    streetTopicId: string().key(),
    streetName: string(),
    title: string(),
    description: string(),
    basis: string().enum('household', 'person'),
    preset: string().enum('consultation', 'residentsMeeting'),
    /** The ballot every community poll has. */
    ballot: map({
      kind: string().enum(...BALLOT_KINDS),
      options: list(map({ optionId: string(), label: string() })),
      maxChoices: number(),
    }),
    opensAt: string(),
    closesAt: string(),
    createdBy: string(),
    createdAt: string(),
    /** `{ communityId, name }` of each chosen community; its poll is `Topic` `streetTopicId` there. */
    communities: any(),
    counted: number().default(0),
    /** The street's sum (`StreetSum`), once every community's poll is published. */
    total: any().optional(),
  }),
  computeKey: ({ streetId, streetTopicId }) => ({ PK: streetPartition(streetId), SK: `STOPIC#${streetTopicId}` }),
});
export const streetTopics = StreetTopicEntity.build(Repository);
export type StreetTopicItem = FormattedItem<typeof StreetTopicEntity>;

/**
 * One community's published result as the street counts it: electorate, ballots and heads per option
 * (never a ballot). Written with the community's result, conditioned on absent, so a community counts once.
 */
export const StreetTopicTallyEntity = new Entity({
  name: 'StreetTopicTally',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    streetTopicId: string().key(),
    communityId: string().key(),
    electorate: number(),
    ballots: number(),
    /** `[{ optionId, label, heads }]`. */
    options: any(),
    summary: string(),
    countedAt: string(),
  }),
  computeKey: ({ streetId, streetTopicId, communityId }) => ({
    PK: streetPartition(streetId),
    SK: `STALLY#${streetTopicId}#${communityId}`,
  }),
});
export const streetTopicTallies = StreetTopicTallyEntity.build(Repository);
export type StreetTopicTallyItem = FormattedItem<typeof StreetTopicTallyEntity>;

/** W10 A street's 议事, newest first (ids begin with their creation time). */
export const topicsOfStreet = StreetTopicEntity.build(AccessPattern)
  .schema(map({ streetId: string(), page: pageInput }))
  .pattern(({ streetId, page }) => ({
    partition: streetPartition(streetId),
    range: { beginsWith: 'STOPIC#' },
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: 'W10' });
