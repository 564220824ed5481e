import { timebankSettings } from '../db/entities/timebankSettings';

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
  await timebankSettings.put({
    communityId,
    expiryEnabled: body.expiry.enabled,
    expiryMonths: body.expiry.months,
    updatedBy: userId,
    updatedAt: now.toISOString(),
  });
  return getSettings(communityId);
}
