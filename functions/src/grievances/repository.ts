import { parseGrievanceSettings, type GrievanceSettings, type Principal } from '@linli/shared';
import { communities } from '../db/entities/community';
import type { GrievanceItem } from '../db/entities/grievance';
import type { GrievanceEventItem } from '../db/entities/grievanceEvent';
import type { GrievanceMessageItem } from '../db/entities/grievanceMessage';
import type { GrievanceNoteItem } from '../db/entities/grievanceNote';
import { grievanceSupports } from '../db/entities/grievanceSupport';
import { notFound } from '../http/errors';
import { accessTo, type Access } from './access';
import type { CaseParts } from './views';
import { grievances as grievanceQueries } from '../db/registries/grievances';

type CommunitySettings = { settings: GrievanceSettings; communityName: string };

/**
 * How long a Lambda instance keeps a community's 诉求 settings. Nearly every 诉求 request reads them and
 * they change a few times a year: a change made through this instance is seen at once (forgetSettings),
 * one made through another within this many milliseconds.
 */
export const SETTINGS_MAX_AGE_MS = 5000;
const settingsRead = new Map<string, { at: number; value: Promise<CommunitySettings> }>();

/**
 * A community's 诉求 settings (defaults where it stored none); 404 for a community that does not exist.
 * Concurrent requests share one read; `fresh` reads the table whatever this instance holds.
 */
export function settingsOf(communityId: string, opts: { fresh?: boolean } = {}): Promise<CommunitySettings> {
  const held = settingsRead.get(communityId);
  if (!opts.fresh && held && Date.now() - held.at < SETTINGS_MAX_AGE_MS) return held.value;
  const value = (async () => {
    const { Item } = await communities.get({ communityId });
    if (!Item) throw notFound('社区');
    return { settings: parseGrievanceSettings(Item.settings), communityName: Item.name };
  })();
  settingsRead.set(communityId, { at: Date.now(), value });
  // A failed read (a community that does not exist, an outage) is not kept.
  value.catch(() => settingsRead.get(communityId)?.value === value && settingsRead.delete(communityId));
  return value;
}

/** After this instance changed a community's settings. */
export function forgetSettings(communityId: string): void {
  settingsRead.delete(communityId);
}

/**
 * A case with its timeline, messages and notes in one strongly consistent query of its partition
 * (supports sort after notes and are left out), and whether the viewer has joined it.
 */
export async function loadCase(
  communityId: string,
  grievanceId: string,
  viewerId?: string,
): Promise<CaseParts | undefined> {
  const [{ Items = [] }, support] = await Promise.all([
    grievanceQueries.query.caseFile({ communityId, grievanceId }).send(),
    viewerId
      ? grievanceSupports.get({ communityId, grievanceId, userId: viewerId })
      : Promise.resolve({ Item: undefined }),
  ]);
  let grievance: GrievanceItem | undefined;
  const events: GrievanceEventItem[] = [];
  const messages: GrievanceMessageItem[] = [];
  const notes: GrievanceNoteItem[] = [];
  for (const it of Items) {
    if (it.entity === 'Grievance') grievance = it;
    else if (it.entity === 'GrievanceEvent') events.push(it);
    else if (it.entity === 'GrievanceMessage') messages.push(it);
    else if (it.entity === 'GrievanceNote') notes.push(it);
  }
  return grievance ? { grievance, events, messages, notes, supportedByMe: !!support.Item } : undefined;
}

/**
 * Loads a case the caller may see, or answers 404: a private case of someone else is "not found",
 * not "forbidden", so its existence does not leak.
 */
export async function loadVisibleCase(
  principal: Principal,
  communityId: string,
  grievanceId: string,
): Promise<{ parts: CaseParts; access: Access }> {
  const parts = await loadCase(communityId, grievanceId, principal.userId);
  const access = parts && accessTo(principal, parts.grievance);
  if (!parts || !access) throw notFound('诉求');
  return { parts, access };
}
