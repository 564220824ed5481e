import { $add, $remove, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { grantKey, type Relation } from '@linli/shared';
import { buildings } from '../db/entities/building';
import { memberships } from '../db/entities/membership';
import { units, type UnitItem } from '../db/entities/unit';
import { membershipKey, users, type UserItem } from '../db/entities/user';
import { failedWrites, transact, type Writes } from '../db/transactions';
import { conflict } from '../http/errors';

export interface Household {
  unit: UnitItem;
  communityName: string;
}

/**
 * Binds a resident to a unit in one transaction with the caller's own writes (approving the request,
 * or consuming the invitation): the Membership, the household snapshot on the Unit, the building's
 * count of bound units, and the user's memberships and resident grant. The unit's member count is a
 * condition, not a read, so the building counter moves exactly when the first resident arrives.
 */
export async function bindUserToUnit(
  args: {
    user: Pick<UserItem, 'userId' | 'nickname'>;
    household: Household;
    relation: Relation;
    ownerId?: string;
    now: Date;
  },
  /** The caller's named writes; they must not be named `membership`, `resident`, `unit` or `building`. */
  alongside: Writes,
): Promise<void> {
  const { user, household, relation, now } = args;
  const { unit } = household;
  const since = now.toISOString();
  const ownerId = relation === 'owner' ? (args.ownerId ?? unit.ownerId) : undefined;
  const { communityId, unitId } = unit;

  const membership = memberships.transactPut(
    {
      communityId,
      unitId,
      userId: user.userId,
      buildingId: unit.buildingId,
      gridId: unit.gridId,
      relation,
      ownerId,
      since,
    },
    { condition: { attr: 'userId', exists: false } },
  );
  const userUpdate = users.transactUpdate(
    {
      userId: user.userId,
      memberships: {
        [membershipKey(communityId, unitId)]: $set({
          communityId,
          unitId,
          buildingId: unit.buildingId,
          gridId: unit.gridId,
          relation,
          ownerId,
          since,
          unitLabel: unit.label,
          communityName: household.communityName,
        }),
      },
      grants: { [grantKey({ role: 'resident', communityId })]: $set({ role: 'resident' as const, communityId }) },
    },
    { condition: { attr: 'status', eq: 'active' } },
  );
  const addMember = {
    communityId,
    unitId,
    members: { [user.userId]: $set({ nickname: user.nickname, relation, since }) },
    memberCount: $add(1),
  };

  const asFirstResident = {
    unit: units.transactUpdate(addMember, {
      condition: {
        or: [
          { attr: 'memberCount', exists: false },
          { attr: 'memberCount', eq: 0 },
        ],
      },
    }),
    building: buildings.transactUpdate(
      { communityId, buildingId: unit.buildingId, boundUnits: $add(1) },
      { condition: { attr: 'buildingId', exists: true } },
    ),
  };
  const asLaterResident = { unit: units.transactUpdate(addMember, { condition: { attr: 'memberCount', gt: 0 } }) };

  // Exactly one of the two unit conditions holds, so this retries at most once and never moves the
  // building counter twice.
  for (const unitWrites of [asFirstResident, asLaterResident]) {
    const writes = { ...alongside, membership, resident: userUpdate, ...unitWrites };
    try {
      await transact(writes);
      return;
    } catch (error) {
      const failed = failedWrites(error, writes) as ReadonlySet<string> | undefined;
      if (!failed) throw error;
      if (failed.has('membership')) throw conflict('您已经绑定了这套房屋');
      if (failed.has('resident')) throw conflict('该账号已注销');
      // The caller's own write refused: the caller decodes it by its name.
      if (Object.keys(alongside).some((name) => failed.has(name))) throw error;
    }
  }
  throw conflict('房屋信息刚刚发生变化，请重试');
}

/**
 * Removes a resident from a household (moving out, or erasing an account): the inverse of
 * bindUserToUnit, with the same condition trick so the building's bound-unit count drops exactly
 * when the last resident leaves. Idempotent: a membership already gone is a no-op.
 */
export async function unbindUserFromUnit(args: {
  userId: string;
  communityId: string;
  unitId: string;
  buildingId: string;
}): Promise<void> {
  const { userId, communityId, unitId, buildingId } = args;
  const { Item: existing } = await memberships.get({ communityId, unitId, userId }, { consistent: true });
  if (!existing) return;
  const removeMembership = memberships.transactDelete(
    { communityId, unitId, userId },
    { condition: { attr: 'userId', exists: true } },
  );
  const dropMember = { communityId, unitId, members: { [userId]: $remove() }, memberCount: $add(-1) };
  const userUpdate = users.transactUpdate({
    userId,
    memberships: { [membershipKey(communityId, unitId)]: $remove() },
  });
  const asLastResident = {
    unit: units.transactUpdate(dropMember, { condition: { attr: 'memberCount', eq: 1 } }),
    building: buildings.transactUpdate(
      { communityId, buildingId, boundUnits: $add(-1) },
      { condition: { attr: 'boundUnits', gt: 0 } },
    ),
  };
  const asOneOfSeveral = { unit: units.transactUpdate(dropMember, { condition: { attr: 'memberCount', gt: 1 } }) };
  for (const unitWrites of [asLastResident, asOneOfSeveral]) {
    const writes = { membership: removeMembership, resident: userUpdate, ...unitWrites };
    try {
      await transact(writes);
      return;
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (!failed) throw error;
      if (failed.has('membership')) return; // someone else removed it meanwhile
    }
  }
  throw conflict('房屋信息刚刚发生变化，请重试');
}
