/**
 * The receipt commitment of a secret poll (see docs/FEATURES-agora.md, "Receipts"): a Merkle tree
 * over the hashes of the receipt codes, published at close as its root, so each voter can check that
 * their ballot is in the count without anyone learning what it chose.
 *
 * Construction (SHA-256 throughout, hashes written as lower-case hex):
 * - leaf = H(0x00 ‖ "linli.agora.receipt|" ‖ topicId ‖ "|" ‖ receipt), the receipt in upper case;
 * - the leaves are sorted ascending (so their order says nothing about when a ballot was cast);
 * - a level pairs its nodes in order: node = H(0x01 ‖ left ‖ right); an odd last node moves up unchanged;
 * - the root of no leaves is H("") (e3b0c442…).
 * The 0x00/0x01 prefixes keep a leaf from passing for an inner node. A proof is the list of siblings
 * from the leaf up, each with the side it sits on.
 *
 * The hash is a parameter: the Lambdas pass node:crypto's, the mini-program the plain `sha256`.
 */
export type Hash = (data: Uint8Array) => Uint8Array;
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

export const RECEIPT_LEAF_PREFIX = 'linli.agora.receipt|';

/** Bytes of a string as UTF-8 (TextEncoder is missing on older WeChat base libraries). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// Table-driven hex: a close hashes 2n nodes, and the conversions would otherwise cost more than the hashing.
const HEX = Array.from({ length: 256 }, (_, b) => (b < 16 ? '0' : '') + b.toString(16));
const nibble = (c: number) => (c < 58 ? c - 48 : c - 87);

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] as number];
  return out;
}

/** Lower-case hex into `out` at `offset` (a new array when none is given). */
export function fromHex(hex: string, out = new Uint8Array(hex.length >> 1), offset = 0): Uint8Array {
  for (let i = 0; i < hex.length >> 1; i++)
    out[offset + i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

export function receiptLeaf(hash: Hash, topicId: string, receipt: string): string {
  return toHex(hash(Uint8Array.from([0, ...utf8(`${RECEIPT_LEAF_PREFIX}${topicId}|${receipt.toUpperCase()}`)])));
}

function node(hash: Hash, left: string, right: string): string {
  const data = new Uint8Array(65);
  data[0] = 1;
  fromHex(left, data, 1);
  fromHex(right, data, 33);
  return toHex(hash(data));
}

/** Every level of the tree over leaves already sorted, the leaves first and the root last: 2n hashes in one pass up. */
export function merkleLevels(hash: Hash, sortedLeaves: readonly string[]): string[][] {
  if (!sortedLeaves.length) return [[toHex(hash(new Uint8Array(0)))]];
  const levels = [[...sortedLeaves]];
  for (let level = levels[0] as string[]; level.length > 1;) {
    const up: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      up.push(i + 1 < level.length ? node(hash, level[i] as string, level[i + 1] as string) : (level[i] as string));
    levels.push(up);
    level = up;
  }
  return levels;
}

export const merkleRoot = (levels: readonly string[][]): string => levels[levels.length - 1]?.[0] as string;

/** The siblings of the node at `index` of the bottom level, from there up to the top of `levels`. */
export function merkleProof(levels: readonly string[][], index: number): ProofStep[] {
  const steps: ProofStep[] = [];
  for (let l = 0, i = index; l < levels.length - 1; l++, i >>= 1) {
    const level = levels[l] as string[];
    const sibling = i ^ 1;
    if (sibling < level.length) steps.push({ side: i & 1 ? 'left' : 'right', hash: level[sibling] as string });
  }
  return steps;
}

/**
 * Checks a proof: the leaf, folded with its siblings, must give the published root. Pure and cheap
 * (one hash per step), run by the voter's own phone.
 */
export function verifyInclusion(
  hash: Hash,
  { leaf, steps, root }: { leaf: string; steps: readonly ProofStep[]; root: string },
): boolean {
  let at = leaf;
  for (const step of steps) {
    if (!/^[0-9a-f]{64}$/.test(step.hash)) return false;
    at = step.side === 'left' ? node(hash, step.hash, at) : node(hash, at, step.hash);
  }
  return at === root;
}

/**
 * A large poll's leaves are stored in chunks of RECEIPT_CHUNK (a power of two, so each chunk is a whole
 * subtree): a proof reads one chunk and the chunk roots, not every leaf. The chunk-local proof followed
 * by the proof over the chunk roots is the proof in the whole tree.
 */
export const RECEIPT_CHUNK = 4096;

export interface ChunkedTree {
  root: string;
  leaves: number;
  /** Each chunk's sorted leaves. */
  chunks: string[][];
  /** The first leaf of each chunk, to find the chunk a leaf falls in. */
  firsts: string[];
  /** Each chunk's subtree root. */
  tops: string[];
}

export function chunkedTree(hash: Hash, sortedLeaves: readonly string[], chunkSize = RECEIPT_CHUNK): ChunkedTree {
  const levels = merkleLevels(hash, sortedLeaves);
  const depth = Math.log2(chunkSize);
  const chunks: string[][] = [];
  for (let i = 0; i < sortedLeaves.length; i += chunkSize) chunks.push(sortedLeaves.slice(i, i + chunkSize));
  const tops = sortedLeaves.length ? (levels[Math.min(depth, levels.length - 1)] as string[]) : [];
  return {
    root: merkleRoot(levels),
    leaves: sortedLeaves.length,
    chunks,
    firsts: chunks.map((c) => c[0] as string),
    tops: levels.length - 1 < depth ? [merkleRoot(levels)] : tops,
  };
}

/** The chunk a leaf would be stored in (-1 when it sorts before every leaf). */
export function chunkOf(firsts: readonly string[], leaf: string): number {
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((firsts[mid] as string) <= leaf) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The proof of a leaf from its chunk and the chunk roots; undefined when the leaf is not in the chunk. */
export function chunkedProof(
  hash: Hash,
  {
    chunk,
    chunkIndex,
    tops,
    leaf,
  }: { chunk: readonly string[]; chunkIndex: number; tops: readonly string[]; leaf: string },
): ProofStep[] | undefined {
  const index = chunk.indexOf(leaf);
  if (index < 0) return undefined;
  const within = merkleProof(merkleLevels(hash, chunk), index);
  const above = tops.length > 1 ? merkleProof(merkleLevels(hash, tops), chunkIndex) : [];
  return [...within, ...above];
}

/** The construction, as the published result states it. */
export const RECEIPT_TREE_CONSTRUCTION =
  'SHA-256；叶 = H(0x00‖"linli.agora.receipt|"‖议题编号‖"|"‖核验码)，叶按升序排列；节点 = H(0x01‖左‖右)，一层末尾落单的节点原样上移';
