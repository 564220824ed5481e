import { maskPhone, PRIVACY_GUIDELINE, type MeView, type MembershipView } from '@linli/shared';
import type { UserItem } from '../db/entities/user';

type MembershipOut = MembershipView;

/** What a user sees of themselves; their own phone is masked too (it is shown only while editing). */
export function meView(user: UserItem): MeView {
  return {
    userId: user.userId,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    phoneMasked: maskPhone(user.phone),
    largeText: user.largeText ?? false,
    privacy: {
      currentVersion: PRIVACY_GUIDELINE.version,
      acceptedVersion: user.privacyVersion,
      acceptedAt: user.privacyAcceptedAt,
      mustAccept: user.privacyVersion !== PRIVACY_GUIDELINE.version,
    },
    grants: Object.values(user.grants ?? {}),
    memberships: Object.values(user.memberships ?? {}).map((m): MembershipOut => ({
      communityId: m.communityId,
      communityName: m.communityName,
      unitId: m.unitId,
      unitLabel: m.unitLabel,
      buildingId: m.buildingId,
      gridId: m.gridId,
      relation: m.relation,
    })),
    createdAt: user.createdAt,
  };
}
