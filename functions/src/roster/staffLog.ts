import type { QueryOf, StaffLogEntryView, StaffObjectType, staffLogRoutes } from '@linli/shared';
import type { CommunityRequest } from '../commons/serviceRequest';
import { decodeCursor, encodeCursor } from '../db/cursor';
import type { StaffLogEntryItem } from '../db/entities/staffLogEntry';
import { staffLog } from '../db/registries/staffLog';

export interface StaffLogRequest extends Omit<CommunityRequest, 'now'> {
  query: QueryOf<typeof staffLogRoutes.staffLog>;
}

export const staffLogEntryView = (e: StaffLogEntryItem): StaffLogEntryView => ({
  entryId: e.entryId,
  at: e.at,
  communityId: e.communityId,
  actorId: e.actorId,
  actorName: e.actorName,
  roles: e.roles as StaffLogEntryView['roles'],
  action: e.action,
  actionLabel: e.actionLabel,
  objectType: e.objectType,
  objectId: e.objectId,
  ...(e.actingForId ? { actingFor: { userId: e.actingForId, name: e.actingForName ?? '' } } : {}),
  changes: e.changes,
});

/** What narrows a read of one community's log: an actor, an object type, a date range, and up to an entry. */
export interface CommunityLogSelection {
  communityId: string;
  actorId?: string;
  objectType?: StaffObjectType;
  from?: string;
  to?: string;
  before?: string;
  page: { limit?: number; start?: Record<string, unknown> };
}

/**
 * One page of one community's log, by the index that serves the selection: by actor (GSI1, narrowed to an
 * object type by a filter), by object type (GSI2) or all (the log's partition), each in a date range of the
 * sort key. The street's merged reader calls it once per community.
 */
export function queryCommunityLog({ actorId, objectType, ...range }: CommunityLogSelection) {
  return (
    actorId
      ? staffLog.query.ofActor({ ...range, actorId, objectType })
      : objectType
        ? staffLog.query.ofObjectType({ ...range, objectType })
        : staffLog.query.ofCommunity(range)
  ).send();
}

/** Sort keys are UTC instants; a client may send any offset (+08:00). */
export const utcInstant = (at: string | undefined) => at && new Date(at).toISOString();

/**
 * 操作记录 of one community, newest first, one page. The contract admits the committee, the street office
 * over the community and administrators.
 */
export async function readStaffLog({ communityId, query }: StaffLogRequest) {
  const { actorId, objectType } = query;
  const page = { limit: query.limit, start: decodeCursor(query.cursor) };
  const { Items = [], LastEvaluatedKey } = await queryCommunityLog({
    communityId,
    actorId,
    objectType,
    from: utcInstant(query.from),
    to: utcInstant(query.to),
    page,
  });
  return { items: Items.map(staffLogEntryView), nextCursor: encodeCursor(LastEvaluatedKey) };
}
