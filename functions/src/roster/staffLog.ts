import type { QueryOf, StaffLogEntryView, staffLogRoutes } from '@linli/shared';
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

/**
 * 操作记录 of one community, newest first, one page: by actor (GSI1, narrowed to an object type by a
 * filter), by object type (GSI2) or all (the log's partition), each in a date range of the sort key.
 * The contract admits the committee, the street office over the community and administrators.
 */
export async function readStaffLog({ communityId, query }: StaffLogRequest) {
  const { actorId, objectType } = query;
  // Sort keys are UTC instants; a client may send any offset (+08:00).
  const from = query.from && new Date(query.from).toISOString();
  const to = query.to && new Date(query.to).toISOString();
  const page = { limit: query.limit, start: decodeCursor(query.cursor) };
  const range = { communityId, from, to, page };
  const { Items = [], LastEvaluatedKey } = await (actorId
    ? staffLog.query.ofActor({ ...range, actorId, objectType }).send()
    : objectType
      ? staffLog.query.ofObjectType({ ...range, objectType }).send()
      : staffLog.query.ofCommunity(range).send());
  return { items: Items.map(staffLogEntryView), nextCursor: encodeCursor(LastEvaluatedKey) };
}
