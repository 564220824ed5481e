import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { map } from 'dynamodb-toolbox/schema/map';
import { record } from 'dynamodb-toolbox/schema/record';
import { ROLES, RELATIONS } from '@linli/shared';
import { Repository } from '../repository';
import { LinliTable } from '../table';

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
export const membershipKey = (communityId: string, unitId: string) => `${communityId}|${unitId}`;
