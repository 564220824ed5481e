import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { VOTE_CHANNELS } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageOptions } from '../page';
import { topicPartition } from './topic';

const attempt = () =>
  map({
    channel: string().enum(...VOTE_CHANNELS),
    by: string().optional(),
    byName: string(),
    at: string(),
    photoKey: string().optional(),
  });

/**
 * A second ballot for a voter who already voted, from another channel (a paper ballot for a household
 * that voted online, or the reverse). The second ballot is refused and this record goes to the
 * committee, who keep the first or void it: never resolved silently. It records who and when, never
 * what either ballot chose (the paper's photo is the committee's evidence).
 */
export const VoteConflictEntity = new Entity({
  name: 'VoteConflict',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    conflictId: string().key(),
    voterKey: string(),
    voterLabel: string(),
    existing: attempt(),
    attempted: attempt(),
    status: string().enum('open', 'kept', 'voided'),
    note: string().optional(),
    resolvedBy: string().optional(),
    resolvedByName: string().optional(),
    resolvedAt: string().optional(),
    createdAt: string(),
  }),
  computeKey: ({ communityId, topicId, conflictId }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `CONFLICT#${conflictId}`,
  }),
});
export const voteConflicts = VoteConflictEntity.build(Repository);
export type VoteConflictItem = FormattedItem<typeof VoteConflictEntity>;

/** A5 A poll's cross-channel conflicts, read consistently. */
export const conflictsOf = VoteConflictEntity.build(AccessPattern)
  .schema(map({ communityId: string(), topicId: string() }))
  .pattern(({ communityId, topicId }) => ({
    partition: topicPartition(communityId, topicId),
    range: { beginsWith: 'CONFLICT#' },
    options: { consistent: true, ...pageOptions(undefined) },
  }))
  .meta({ title: 'A5' });
