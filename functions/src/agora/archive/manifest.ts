import { createHash } from 'node:crypto';

export type ArchiveFile = [path: string, content: string | Buffer];

export const sha256Hex = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

export interface ManifestMeta {
  communityId: string;
  topicId: string;
  title: string;
  generatedAt: string;
  /** The published result's SHA-256 over the ordered ballot list (absent on results from before it existed). */
  publishedBallotListSha256?: string;
  receiptRoot?: string;
  retention: { years: number; until: string };
  /** What is not in this archive, and why (e.g. proxies before their records exist). */
  notIncluded: string[];
}

/** The path of the published ballot list inside the archive: its SHA-256 is the published one. */
export const BALLOT_LIST_PATH = 'ballots.jsonl';
export const MANIFEST_PATH = 'manifest.json';

/**
 * 文件清单: every file of the archive with its size and SHA-256, and the published result's hash beside the hash
 * of the ballot list as archived, so a reader checks each file and sees at once whether the list is the one
 * published. The manifest itself is the last file and lists everything but itself.
 */
export function buildManifest(files: readonly ArchiveFile[], meta: ManifestMeta) {
  const entries = files.map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length,
    sha256: sha256Hex(content),
  }));
  const archivedList = entries.find((e) => e.path === BALLOT_LIST_PATH)?.sha256;
  return {
    format: 'linli.agora.archive/1',
    ...meta,
    ballotList: {
      path: BALLOT_LIST_PATH,
      sha256: archivedList,
      matchesPublished: meta.publishedBallotListSha256 ? archivedList === meta.publishedBallotListSha256 : null,
    },
    files: entries,
  };
}

/** The files plus the manifest: what goes into the zip, in order. */
export function withManifest(files: readonly ArchiveFile[], meta: ManifestMeta): ArchiveFile[] {
  return [...files, [MANIFEST_PATH, JSON.stringify(buildManifest(files, meta), null, 2) + '\n']];
}
