import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import type { ResultView } from '@linli/shared';
import { LinliTable } from '../table';
import { topicPartition } from './topic';

/**
 * The published result of a poll (表决结果): written once, with a condition that it does not exist,
 * and never updated. `digest` fingerprints the ballots it was counted from, so a recount can tell
 * "same ballots, same result" from "the ballots changed".
 */
export const TopicResultEntity = new Entity({
  name: 'TopicResult',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    countedAt: string(),
    digest: string(),
    /** The ResultView as published (validated against the contract when read). */
    result: any(),
    /**
     * Where the receipt commitment's chunks start and their subtree roots (ReceiptTreeChunk), so a
     * proof reads one chunk. Absent on results published before receipts were committed.
     */
    tree: any().optional(),
  }),
  computeKey: ({ communityId, topicId }) => ({ PK: topicPartition(communityId, topicId), SK: 'RESULT' }),
});
export const topicResults = TopicResultEntity.build(Repository);
export type TopicResultItem = FormattedItem<typeof TopicResultEntity>;
export const resultOfItem = (r: TopicResultItem) => r.result as ResultView;
/** The stored index of a result's receipt tree (see ReceiptTreeChunk). */
export interface ReceiptTreeIndex {
  chunkSize: number;
  firsts: string[];
  tops: string[];
}
export const treeOfItem = (r: TopicResultItem) => r.tree as ReceiptTreeIndex | undefined;
