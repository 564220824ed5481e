import {
  chinaDateTime,
  DEFAULT_ARCHIVE_YEARS,
  RULE_PRESETS,
  type BallotSheetView,
  type Principal,
} from '@linli/shared';
import { agoraArchiveSettings } from '../../db/entities/agoraArchiveSettings';
import type { OwnerItem } from '../../db/entities/owner';
import { topicResults, resultOfItem } from '../../db/entities/topicResult';
import type { TopicItem, VoteSettings } from '../../db/entities/topic';
import type { UnitItem } from '../../db/entities/unit';
import { transact } from '../../db/transactions';
import { noteStaffChange } from '../../db/staffLog';
import { agora } from '../../db/registries/agora';
import { roster } from '../../db/registries/roster';
import { conflict, notFound } from '../../http/errors';
import { presignDownload, readObject, writeObject } from '../../media/storage';
import { toCsv, zip } from '../../roster/transfer/sheetFiles';
import { ballotListText, publishedBallots } from '../bulletin';
import { loadTopic } from '../topicItem';
import { BALLOT_LIST_PATH, withManifest, type ArchiveFile } from './manifest';
import { proxiesOf, proxyRows } from './proxies';
import { sheetCoder } from './sheetCode';
import { ballotSheets } from './sheets';

type Poll = TopicItem & { vote: VoteSettings };

async function pollOf(communityId: string, topicId: string): Promise<Poll> {
  const topic = await loadTopic(communityId, topicId);
  if (!topic.vote) throw notFound('表决');
  if (topic.vote.basis === 'person') throw conflict('按人投票的议题没有纸质表决票');
  return topic as Poll;
}

/** Every sheet of a poll (the roster read once: #12). */
async function sheetsOf(poll: Poll): Promise<BallotSheetView[]> {
  const [{ Items = [] }, codeOf] = await Promise.all([
    roster.query.rosterSheet({ communityId: poll.communityId }).send(),
    sheetCoder(poll.communityId, poll.topicId),
  ]);
  const rows = Items as ((UnitItem & { entity: 'Unit' }) | (OwnerItem & { entity: 'Owner' }) | { entity: string })[];
  return ballotSheets({
    vote: poll.vote,
    units: rows.filter((r): r is UnitItem & { entity: 'Unit' } => r.entity === 'Unit'),
    owners: rows.filter((r): r is OwnerItem & { entity: 'Owner' } => r.entity === 'Owner'),
    codeOf,
  });
}

export interface SheetsRequest {
  communityId: string;
  topicId: string;
  buildingId?: string;
}

/** 打印表决票: the poll's matter and options, and one sheet per seat, all or one building's batch. */
export async function loadBallotSheets({ communityId, topicId, buildingId }: SheetsRequest) {
  const poll = await pollOf(communityId, topicId);
  const vote = poll.vote;
  const all = await sheetsOf(poll);
  const buildings = Object.entries(vote.electorate.byBuilding)
    .map(([id, b]) => ({ buildingId: id, name: b.name, sheets: all.filter((s) => s.buildingId === id).length }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  const preset = RULE_PRESETS[vote.preset];
  return {
    topicId,
    title: poll.title,
    description: poll.description,
    basis: vote.basis as 'household' | 'owners',
    secrecy: vote.secrecy,
    ballotKind: vote.ballot.kind,
    maxChoices: vote.ballot.maxChoices,
    options: vote.ballot.options,
    ruleName: preset.label,
    legalBasis: preset.legalBasis,
    opensAt: vote.opensAt,
    closesAt: vote.closesAt,
    buildings,
    sheets: buildingId ? all.filter((s) => s.buildingId === buildingId) : all,
  };
}

/** The seat a printed sheet's code names (代录纸质票 checks the paper against it); 404 for a code of no seat. */
export async function findSheet({
  communityId,
  topicId,
  code,
}: {
  communityId: string;
  topicId: string;
  code: string;
}) {
  const found = (await sheetsOf(await pollOf(communityId, topicId))).find((s) => s.code === code);
  if (!found) throw notFound('该编码的表决票');
  return found;
}

export async function archiveYearsOf(communityId: string): Promise<number> {
  const { Item } = await agoraArchiveSettings.get({ communityId });
  return Item?.years ?? DEFAULT_ARCHIVE_YEARS;
}

export async function updateArchiveYears({
  principal,
  communityId,
  years,
}: {
  principal: Principal;
  communityId: string;
  years: number;
}) {
  noteStaffChange({ before: { years: await archiveYearsOf(communityId) }, after: { years } });
  await transact({
    settings: agoraArchiveSettings.transactPut({ communityId, years, updatedBy: principal.userId }),
  });
  return { years };
}

/**
 * Where a vote's archive lives: under the retention it was made with, so the bucket's lifecycle rule for that
 * prefix (`agora/archives/y<years>/`, serverless.yml) deletes it when the years are over. One key per vote: a
 * later export replaces it (same content, a new manifest time).
 */
export const archiveKey = (years: number, communityId: string, topicId: string) =>
  `agora/archives/y${years}/${communityId}/${topicId}.zip`;

const CHANNEL = { online: '线上', paper: '纸质票', proxy: '受托人代投' } as const;
const STATUS = { open: '待处理', kept: '保留原票', voided: '作废原票' } as const;
const extOf = (key: string) => (key.toLowerCase().endsWith('.png') ? 'png' : 'jpg');

/**
 * 表决归档: one zip per closed vote — the published ballot list (its SHA-256 is the published one), who took
 * part (never what they chose), the paper ballots' photos, the conflicts and how they were resolved, the result
 * as published, the proxies with their signed 授权委托书 photos, and a manifest of every file with its SHA-256.
 */
export async function archiveVote({ communityId, topicId, now }: { communityId: string; topicId: string; now: Date }) {
  const poll = await pollOf(communityId, topicId).catch((error) => {
    if ((error as { status?: number }).status === 409) throw conflict('结果公示后才能归档', 'ILLEGAL_TRANSITION');
    throw error;
  });
  const { Item: stored } = await topicResults.get({ communityId, topicId });
  if (poll.phase !== 'published' || !stored) throw conflict('结果公示后才能归档', 'ILLEGAL_TRANSITION');
  const result = resultOfItem(stored);
  const [{ Items: ballots = [] }, { Items: voters = [] }, { Items: conflicts = [] }, proxies, years] =
    await Promise.all([
      agora.query.ballotsOf({ communityId, topicId }).send(),
      agora.query.votersOf({ communityId, topicId }).send(),
      agora.query.conflictsOf({ communityId, topicId }).send(),
      proxiesOf(communityId, topicId),
      archiveYearsOf(communityId),
    ]);
  const list = await publishedBallots(topicId, poll.vote, ballots);

  const photos: ArchiveFile[] = [];
  const photoPath = new Map<string, string>();
  const photoKeys = [
    ...voters.flatMap((p) => (p.photoKey ? [p.photoKey] : [])),
    ...conflicts.flatMap((c) => [c.existing.photoKey, c.attempted.photoKey].filter((k): k is string => !!k)),
  ];
  const copy = async (folder: string, keys: readonly string[]) => {
    let n = 0;
    for (const key of new Set(keys)) {
      if (photoPath.has(key)) continue;
      const path = `${folder}/${String(++n).padStart(4, '0')}.${extOf(key)}`;
      photos.push([path, (await readObject(key)).body]);
      photoPath.set(key, path);
    }
  };
  await copy('paper', photoKeys);
  // The signed 授权委托书 of every proxy, whatever became of it (a rejected or revoked one is part of the record).
  await copy(
    'proxies',
    proxies.map((p) => p.documentKey),
  );

  const sortedVoters = [...voters].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
  const participation = toCsv([
    ['投票身份', '状态', '渠道', '投票人', '代录人', '时间', '人数', '面积（㎡）', '纸质票照片'],
    ...sortedVoters.map((p) => [
      p.label,
      p.status === 'cast' ? '已投票' : '已作废',
      CHANNEL[p.channel],
      // An erased account's vote keeps its place and weight, without the name (personalData.ts).
      p.castByName || '（已注销）',
      p.recordedBy ? '是' : '',
      chinaDateTime(p.castAt, { seconds: true }),
      p.heads,
      p.area / 100,
      p.photoKey ? (photoPath.get(p.photoKey) ?? '') : '',
    ]),
  ]);
  const conflictRows = toCsv([
    ['投票身份', '已计入', '已计入时间', '被拦下', '被拦下时间', '处理', '处理人', '处理时间', '说明', '照片'],
    ...conflicts.map((c) => [
      c.voterLabel,
      `${CHANNEL[c.existing.channel]}·${c.existing.byName}`,
      chinaDateTime(c.existing.at, { seconds: true }),
      `${CHANNEL[c.attempted.channel]}·${c.attempted.byName}`,
      chinaDateTime(c.attempted.at, { seconds: true }),
      STATUS[c.status],
      c.resolvedByName ?? '',
      c.resolvedAt ? chinaDateTime(c.resolvedAt, { seconds: true }) : '',
      c.note ?? '',
      [c.existing.photoKey, c.attempted.photoKey].flatMap((k) => (k ? [photoPath.get(k) ?? ''] : [])).join(' '),
    ]),
  ]);
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  const files: ArchiveFile[] = [
    [
      'result.json',
      JSON.stringify(
        { topicId, title: poll.title, scope: poll.vote.scopeLabel, vote: votePart(poll.vote), result },
        null,
        2,
      ) + '\n',
    ],
    [BALLOT_LIST_PATH, ballotListText(list)],
    ['participation.csv', participation],
    ['conflicts.csv', conflictRows],
    ['proxies.csv', toCsv(proxyRows(proxies, photoPath))],
    ...photos,
  ];
  const archive = withManifest(files, {
    communityId,
    topicId,
    title: poll.title,
    generatedAt: now.toISOString(),
    ...(result.ballotListSha256 ? { publishedBallotListSha256: result.ballotListSha256 } : {}),
    ...(result.receiptRoot ? { receiptRoot: result.receiptRoot.root } : {}),
    retention: { years, until: until.toISOString() },
    notIncluded: [],
  });
  const key = archiveKey(years, communityId, topicId);
  const fileName = `表决归档-${poll.title.slice(0, 20)}-${topicId}.zip`;
  await writeObject(key, zip(archive), 'application/zip', fileName);
  const link = await presignDownload(key, now);
  return {
    url: link.url,
    fileName,
    expiresAt: link.expiresAt,
    files: archive.length,
    ballotListSha256: result.ballotListSha256 ?? '',
    retainUntil: until.toISOString(),
  };
}

const votePart = (v: VoteSettings) => ({
  basis: v.basis,
  preset: v.preset,
  rule: RULE_PRESETS[v.preset].label,
  legalBasis: RULE_PRESETS[v.preset].legalBasis,
  secrecy: v.secrecy,
  ballot: v.ballot,
  opensAt: v.opensAt,
  closesAt: v.closesAt,
  electorate: { heads: v.electorate.heads, area: v.electorate.area / 100, units: v.electorate.units },
});
