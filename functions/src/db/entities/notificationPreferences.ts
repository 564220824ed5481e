import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/** A person's notification settings (通知设置); absent means the defaults (shared/notifications/respect.ts). */
export const NotificationPreferencesEntity = new Entity({
  name: 'NotificationPreferences',
  table: LinliTable,
  schema: item({
    userId: string().key(),
    categories: record(string(), boolean()),
    quietHours: map({ enabled: boolean(), start: string(), end: string() }),
    dailyCap: number(),
    updatedAt: string(),
  }),
  computeKey: ({ userId }) => ({ PK: `USER#${userId}`, SK: 'NOTIFY_PREFS' }),
});
export const notificationPreferences = NotificationPreferencesEntity.build(Repository);
export type NotificationPreferencesItem = FormattedItem<typeof NotificationPreferencesEntity>;
