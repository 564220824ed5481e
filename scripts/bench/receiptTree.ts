/**
 * The receipt commitment at 35,000 ballots (a large owners' vote), measured without the stack:
 * `npx tsx scripts/bench/receiptTree.ts` (under `flock /work/bench.lock` on a shared machine).
 * - the close: leaf hashes, sort and the whole tree in one pass (functions/src/agora/bulletin.ts, node:crypto);
 * - one voter's proof: one stored chunk re-hashed plus the chunk roots;
 * - the phone: verifying that proof with the plain SHA-256 of shared/ (what the mini-program runs).
 * A measurement to read, not a timed test: nothing fails on a slow machine.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chunkedProof, chunkOf, receiptLeaf, sha256, verifyInclusion } from '@linli/shared';
import { receiptTree } from '../../functions/src/agora/bulletin';
import type { BallotItem } from '../../functions/src/db/entities/ballot';

const BALLOTS = Number(process.argv[2] ?? 35_000);
const RUNS = 7;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = () => Array.from({ length: 12 }, () => ALPHABET[Math.floor(Math.random() * 32)]).join('');
const ballots = Array.from(
  { length: BALLOTS },
  () => ({ communityId: 'c', topicId: 'T1', receipt: code(), choices: ['agree'], heads: 1, area: 0 }) as BallotItem,
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// CPU time of this process, not wall time: on a shared machine the wall clock measures the neighbours.
const cpuMs: number[] = [];
const time = (work: () => void) => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  return performance.now() - start;
};
const cpuOf = (from: number) => median(cpuMs.slice(from));

let tree = receiptTree('T1', ballots);
const closeMs = median(Array.from({ length: RUNS }, () => time(() => (tree = receiptTree('T1', ballots)))));
// The Lambda builds a proof with node:crypto: re-hashing one chunk is what it costs.
const nodeHash = (d: Uint8Array): Uint8Array => createHash('sha256').update(d).digest();
const target = ballots[Math.floor(BALLOTS / 2)] as BallotItem;
const leaf = receiptLeaf(sha256, 'T1', target.receipt);
const chunkIndex = chunkOf(tree.firsts, leaf);
let steps = chunkedProof(nodeHash, { chunk: tree.chunks[chunkIndex] as string[], chunkIndex, tops: tree.tops, leaf });
const closeCpu = cpuOf(0);
const proofMs = median(
  Array.from({ length: RUNS }, () =>
    time(() => {
      steps = chunkedProof(nodeHash, { chunk: tree.chunks[chunkIndex] as string[], chunkIndex, tops: tree.tops, leaf });
    }),
  ),
);
const proofCpu = cpuOf(RUNS);
let ok = false;
const verifyMs = median(
  Array.from({ length: RUNS }, () =>
    time(() => {
      ok = verifyInclusion(sha256, { leaf, steps: steps ?? [], root: tree.root });
    }),
  ),
);
const chunkKb = Math.max(...tree.chunks.map((c) => c.join('').length)) / 1024;
console.log(
  [
    `ballots ${BALLOTS}: close-time tree ${closeCpu.toFixed(0)} ms CPU, ${closeMs.toFixed(0)} ms wall (median of ${RUNS}; ${tree.chunks.length} chunks ≤ ${chunkKb.toFixed(0)} KB each, index ${((tree.firsts.join('').length + tree.tops.join('').length) / 1024).toFixed(1)} KB on the result)`,
    `one proof (node:crypto, one chunk re-hashed) ${proofCpu.toFixed(0)} ms CPU, ${proofMs.toFixed(0)} ms wall, ${steps?.length} steps`,
    `phone-side verification (plain SHA-256) ${verifyMs.toFixed(2)} ms: ${ok ? 'verified' : 'FAILED'}`,
  ].join('\n'),
);
