import { receiptLeaf, sha256, verifyInclusion, type ReceiptCheckView, type TopicView } from '@linli/shared';

/**
 * Whether the phone itself confirms the receipt is in the published count: the proof's leaf is this
 * receipt's, and folding it with the siblings gives the root published with the result (read from the
 * topic, not from the answer that carries the proof).
 */
export function proofHolds(topic: TopicView, found: ReceiptCheckView): boolean | undefined {
  const root = topic.result?.receiptRoot?.root;
  if (found.status !== 'counted' || !found.proof || !root) return undefined;
  const leaf = receiptLeaf(sha256, topic.topicId, found.receipt);
  return found.proof.leaf === leaf && verifyInclusion(sha256, { leaf, steps: found.proof.steps, root });
}
