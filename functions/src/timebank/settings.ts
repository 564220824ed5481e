import { timebankSettings } from '../db/entities/timebankSettings';
import { noteStaffChange } from '../db/staffLog';
import { transact } from '../db/transactions';

export async function getSettings(communityId: string) {
  const { Item } = await timebankSettings.get({ communityId });
  return { expiry: { enabled: Item?.expiryEnabled ?? false, months: Item?.expiryMonths ?? 24 } };
}

/** 积分有效期: off by default; when on, the daily job expires the oldest points first. */
export async function updateSettings({
  userId,
  communityId,
  input: body,
  now,
}: {
  /** The committee member who changes them. */
  userId: string;
  communityId: string;
  input: { expiry: { enabled: boolean; months: number } };
  now: Date;
}) {
  noteStaffChange({ before: await getSettings(communityId), after: body });
  await transact({
    settings: timebankSettings.transactPut({
      communityId,
      expiryEnabled: body.expiry.enabled,
      expiryMonths: body.expiry.months,
      updatedBy: userId,
      updatedAt: now.toISOString(),
    }),
  });
  return getSettings(communityId);
}
