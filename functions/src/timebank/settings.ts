import { timebankSettings } from '../db/entities/timebankSettings';
import { noteStaffChange } from '../db/staffLog';
import { transact } from '../db/transactions';

export async function getSettings(communityId: string) {
  const { Item } = await timebankSettings.get({ communityId });
  return {
    expiry: { enabled: Item?.expiryEnabled ?? false, months: Item?.expiryMonths ?? 24 },
    street: { open: Item?.streetOpen ?? true },
  };
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
  input: { expiry: { enabled: boolean; months: number }; street?: { open: boolean } };
  now: Date;
}) {
  const before = await getSettings(communityId);
  noteStaffChange({ before, after: { ...before, ...body } });
  await transact({
    settings: timebankSettings.transactPut({
      communityId,
      expiryEnabled: body.expiry.enabled,
      expiryMonths: body.expiry.months,
      // A page that only edits the expiry keeps the street setting as it was.
      streetOpen: (body.street ?? before.street).open,
      updatedBy: userId,
      updatedAt: now.toISOString(),
    }),
  });
  return getSettings(communityId);
}
