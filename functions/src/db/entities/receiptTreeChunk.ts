import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';
import { topicPartition } from './topic';

/**
 * One chunk of a published poll's receipt commitment (shared/src/agora/merkle.ts): up to RECEIPT_CHUNK
 * sorted leaf hashes (SHA-256 of a receipt code, never the code), written at close before the result,
 * and never updated. A voter's inclusion proof reads the one chunk their leaf falls in and the chunk
 * roots kept on the TopicResult, so a proof costs one GetItem whatever the size of the poll.
 */
export const ReceiptTreeChunkEntity = new Entity({
  name: 'ReceiptTreeChunk',
  table: LinliTable,
  timestamps: false,
  schema: item({
    communityId: string().key(),
    topicId: string().key(),
    chunk: number().key(),
    /** The chunk's leaves, 64 hex characters each, concatenated in order (4096 leaves ≈ 256 KB). */
    leaves: string(),
  }),
  computeKey: ({ communityId, topicId, chunk }) => ({
    PK: topicPartition(communityId, topicId),
    SK: `RECEIPTS#${String(chunk).padStart(5, '0')}`,
  }),
});
export const receiptTreeChunks = ReceiptTreeChunkEntity.build(Repository);
export type ReceiptTreeChunkItem = FormattedItem<typeof ReceiptTreeChunkEntity>;

export const splitLeaves = (leaves: string): string[] => leaves.match(/.{64}/g) ?? [];
