import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import { inboxItems } from '../db/entities/inboxItem';
import { inboxStates } from '../db/entities/inboxState';
import { notificationDeliveries } from '../db/entities/notificationDelivery';
import { notificationIntents } from '../db/entities/notificationIntent';
import { notificationPreferences } from '../db/entities/notificationPreferences';
import { pushCounters } from '../db/entities/pushCounter';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import type { PersonalDataSection } from '../identity/personalData';
import { settingsOf } from './settings';
import { notifications } from '../db/registries/notifications';

async function everything(userId: string) {
  const { Items = [] } = await notifications.query.notificationsOfUser({ userId }).send();
  return Items;
}

/**
 * Messages a person received, their notification settings and subscribe grants. Erasing removes all of
 * it, and with each inbox entry the outbox copy it came from (the intent and its delivery record), so
 * no message text about the person outlives the account.
 */
export const notificationsSection: PersonalDataSection = {
  name: 'notifications',
  async export(userId) {
    const items = await everything(userId);
    const settings = await settingsOf(userId);
    return {
      settings: settings.preferences,
      subscribeGrants: settings.grants.filter((g) => g.remaining > 0),
      inbox: items.flatMap((i) =>
        i.entity === 'InboxItem'
          ? [{ title: i.title, body: i.body, event: i.event, createdAt: i.createdAt, readAt: i.readAt }]
          : [],
      ),
    };
  },
  async erase(userId) {
    for (const item of await everything(userId)) {
      switch (item.entity) {
        case 'InboxItem':
          await Promise.all([
            notificationDeliveries.delete({ intentId: item.intentId, channel: 'wechat' }),
            notificationIntents.delete({ intentId: item.intentId }),
          ]);
          await inboxItems.delete({ userId, itemId: item.itemId });
          break;
        case 'SubscribeGrant':
          await subscribeGrants.delete({ userId, templateId: item.templateId });
          break;
        case 'PushCounter':
          await pushCounters.delete({ userId, day: item.day });
          break;
        case 'IdempotencyRecord':
          await idempotencyRecords.delete({ userId, action: item.action, requestId: item.requestId });
          break;
      }
    }
    await Promise.all([inboxStates.delete({ userId }), notificationPreferences.delete({ userId })]);
  },
};
