import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { EntityRepository } from 'dynamodb-toolbox/entity/actions/repository';
import { any } from 'dynamodb-toolbox/schema/any';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { record } from 'dynamodb-toolbox/schema/record';
import { string } from 'dynamodb-toolbox/schema/string';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { LinliTable } from '../table';

/**
 * The outbox: one notification to deliver, written in the same transaction as its cause and picked
 * up from the table's stream by the dispatcher. Its id derives from the event's dedupe key, so a
 * retried cause writes the same intent, never a second one.
 */
export const NotificationIntentEntity = new Entity({
  name: 'NotificationIntent',
  table: LinliTable,
  schema: item({
    intentId: string().key(),
    communityId: string(),
    event: string(),
    category: string(),
    urgent: boolean(),
    /** One recipient, or an audience the dispatcher expands (a scope, the non-voters of a poll…). */
    recipientId: string().optional(),
    audience: any().optional(),
    title: string(),
    body: string(),
    /** Mini-program page (with query) the inbox entry and the subscribe message open. */
    link: string(),
    /** Values for the event's WeChat template fields, by logical name. */
    data: record(string(), string()),
    status: string().enum('pending', 'delivered', 'failed').default('pending'),
    attempts: number().default(0),
    createdAt: string(),
  }),
  computeKey: ({ intentId }) => ({ PK: `INTENT#${intentId}`, SK: 'INTENT' }),
});
export const notificationIntents = NotificationIntentEntity.build(EntityRepository);
export type NotificationIntentItem = FormattedItem<typeof NotificationIntentEntity>;
