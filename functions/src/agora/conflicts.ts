import type { ConflictView } from '@linli/shared';
import type { VoteConflictItem } from '../db/entities/voteConflict';
import { presignDownload } from '../media/storage';
import { loadTopic } from './topicItem';
import { agora } from '../db/registries/agora';

/** A conflict as the committee sees it; paper ballots' photos are short-lived links. */
export async function conflictViewOf(c: VoteConflictItem, now: Date): Promise<ConflictView> {
  const link = async (key?: string) => (key ? (await presignDownload(key, now)).url : undefined);
  return {
    conflictId: c.conflictId,
    voterLabel: c.voterLabel,
    existing: {
      channel: c.existing.channel,
      byName: c.existing.byName,
      at: c.existing.at,
      photoUrl: await link(c.existing.photoKey),
    },
    attempted: {
      channel: c.attempted.channel,
      byName: c.attempted.byName,
      at: c.attempted.at,
      photoUrl: await link(c.attempted.photoKey),
    },
    status: c.status,
    note: c.note,
    resolvedByName: c.resolvedByName,
    resolvedAt: c.resolvedAt,
  };
}

/** 冲突记录 of a poll, open ones first. */
export async function listConflicts(communityId: string, topicId: string, now: Date) {
  await loadTopic(communityId, topicId);
  const { Items = [] } = await agora.query.conflictsOf({ communityId, topicId }).send();
  const items = await Promise.all(
    Items.sort(
      (a, b) => (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) || a.createdAt.localeCompare(b.createdAt),
    ).map((c) => conflictViewOf(c, now)),
  );
  return { items };
}
