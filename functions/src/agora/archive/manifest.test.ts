import { createHash } from 'node:crypto';
import { ballotListSha256, ballotListText, type PublishedBallot } from '../bulletin';
import { BALLOT_LIST_PATH, buildManifest, MANIFEST_PATH, withManifest, type ManifestMeta } from './manifest';

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const list: PublishedBallot[] = [
  { choices: ['同意'], heads: 1, area: 89.33 },
  { choices: ['弃权'], heads: 1, area: 120 },
];
const meta = (published?: string): ManifestMeta => ({
  communityId: 'c',
  topicId: 't',
  title: '加装电梯',
  generatedAt: '2026-12-07T10:00:00.000Z',
  ...(published ? { publishedBallotListSha256: published } : {}),
  retention: { years: 10, until: '2036-12-07T10:00:00.000Z' },
  notIncluded: [],
});

describe('the published ballot list and its hash', () => {
  it('is one JSON line per ballot, in the given order, and anyone recomputes the hash from the list', () => {
    expect(ballotListText(list)).toBe(
      '{"choices":["同意"],"heads":1,"area":89.33}\n{"choices":["弃权"],"heads":1,"area":120}\n',
    );
    expect(ballotListSha256(list)).toBe(sha(list.map((b) => JSON.stringify(b)).join('\n') + '\n'));
    // The order is part of what is published: the same ballots in another order are another list.
    expect(ballotListSha256([...list].reverse())).not.toBe(ballotListSha256(list));
    expect(ballotListSha256([])).toBe(sha(''));
  });
});

describe('the archive manifest', () => {
  const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
  const files: [string, string | Buffer][] = [
    ['result.json', '{"ok":true}\n'],
    [BALLOT_LIST_PATH, ballotListText(list)],
    ['participation.csv', '投票身份,渠道\r\n业主（1栋101）,线上'],
    ['paper/0001.png', photo],
  ];

  it('lists every file with its byte size and SHA-256, and says the list is the one published', () => {
    const m = buildManifest(files, meta(ballotListSha256(list)));
    expect(m.files).toEqual([
      { path: 'result.json', bytes: 12, sha256: sha('{"ok":true}\n') },
      { path: BALLOT_LIST_PATH, bytes: Buffer.byteLength(ballotListText(list)), sha256: ballotListSha256(list) },
      { path: 'participation.csv', bytes: Buffer.byteLength(files[2]![1]), sha256: sha(files[2]![1]) },
      { path: 'paper/0001.png', bytes: 7, sha256: sha(photo) },
    ]);
    expect(m.ballotList).toEqual({ path: BALLOT_LIST_PATH, sha256: ballotListSha256(list), matchesPublished: true });
  });

  it('says so when the archived list is not the published one, and null for a result without a hash', () => {
    expect(buildManifest(files, meta(sha('another list'))).ballotList.matchesPublished).toBe(false);
    expect(buildManifest(files, meta()).ballotList.matchesPublished).toBeNull();
  });

  it('comes last, listing everything but itself', () => {
    const all = withManifest(files, meta(ballotListSha256(list)));
    expect(all.map(([p]) => p)).toEqual([...files.map(([p]) => p), MANIFEST_PATH]);
    const manifest = JSON.parse(all.at(-1)![1] as string) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(files.map(([p]) => p));
  });
});
