import { createHash, createHmac } from 'node:crypto';
import {
  chunkedProof,
  chunkedTree,
  chunkOf,
  choiceWords,
  RECEIPT_CHUNK,
  RECEIPT_TREE_CONSTRUCTION,
  receiptLeaf,
  type ChunkedTree,
  type ReceiptCheckView,
  type ResultView,
} from '@linli/shared';
import { ballots, type BallotItem } from '../db/entities/ballot';
import { receiptTreeChunks, splitLeaves } from '../db/entities/receiptTreeChunk';
import type { VoteSettings } from '../db/entities/topic';
import { resultOfItem, topicResults, treeOfItem, type ReceiptTreeIndex } from '../db/entities/topicResult';
import { secrets } from '../commons/secrets';
import { conflict, notFound } from '../http/errors';
import { specOf } from './casting';
import { agora } from '../db/registries/agora';
import { loadTopic } from './topicItem';

/** node:crypto's SHA-256 for the Merkle functions (the phone uses the plain one in shared). */
const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

/** The receipt commitment of a poll's ballots: sorted leaf hashes, built in one pass (2n hashes). */
export function receiptTree(topicId: string, items: readonly BallotItem[]): ChunkedTree {
  const leaves = items.map((b) => receiptLeaf(sha256, topicId, b.receipt)).sort();
  return chunkedTree(sha256, leaves, RECEIPT_CHUNK);
}

export const receiptRootOf = (tree: ChunkedTree): NonNullable<ResultView['receiptRoot']> => ({
  root: tree.root,
  leaves: tree.leaves,
  construction: RECEIPT_TREE_CONSTRUCTION,
});

/**
 * Writes the tree's chunks (idempotent: the same ballots give the same chunks, so two closes racing
 * write the same items) and answers the index the result keeps. Runs before the result is published.
 */
export async function storeReceiptTree(communityId: string, topicId: string, tree: ChunkedTree) {
  for (const [chunk, leaves] of tree.chunks.entries())
    await receiptTreeChunks.put({ communityId, topicId, chunk, leaves: leaves.join('') });
  return { chunkSize: RECEIPT_CHUNK, firsts: tree.firsts, tops: tree.tops } satisfies ReceiptTreeIndex;
}

/**
 * The order of the published list: by HMAC of the receipt under the ballot secret. Stable (the same
 * list on every export, so it can be hashed and archived) yet unrelated to when a ballot was cast or
 * to its receipt, which no one but its voter holds.
 */
async function listOrder(topicId: string, items: BallotItem[]): Promise<BallotItem[]> {
  const key = await secrets.ballot();
  const rank = new Map(
    items.map((b) => [b, createHmac('sha256', key).update(`agora-order|${topicId}|${b.receipt}`).digest('hex')]),
  );
  return [...items].sort((a, b) => ((rank.get(a) as string) < (rank.get(b) as string) ? -1 : 1));
}

/** One line of the published ballot list: the receipt (open ballots only), the choices in words, heads, ㎡. */
export interface PublishedBallot {
  receipt?: string;
  choices: string[];
  heads: number;
  area: number;
}

/** The published ballot list of a poll in its stable order (see `listOrder`). */
export async function publishedBallots(topicId: string, vote: VoteSettings, items: BallotItem[]) {
  const spec = specOf(vote);
  const open = vote.secrecy === 'open';
  return (await listOrder(topicId, items)).map((b): PublishedBallot => ({
    ...(open ? { receipt: b.receipt } : {}),
    choices: choiceWords(spec, b.choices).split('、'),
    heads: b.heads,
    area: b.area / 100,
  }));
}

/**
 * The published list as bytes: one JSON object per line (keys in the order receipt?, choices, heads, area), each
 * line ending in "\n". Its SHA-256 is published with the result (`ballotListSha256`), so anyone holding the list
 * (导出选票清单, or ballots.jsonl in the archive) recomputes it: `sha256(list.map(JSON.stringify).join('\n') + '\n')`.
 */
export const ballotListText = (list: readonly PublishedBallot[]) => list.map((b) => JSON.stringify(b) + '\n').join('');

export const ballotListSha256 = (list: readonly PublishedBallot[]) =>
  createHash('sha256').update(ballotListText(list), 'utf8').digest('hex');

/**
 * The published ballot list (公示选票清单): every counted ballot's choices and weight, so anyone can
 * recount. A secret poll's list carries no receipts, so a receipt never points at a choice.
 */
export async function exportResult(communityId: string, topicId: string) {
  const topic = await loadTopic(communityId, topicId);
  const { Item: stored } = await topicResults.get({ communityId, topicId });
  if (topic.phase !== 'published' || !stored) throw conflict('结果公示后才能导出', 'ILLEGAL_TRANSITION');
  const { Items = [] } = await agora.query.ballotsOf({ communityId, topicId }).send();
  return {
    topicId,
    title: topic.title,
    result: resultOfItem(stored),
    order: '按核验码的密钥散列排序（与投票时间、核验码均无关）',
    ballots: await publishedBallots(topicId, topic.vote as VoteSettings, Items),
  };
}

/**
 * 核验: is the ballot of this receipt in the box, and after close in the count (with its inclusion
 * proof). A secret ballot's choice is never in the answer, during voting or after: the voter saw it
 * once on the cast screen and may keep it on their own phone.
 */
export async function checkReceipt(communityId: string, topicId: string, code: string): Promise<ReceiptCheckView> {
  const topic = await loadTopic(communityId, topicId);
  const receipt = code.toUpperCase();
  const vote = topic.vote;
  if (!vote) throw notFound('核验码对应的选票');
  const { Item } = await ballots.get({ communityId, topicId, receipt }, { consistent: true });
  const base = { receipt, secrecy: vote.secrecy };
  if (!Item) return { ...base, status: 'notCounted' };
  const choices = vote.secrecy === 'open' ? { choices: choiceWords(specOf(vote), Item.choices).split('、') } : {};
  if (topic.phase !== 'published') return { ...base, status: 'inBox', at: vote.closesAt, ...choices };
  const { Item: stored } = await topicResults.get({ communityId, topicId });
  if (!stored) return { ...base, status: 'inBox', at: vote.closesAt, ...choices };
  const result = resultOfItem(stored);
  const proof = await proofOf(communityId, topicId, receipt, treeOfItem(stored), result.receiptRoot?.root);
  return { ...base, status: 'counted', at: result.countedAt, ...choices, ...(proof ? { proof } : {}) };
}

async function proofOf(
  communityId: string,
  topicId: string,
  receipt: string,
  tree: ReceiptTreeIndex | undefined,
  root: string | undefined,
) {
  if (!tree || !root) return undefined;
  const leaf = receiptLeaf(sha256, topicId, receipt);
  const chunkIndex = chunkOf(tree.firsts, leaf);
  if (chunkIndex < 0) return undefined;
  const { Item } = await receiptTreeChunks.get({ communityId, topicId, chunk: chunkIndex });
  if (!Item) return undefined;
  const steps = chunkedProof(sha256, { chunk: splitLeaves(Item.leaves), chunkIndex, tops: tree.tops, leaf });
  return steps ? { leaf, root, steps } : undefined;
}
