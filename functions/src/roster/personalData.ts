import { staffAssignments } from '../db/entities/staffAssignment';
import { users } from '../db/entities/user';
import type { PersonalDataSection } from '../identity/personalData';
import { roster } from '../db/registries/roster';

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
