import { users } from '../db/entities/user';
import type { PersonalDataSection } from './personalData';
import { endSessions } from './sessions';

/** The profile and sessions themselves, the first section of every export and erasure. */
export const profileSection: PersonalDataSection = {
  name: 'profile',
  async export(userId) {
    const { Item } = await users.get({ userId }, { consistent: true });
    if (!Item) return undefined;
    const { openid: _openid, grants, memberships: _m, ...profile } = Item;
    return { ...profile, roles: Object.values(grants ?? {}) };
  },
  async erase(userId) {
    await endSessions(userId);
  },
};
