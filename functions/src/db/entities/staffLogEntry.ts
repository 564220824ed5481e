import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { STAFF_OBJECT_TYPES, type StaffObjectType } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';
import { pageInput, pageOptions, type Page } from '../page';

/**
 * An entry of the staff action log (操作记录): one privileged write — who (user, roles), when, in which
 * community, to which object, the action (route id and its summary) and the changed fields before and after,
 * as text. Written by `db/staffLog.ts`, in the change's own transaction where there is one. Immutable.
 * `entryId` is `<at>#<ulid>`, so every index reads in time order and a date range is a sort-key range.
 * GSI1: one actor's entries in a community; GSI2: one object type's; GSI3: entries about a resident (the
 * subject of a binding decision, a role) for their data export — sparse.
 */
/**
 * What every entry says, in a community's log or a street's: who, when, which object, what changed. Shared by
 * the two entities so the street's log reads like a community's.
 */
const entryAttributes = {
  entryId: string().key(),
  at: string(),
  actorId: string(),
  actorName: string(),
  roles: list(string()),
  action: string(),
  actionLabel: string(),
  objectType: string().enum(...STAFF_OBJECT_TYPES),
  objectId: string(),
  subjectUserId: string().optional(),
  /** 亲情代办: the resident the actor (the helper) acted for. */
  actingForId: string().optional(),
  actingForName: string().optional(),
  changes: list(map({ field: string(), before: string().optional(), after: string().optional() })),
  correlationId: string(),
  /** How the entry was kept: in the change's transaction, or by the pipeline after a single write. */
  kept: string().enum('transaction', 'afterWrite'),
  ttl: number(),
};

export const StaffLogEntryEntity = new Entity({
  name: 'StaffLogEntry',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    ...entryAttributes,
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>(({ communityId, actorId }) => `C#${communityId}#STAFFLOG#A#${actorId}`),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>(({ entryId }) => entryId),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ communityId, objectType }) => `C#${communityId}#STAFFLOG#O#${objectType}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(({ entryId }) => entryId),
    GSI3PK: string()
      .hidden()
      .optional()
      .link<typeof prev>(({ subjectUserId }) => (subjectUserId ? `USER#${subjectUserId}` : undefined)),
    GSI3SK: string()
      .hidden()
      .optional()
      .link<typeof prev>(({ subjectUserId, entryId }) => (subjectUserId ? `STAFFLOG#${entryId}` : undefined)),
  })),
  computeKey: ({ communityId, entryId }) => ({ PK: `C#${communityId}#STAFFLOG`, SK: entryId }),
});
export const staffLogEntries = StaffLogEntryEntity.build(Repository);
export type StaffLogEntryItem = FormattedItem<typeof StaffLogEntryEntity>;

/**
 * An entry of a street's own log (街道操作记录): a street-level privileged write — creating the street, a
 * community in it, a staff code, a street-wide notice — kept under the street, with the community it concerns
 * when there is one. The same action that also concerns a community (a new community, a committee seat's code,
 * a street-wide notice) keeps its community entry under the same `entryId`, so a reader merging the street's
 * log with its communities' shows it once. Few entries per street (its office's actions), so one partition,
 * filtered in the query for an actor or an object type.
 */
export const StreetStaffLogEntryEntity = new Entity({
  name: 'StreetStaffLogEntry',
  table: LinliTable,
  schema: item({
    streetId: string().key(),
    communityId: string().optional(),
    ...entryAttributes,
  }),
  computeKey: ({ streetId, entryId }) => ({ PK: `S#${streetId}#STAFFLOG`, SK: entryId }),
});
export const streetStaffLogEntries = StreetStaffLogEntryEntity.build(Repository);
export type StreetStaffLogEntryItem = FormattedItem<typeof StreetStaffLogEntryEntity>;

/**
 * A date range over `<at>#<ulid>` sort keys (both ends optional, `to` inclusive), ending at `before` (an entry
 * id, included: the street's merged reader drops it) when that comes first.
 */
const between = (from: string | undefined, to: string | undefined, before?: string) => {
  const upTo = `${to ?? '9999'}\uffff`;
  return { between: [from ?? '0', before && before < upTo ? before : upTo] as [string, string] };
};

const filterInput = map({
  communityId: string(),
  from: string().optional(),
  to: string().optional(),
  /** Narrows an index query to one object type (a filter on the actor's entries). */
  objectType: string().optional(),
  /** The street's merged reader: entries up to this id (its cursor). */
  before: string().optional(),
  page: pageInput,
});

/** Newest first, a page at a time, narrowed to one object type by a filter when asked. */
const newestFirst = (page: Page | undefined, objectType: string | undefined) => ({
  reverse: true,
  ...pageOptions(page),
  ...(objectType
    ? { filters: { StaffLogEntry: { attr: 'objectType' as const, eq: objectType as StaffObjectType } } }
    : {}),
});

/** L1 A community's staff action log, newest first, in a date range. */
export const staffLogOfCommunity = StaffLogEntryEntity.build(AccessPattern)
  .schema(filterInput)
  .pattern(({ communityId, from, to, before, objectType, page }) => ({
    partition: `C#${communityId}#STAFFLOG`,
    range: between(from, to, before),
    options: newestFirst(page, objectType),
  }))
  .meta({ title: 'L1' });

/** L2 One actor's entries in a community, newest first (optionally one object type). */
export const staffLogOfActor = StaffLogEntryEntity.build(AccessPattern)
  .schema(map({ ...filterInput.attributes, actorId: string() }))
  .pattern(({ communityId, actorId, from, to, before, objectType, page }) => ({
    index: 'GSI1',
    partition: `C#${communityId}#STAFFLOG#A#${actorId}`,
    range: between(from, to, before),
    options: newestFirst(page, objectType),
  }))
  .meta({ title: 'L2' });

/** L3 One object type's entries in a community, newest first. */
export const staffLogOfObjectType = StaffLogEntryEntity.build(AccessPattern)
  .schema(map({ ...filterInput.attributes, objectType: string() }))
  .pattern(({ communityId, objectType, from, to, before, page }) => ({
    index: 'GSI2',
    partition: `C#${communityId}#STAFFLOG#O#${objectType}`,
    range: between(from, to, before),
    options: { reverse: true, ...pageOptions(page) },
  }))
  .meta({ title: 'L3' });

/** L4 Entries about a resident, in every community (their data export). */
export const staffLogAboutUser = StaffLogEntryEntity.build(AccessPattern)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({
    index: 'GSI3',
    partition: `USER#${userId}`,
    range: { beginsWith: 'STAFFLOG#' },
    options: { maxPages: Infinity },
  }))
  .meta({ title: 'L4' });

/**
 * L5 A street's own log (street-level actions), newest first, in a date range; one actor's, one object type's or
 * one community's by a filter (a street's own entries are few).
 */
export const staffLogOfStreet = StreetStaffLogEntryEntity.build(AccessPattern)
  .schema(
    map({
      streetId: string(),
      from: string().optional(),
      to: string().optional(),
      before: string().optional(),
      actorId: string().optional(),
      objectType: string().optional(),
      /** Its actions that concern one community. */
      communityId: string().optional(),
      page: pageInput,
    }),
  )
  .pattern(({ streetId, from, to, before, actorId, objectType, communityId, page }) => ({
    partition: `S#${streetId}#STAFFLOG`,
    range: between(from, to, before),
    options: {
      reverse: true,
      ...pageOptions(page),
      ...(actorId || objectType || communityId
        ? {
            filters: {
              StreetStaffLogEntry: {
                and: [
                  ...(actorId ? [{ attr: 'actorId' as const, eq: actorId }] : []),
                  ...(objectType ? [{ attr: 'objectType' as const, eq: objectType as StaffObjectType }] : []),
                  ...(communityId ? [{ attr: 'communityId' as const, eq: communityId }] : []),
                ],
              },
            },
          }
        : {}),
    },
  }))
  .meta({ title: 'L5' });
