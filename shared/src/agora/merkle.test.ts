import fc from 'fast-check';
import {
  chunkedProof,
  chunkedTree,
  chunkOf,
  merkleLevels,
  merkleProof,
  merkleRoot,
  receiptLeaf,
  toHex,
  verifyInclusion,
  type ProofStep,
} from './merkle';
import { sha256 } from './sha256';

// The tree's hash here is the phone's; the Lambdas' node:crypto gives the same bytes (receiptTree.test.ts).
const hash = sha256;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const receipt = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 12, maxLength: 12 });
const receipts = fc.uniqueArray(receipt, { minLength: 1, maxLength: 80 });
const leavesOf = (codes: string[]) => codes.map((r) => receiptLeaf(sha256, 'T1', r)).sort();

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('sha256 (the phone’s hash)', () => {
  // Against node:crypto on random inputs of every padding length: functions/src/agora/receiptTree.test.ts.
  it('gives the FIPS 180-4 test vectors', () => {
    expect(toHex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('the receipt commitment', () => {
  it('states the leaf construction: a domain prefix, the poll and the receipt in upper case', () => {
    const expected = toHex(sha256(Uint8Array.from([0, ...ascii('linli.agora.receipt|T1|ABCDEFGHJKLM')])));
    expect(receiptLeaf(sha256, 'T1', 'abcdefghjklm')).toBe(expected);
    expect(receiptLeaf(sha256, 'T1', 'ABCDEFGHJKLM')).toBe(expected);
    expect(receiptLeaf(sha256, 'T2', 'ABCDEFGHJKLM')).not.toBe(expected);
  });

  it('every leaf’s proof verifies against the root, with either hash', () => {
    fc.assert(
      fc.property(receipts, (codes) => {
        const leaves = leavesOf(codes);
        const levels = merkleLevels(hash, leaves);
        const root = merkleRoot(levels);
        leaves.forEach((leaf, i) => {
          const steps = merkleProof(levels, i);
          expect(steps.length).toBeLessThanOrEqual(Math.ceil(Math.log2(leaves.length)));
          expect(verifyInclusion(sha256, { leaf, steps, root })).toBe(true);
        });
      }),
    );
  });

  it('a changed leaf, a changed sibling, a swapped side, a dropped step or another root fails', () => {
    fc.assert(
      fc.property(
        receipts.filter((c) => c.length >= 2),
        fc.nat(),
        receipt,
        (codes, pick, other) => {
          const leaves = leavesOf(codes);
          const levels = merkleLevels(hash, leaves);
          const root = merkleRoot(levels);
          const i = pick % leaves.length;
          const leaf = leaves[i] as string;
          const steps = merkleProof(levels, i);
          const flip = (s: ProofStep): ProofStep => ({ ...s, side: s.side === 'left' ? 'right' : 'left' });
          const otherLeaf = receiptLeaf(sha256, 'T1', other);
          if (!leaves.includes(otherLeaf))
            expect(verifyInclusion(sha256, { leaf: otherLeaf, steps, root })).toBe(false);
          expect(verifyInclusion(sha256, { leaf: receiptLeaf(sha256, 'T2', codes[0] as string), steps, root })).toBe(
            false,
          );
          expect(verifyInclusion(sha256, { leaf, steps: [flip(steps[0] as ProofStep), ...steps.slice(1)], root })).toBe(
            false,
          );
          expect(verifyInclusion(sha256, { leaf, steps: steps.slice(1), root })).toBe(false);
          const tampered = { ...(steps[0] as ProofStep), hash: otherLeaf };
          if (tampered.hash !== steps[0]?.hash)
            expect(verifyInclusion(sha256, { leaf, steps: [tampered, ...steps.slice(1)], root })).toBe(false);
          expect(verifyInclusion(sha256, { leaf, steps, root: merkleRoot(merkleLevels(hash, leaves.slice(1))) })).toBe(
            false,
          );
        },
      ),
    );
  });

  it('the root depends on the set of receipts, not on the order they came in', () => {
    fc.assert(
      fc.property(receipts, (codes) => {
        const root = merkleRoot(merkleLevels(hash, leavesOf(codes)));
        expect(merkleRoot(merkleLevels(hash, leavesOf([...codes].reverse())))).toBe(root);
      }),
    );
  });

  it('a proof made from one stored chunk and the chunk roots is the proof in the whole tree', () => {
    fc.assert(
      fc.property(receipts, fc.constantFrom(1, 2, 4, 8, 16), (codes, chunkSize) => {
        const leaves = leavesOf(codes);
        const tree = chunkedTree(hash, leaves, chunkSize);
        const levels = merkleLevels(hash, leaves);
        expect(tree.root).toBe(merkleRoot(levels));
        expect(tree.chunks.flat()).toEqual(leaves);
        leaves.forEach((leaf, i) => {
          const c = chunkOf(tree.firsts, leaf);
          expect(c).toBe(Math.floor(i / chunkSize));
          const steps = chunkedProof(hash, {
            chunk: tree.chunks[c] as string[],
            chunkIndex: c,
            tops: tree.tops,
            leaf,
          });
          expect(steps).toEqual(merkleProof(levels, i));
        });
      }),
    );
  });

  it('has a root for a poll nobody voted in', () => {
    expect(merkleRoot(merkleLevels(sha256, []))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
