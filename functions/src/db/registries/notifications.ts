import { AccessPattern } from 'dynamodb-toolbox/table/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { string } from 'dynamodb-toolbox/schema/string';
import { registry } from '../registry';
import { LinliTable } from '../table';
import { noticesOfCommunity } from '../entities/broadcast';
import { IdempotencyRecordEntity } from '../entities/idempotencyRecord';
import { InboxItemEntity, inboxOf } from '../entities/inboxItem';
import { openIntents, parkedIntents } from '../entities/notificationIntent';
import { PushCounterEntity } from '../entities/pushCounter';
import { marksOfSubject } from '../entities/reachMark';
import { grantsOfUser, SubscribeGrantEntity } from '../entities/subscribeGrant';

/** #31 What a person's partition holds of notifications: inbox, grants, daily counters, request records. */
const notificationsOfUser = LinliTable.build(AccessPattern)
  .entities(InboxItemEntity, SubscribeGrantEntity, PushCounterEntity, IdempotencyRecordEntity)
  .schema(map({ userId: string() }))
  .pattern(({ userId }) => ({ partition: `USER#${userId}` }))
  .options({ maxPages: Infinity, showEntityAttr: true, consistent: true })
  .meta({ title: '#31' });

/** 通知: the outbox, inboxes, grants, community notices and their reach. */
export const notifications = registry('notifications', {
  inbox: inboxOf,
  grantsOfUser,
  notificationsOfUser,
  openIntents,
  parkedIntents,
  notices: noticesOfCommunity,
  reachOf: marksOfSubject,
});
