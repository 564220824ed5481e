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

/** A community's 诉求 settings (defaults where it stored none); 404 for a community that does not exist. */
export async function settingsOf(communityId: string): Promise<{ settings: GrievanceSettings; communityName: string }> {
  const { Item } = await communities.get({ communityId });
  if (!Item) throw notFound('社区');
  return { settings: parseGrievanceSettings(Item.settings), communityName: Item.name };
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
