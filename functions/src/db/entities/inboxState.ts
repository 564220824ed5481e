import { Entity } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * A person's unread count (the tab bar's badge), moved in the same transaction as the entry it counts:
 * +1 with each new entry, −1 with each entry marked read, so the badge costs one GetItem.
 */
export const InboxStateEntity = new Entity({
  name: 'InboxState',
  table: LinliTable,
  schema: item({ userId: string().key(), unread: number().default(0) }),
  computeKey: ({ userId }) => ({ PK: `USER#${userId}`, SK: 'INBOX_STATE' }),
});
export const inboxStates = InboxStateEntity.build(Repository);
