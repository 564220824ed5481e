import { maskPhone, type BindingView } from '@linli/shared';
import type { BindingItem } from '../db/entities/binding';
import type { UserItem } from '../db/entities/user';

/** A binding request as staff and the applicant see it; the applicant's phone is always masked. */
export function bindingView(
  b: BindingItem,
  applicant: Pick<UserItem, 'userId' | 'nickname' | 'phone'> | undefined,
): BindingView {
  return {
    bindingId: b.bindingId,
    communityId: b.communityId,
    communityName: b.communityName,
    unitId: b.unitId,
    unitLabel: b.unitLabel,
    buildingId: b.buildingId,
    gridId: b.gridId,
    relation: b.relation,
    note: b.note,
    status: b.status,
    reason: b.reason,
    requestedAt: b.requestedAt,
    decidedAt: b.decidedAt,
    applicant: {
      userId: b.userId,
      nickname: applicant?.nickname ?? '已注销用户',
      realName: b.realName,
      phoneMasked: maskPhone(applicant?.phone),
    },
  };
}
