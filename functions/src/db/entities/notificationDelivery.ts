import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { LinliTable } from '../table';

/**
 * What happened to one intent on one push channel (today: WeChat). Created conditionally when a send is
 * reserved, so only one dispatcher ever sends an intent on a channel; every later step is a conditional
 * move from the status the mover saw. `sending` that outlives its lease became `unconfirmed`: the send
 * may have gone out, so it is never repeated (at most once), and the inbox holds the message anyway.
 */
export const DELIVERY_STATUSES = [
  'sending',
  'sent',
  'retrying',
  'skipped',
  'refused',
  'unconfirmed',
  'failed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const TERMINAL_DELIVERY: readonly DeliveryStatus[] = ['sent', 'skipped', 'refused', 'unconfirmed', 'failed'];

export const NotificationDeliveryEntity = new Entity({
  name: 'NotificationDelivery',
  table: LinliTable,
  schema: item({
    intentId: string().key(),
    channel: string().enum('wechat').key(),
    status: string().enum(...DELIVERY_STATUSES),
    /** Send attempts made, the current one included. */
    attempt: number().default(0),
    templateId: string().optional(),
    /** The China day whose cap slot the reservation took (given back to that day if WeChat kept nothing). */
    capDay: string().optional(),
    /** Why it was skipped or failed (a code such as `noGrant`, `dailyCap`, `wechat:47003`). */
    reason: string().optional(),
    updatedAt: string(),
  }),
  computeKey: ({ intentId, channel }) => ({ PK: `INTENT#${intentId}`, SK: `DELIVERY#${channel}` }),
});
export const notificationDeliveries = NotificationDeliveryEntity.build(Repository);
export type NotificationDeliveryItem = FormattedItem<typeof NotificationDeliveryEntity>;
