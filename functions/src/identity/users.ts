import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import { LinliTable } from '../db/table';
import { users, type UserItem } from '../db/entities/user';

/**
 * Users by id in BatchGets of 100 — for putting names beside a page of records. Deleted accounts
 * come back too (their profile is already scrubbed), so callers show "已注销用户".
 */
export async function loadUsers(ids: Iterable<string>): Promise<Map<string, UserItem>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, UserItem>();
  for (let i = 0; i < unique.length; i += 100) {
    let keys = unique.slice(i, i + 100).map((userId) => users.batchGet({ userId }));
    // BatchGet may return part of the batch under load; ask again for what was left unprocessed.
    for (let round = 0; keys.length && round < 5; round++) {
      const { Responses, UnprocessedKeys } = await execute(LinliTable.build(BatchGetCommand).requests(...keys));
      for (const u of (Responses?.[0] ?? []) as (UserItem | undefined)[]) if (u) found.set(u.userId, u);
      const left = UnprocessedKeys?.[LinliTable.getName()]?.Keys ?? [];
      keys = left.map((k) => users.batchGet({ userId: String(k.PK).replace(/^USER#/, '') }));
    }
  }
  return found;
}
