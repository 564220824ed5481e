import { sessions } from '../db/entities/session';
import { users } from '../db/entities/user';
import type { PersonalDataSection } from './personalData';
import { identity } from '../db/registries/identity';

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
    let cursor: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await identity.query
        .sessionsOfUser({ userId, page: { start: cursor } })
        .send();
      await Promise.all(Items.map((s) => sessions.delete({ userId, sessionId: s.sessionId })));
      cursor = LastEvaluatedKey;
    } while (cursor);
  },
};
