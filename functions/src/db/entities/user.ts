import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { map } from 'dynamodb-toolbox/schema/map';
import { record } from 'dynamodb-toolbox/schema/record';
import { ROLES, RELATIONS } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';
import { $get, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

/**
 * A person signed in through WeChat. Grants and memberships are mirrored here (maps keyed so one
 * update expression adds or removes an entry) so that authorising a request costs one GetItem.
 */
export const UserEntity = new Entity({
  name: 'User',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    /** Never leaves the server except to WeChat (subscribe messages). */
    openid: string().optional(),
    nickname: string(),
    avatarUrl: string().optional(),
    realName: string().optional(),
    phone: string().optional(),
    largeText: boolean().default(false),
    /** 亲情代办 switched off by the resident: no one may act for her (absent: allowed). */
    proxyOff: boolean().optional(),
    privacyVersion: string().optional(),
    privacyAcceptedAt: string().optional(),
    grants: record(
      string(),
      map({
        role: string().enum(...ROLES),
        communityId: string(),
        gridId: string().optional(),
        buildingId: string().optional(),
      }),
    ).default({}),
    memberships: record(
      string(),
      map({
        communityId: string(),
        unitId: string(),
        buildingId: string(),
        gridId: string(),
        relation: string().enum(...RELATIONS),
        ownerId: string().optional(),
        since: string(),
        /** Snapshots for display, so /me costs one read. */
        unitLabel: string(),
        communityName: string(),
      }),
    ).default({}),
    /**
     * Offices above a community (street office, administrator), keyed by `officeKey`. Optional, not
     * defaulted: accounts from before offices existed have none, and a required attribute they lack would
     * fail every read of them.
     */
    offices: record(
      string(),
      map({
        role: string().enum('street', 'admin'),
        streetId: string().optional(),
        /** The street's name, for display. */
        streetName: string().optional(),
        since: string(),
      }),
    ).optional(),
    status: string().enum('active', 'deleted').default('active'),
    createdAt: string(),
    deletedAt: string().optional(),
    /** Sparse index of accounts whose erasure has not finished (see identity/profile.ts). */
    GSI3PK: string().optional().hidden(),
    GSI3SK: string().optional().hidden(),
  }),
  computeKey: ({ userId }) => ({ PK: `USER#${userId}`, SK: 'USER' }),
});

export const users = UserEntity.build(Repository);
export type UserItem = FormattedItem<typeof UserEntity>;
/**
 * Makes sure a user item has its `offices` map (accounts created before offices existed lack it): a
 * nested `SET offices.<key>` fails on a missing map, and one transaction cannot create the map and set
 * inside it. Idempotent; run before such a transaction.
 */
export const ensureOfficesMap = (userId: string) =>
  users.update({ userId, offices: $get('offices', {}) }, { condition: { attr: 'userId', exists: true } });

export const membershipKey = (communityId: string, unitId: string) => `${communityId}|${unitId}`;

/** The sparse index (GSI3) of accounts whose erasure has not finished. */
const ERASURE_PENDING = 'ERASURE#PENDING';

/** An account's place in the unfinished-erasures index: in it from deletion until every section is erased. */
export const erasureIndex = {
  pending: (userId: string) => ({ GSI3PK: ERASURE_PENDING, GSI3SK: userId }),
  finished: () => ({ GSI3PK: $remove(), GSI3SK: $remove() }),
};

/** #14 Accounts whose erasure a crash interrupted (the scheduled retry), a page at a time. */
export const pendingErasures = UserEntity.build(AccessPattern)
  .schema(map({ page: pageInput }))
  .pattern(({ page }) => ({ index: 'GSI3', partition: ERASURE_PENDING, options: pageOptions(page) }))
  .meta({ title: '#14' });
