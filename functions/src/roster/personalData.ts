import { staffAssignments } from '../db/entities/staffAssignment';
import { users } from '../db/entities/user';
import type { PersonalDataSection } from '../identity/personalData';
import { roster } from '../db/registries/roster';
import { staffLog } from '../db/registries/staffLog';

/** Staff roles a person holds (网格员, 楼长, 居委会); erasing ends them. */
export const staffSection: PersonalDataSection = {
  name: 'staffRoles',
  async export(userId) {
    const { Item } = await users.get({ userId }, { consistent: true });
    return Object.values(Item?.grants ?? {}).filter((g) => g.role !== 'resident');
  },
  async erase(userId) {
    const { Item } = await users.get({ userId }, { consistent: true });
    const communitiesServed = new Set(Object.values(Item?.grants ?? {}).map((g) => g.communityId));
    for (const communityId of communitiesServed) {
      const { Items = [] } = await roster.query.staff({ communityId }).send();
      await Promise.all(
        Items.filter((a) => a.userId === userId).map((a) =>
          staffAssignments.delete({ communityId, grantKey: a.grantKey }),
        ),
      );
    }
  },
};

/**
 * 操作记录 about me: the staff actions whose subject is this person (their binding decided, a role given or
 * taken), in every community, with what changed. Staff are named by role, not by name. Exported under `audit`
 * (我的数据 labels it 操作记录). Erasure keeps them: they are the community's record of what its staff did,
 * and they name the person only by id.
 */
export const staffLogSection: PersonalDataSection = {
  name: 'audit',
  async export(userId) {
    const { Items = [] } = await staffLog.query.aboutUser({ userId }).send();
    return Items.map((e) => ({
      at: e.at,
      communityId: e.communityId,
      action: e.actionLabel,
      byRoles: e.roles,
      objectType: e.objectType,
      objectId: e.objectId,
      // Done for her under 亲情代办: by whom (the helper is named, as on her 代办记录).
      ...(e.actingForId === userId ? { actingFor: true, by: e.actorName } : {}),
      changes: e.changes,
    }));
  },
  async erase() {
    // Kept on purpose (see above): nothing to remove.
  },
};
