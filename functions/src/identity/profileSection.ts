import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { SessionEntity, sessions } from '../db/entities/session';
import { users } from '../db/entities/user';
import { LinliTable } from '../db/table';
import type { PersonalDataSection } from './personalData';

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
      const { Items = [], LastEvaluatedKey } = await LinliTable.build(QueryCommand)
        .entities(SessionEntity)
        .query({ partition: `USER#${userId}`, range: { beginsWith: 'SESSION#' } })
        .options({ exclusiveStartKey: cursor })
        .send();
      await Promise.all(Items.map((s) => sessions.delete({ userId, sessionId: s.sessionId })));
      cursor = LastEvaluatedKey;
    } while (cursor);
  },
};
