import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { bindings } from '../db/entities/binding';
import { users } from '../db/entities/user';
import type { PersonalDataSection } from '../identity/personalData';
import { unbindUserFromUnit } from './bindUnit';
import { households } from '../db/registries/households';

async function bindingsOf(userId: string) {
  const { Items = [] } = await households.query.bindingsOfUser({ userId }).send();
  return Items;
}

/** Households a person belongs to and the binding requests they made. */
export const householdSection: PersonalDataSection = {
  name: 'households',
  async export(userId) {
    const { Item } = await users.get({ userId }, { consistent: true });
    const requests = await bindingsOf(userId);
    return {
      memberships: Object.values(Item?.memberships ?? {}),
      bindingRequests: requests.map(({ userId: _u, ...b }) => b),
    };
  },
  async erase(userId) {
    const { Item } = await users.get({ userId }, { consistent: true });
    for (const m of Object.values(Item?.memberships ?? {}))
      await unbindUserFromUnit({ userId, communityId: m.communityId, unitId: m.unitId, buildingId: m.buildingId });
    // The request records stay for the committee's register, without the name and note typed in.
    for (const b of await bindingsOf(userId))
      await bindings.update({
        communityId: b.communityId,
        bindingId: b.bindingId,
        realName: $remove(),
        note: $remove(),
      });
  },
};
