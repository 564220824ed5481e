import { createHash, randomBytes } from 'node:crypto';
import { merkleLevels, merkleRoot, receiptLeaf, sha256 } from '@linli/shared';
import type { BallotItem } from '../db/entities/ballot';
import { receiptTree } from './bulletin';

const nodeSha = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

describe('the phone’s SHA-256 and the Lambda’s agree', () => {
  it('on random inputs of every padding length', () => {
    for (let n = 0; n < 200; n++) {
      const data = randomBytes(n);
      expect(Buffer.from(sha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('on the receipt tree the close builds: the root a phone would compute from the same receipts', () => {
    const items = Array.from(
      { length: 37 },
      (_, i) => ({ receipt: `ABCDEFGH${String(1000 + i)}`, choices: [], heads: 1, area: 0 }) as unknown as BallotItem,
    );
    const tree = receiptTree('T1', items);
    const leaves = items.map((b) => receiptLeaf(sha256, 'T1', b.receipt)).sort();
    expect(tree.root).toBe(merkleRoot(merkleLevels(sha256, leaves)));
    expect(receiptLeaf(nodeSha, 'T1', 'ABCDEFGHJKLM')).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from('linli.agora.receipt|T1|ABCDEFGHJKLM')]))
        .digest('hex'),
    );
  });
});
