import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  addDays,
  SUBSCRIBE_TEMPLATES,
  TEMPLATE_KEYS,
  withDefaults,
  type NotificationPreferences,
  type NotificationSettingsView,
  type TemplateKey,
} from '@linli/shared';
import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { notificationPreferences } from '../db/entities/notificationPreferences';
import { subscribeGrants } from '../db/entities/subscribeGrant';
import { failedWrites, transact } from '../db/transactions';
import { epochSeconds } from '../commons/clock';
import { notifications } from '../db/registries/notifications';

/** A person's preferences, the defaults filling anything never set. */
export async function preferencesOf(userId: string): Promise<NotificationPreferences> {
  const { Item } = await notificationPreferences.get({ userId });
  return withDefaults(Item);
}

/** Remaining one-time grants per template (only templates in use). */
export async function grantsOf(userId: string) {
  const { Items = [] } = await notifications.query.grantsOfUser({ userId }).send();
  const remaining = new Map(Items.map((g) => [g.templateId, Math.max(0, g.remaining)]));
  return TEMPLATE_KEYS.map((key) => ({
    template: key,
    title: SUBSCRIBE_TEMPLATES[key].title,
    remaining: remaining.get(SUBSCRIBE_TEMPLATES[key].id) ?? 0,
  }));
}

export async function settingsOf(userId: string): Promise<NotificationSettingsView> {
  const [preferences, grants] = await Promise.all([preferencesOf(userId), grantsOf(userId)]);
  return { preferences, grants };
}

/** 保存通知设置: the whole set replaces the stored one (a retried save writes the same thing). */
export async function saveSettings(
  userId: string,
  preferences: NotificationPreferences,
  now: Date,
): Promise<NotificationSettingsView> {
  await notificationPreferences.put({ userId, ...preferences, updatedAt: now.toISOString() });
  return settingsOf(userId);
}

/**
 * Records what wx.requestSubscribeMessage answered: each `accept` is one more send of that template.
 * The counts and an idempotency record for the client's request id (with the report's fingerprint) go
 * in one transaction, so a report retried after a lost answer adds nothing, and another report under
 * the same id is refused (409). A report without an accept still records its id.
 */
export async function reportGrants(
  userId: string,
  input: { requestId: string; results: Partial<Record<TemplateKey, 'accept' | 'reject' | 'ban' | 'filter'>> },
  now: Date,
) {
  const accepted = (Object.entries(input.results) as [TemplateKey, string][])
    .filter(([, result]) => result === 'accept')
    .map(([key]) => key);
  const fingerprint = requestFingerprint({
    route: 'notifications.reportGrants',
    caller: userId,
    params: {},
    body: input,
  });
  const requestKey = { userId, action: 'grants', requestId: input.requestId };
  const writes = {
    request: idempotencyRecords.transactPut(
      {
        ...requestKey,
        result: accepted.join(',') || 'none', // DynamoDB Local refuses an empty string
        requestFingerprint: fingerprint,
        ttl: epochSeconds(addDays(now, 1)),
      },
      { condition: { attr: 'requestId', exists: false } },
    ),
    grants: accepted.map((key) =>
      subscribeGrants.transactUpdate({
        userId,
        templateId: SUBSCRIBE_TEMPLATES[key].id,
        remaining: $add(1),
        updatedAt: now.toISOString(),
      }),
    ),
  };
  try {
    await transact(writes);
  } catch (error) {
    if (!failedWrites(error, writes)?.has('request')) throw error;
    // Already counted: the same request again, or another one under its id (409).
    const { Item: done } = await idempotencyRecords.get(requestKey, { consistent: true });
    assertSameRequest(done?.requestFingerprint, fingerprint);
  }
  return { grants: await grantsOf(userId) };
}

/** WeChat says the person holds no grant for this template (43101): our count was wrong, so it is zero now. */
export async function markGrantSpent(userId: string, templateId: string, now: Date): Promise<void> {
  await subscribeGrants.update({ userId, templateId, remaining: 0, updatedAt: now.toISOString() });
}
