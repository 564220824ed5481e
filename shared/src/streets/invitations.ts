/*
 * The roles and states of a staff invitation code: the invitation entity stores them and the streets contracts
 * validate them. Apart from contracts.ts because an entity that imports a value from a contracts module keeps all
 * of that module's route schemas in every Lambda that bundles the entity: 5.5 KB of the streets contracts in
 * identity, roster and timebank.
 */

/** Staff roles an invitation code can give: a community's committee (居委会), a street's office (街道). */
export const STAFF_INVITATION_ROLES = ['committee', 'street'] as const;
export type StaffInvitationRole = (typeof STAFF_INVITATION_ROLES)[number];
export const STAFF_INVITATION_LABELS: Record<StaffInvitationRole, string> = {
  committee: '居委会成员',
  street: '街道工作人员',
};
export const INVITATION_STATUSES = ['pending', 'used', 'expired'] as const;
export const INVITATION_STATUS_LABELS: Record<(typeof INVITATION_STATUSES)[number], string> = {
  pending: '待使用',
  used: '已使用',
  expired: '已过期',
};
