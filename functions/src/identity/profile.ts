import { PRIVACY_GUIDELINE } from '@linli/shared';
import { users, type UserItem } from '../db/entities/user';
import { conflict, unauthenticated } from '../http/errors';
import { loadUser } from './principal';
import { meView } from './views';
export async function updateProfile(
  user: UserItem,
  changes: { nickname?: string; avatarUrl?: string; phone?: string; largeText?: boolean },
) {
  await users.update({ userId: user.userId, ...changes }, { condition: { attr: 'status', eq: 'active' } });
  const fresh = await loadUser(user.userId);
  if (!fresh) throw unauthenticated('账号不存在或已注销');
  return meView(fresh);
}

/** 同意隐私保护指引: only the current version can be accepted, so nobody consents to text they did not see. */
export async function acceptPrivacy(user: UserItem, version: string, now: Date) {
  if (version !== PRIVACY_GUIDELINE.version) throw conflict('隐私保护指引已更新，请阅读最新版本后再同意');
  return updatePrivacy(user, version, now);
}

async function updatePrivacy(user: UserItem, version: string, now: Date) {
  await users.update({ userId: user.userId, privacyVersion: version, privacyAcceptedAt: now.toISOString() });
  return meView({ ...user, privacyVersion: version, privacyAcceptedAt: now.toISOString() });
}
