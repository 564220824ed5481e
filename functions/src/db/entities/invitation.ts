import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { RELATIONS, STAFF_INVITATION_ROLES } from '@linli/shared';
import { pageInput, pageOptions } from '../page';
import { LinliTable } from '../table';

/**
 * A one-time invitation code. `household` codes bind a unit, issued by the committee; `staff` codes
 * appoint their redeemer to a staff role — a community's first committee (居委会) or a street office
 * (街道) — issued by an administrator or the street office. Redeeming is a transaction conditioned on
 * `attribute_not_exists(usedBy)` and the expiry, so a code is used exactly once. Staff codes of a
 * street are listed through GSI1 (`S#<streetId>#INVITES`, newest last).
 */
export const InvitationEntity = new Entity({
  name: 'Invitation',
  table: LinliTable,
  schema: item({
    code: string().key(),
    kind: string().enum('household', 'staff').default('household'),
    /** The community of a household code or of a committee appointment; absent for a street office. */
    communityId: string().optional(),
    unitId: string().optional(),
    relation: string()
      .enum(...RELATIONS)
      .optional(),
    /** Staff codes: the role given, the street it is given in, who the issuer meant it for. */
    role: string()
      .enum(...STAFF_INVITATION_ROLES)
      .optional(),
    streetId: string().optional(),
    invitee: string().optional(),
    issuedBy: string(),
    issuedAt: string().optional(),
    expiresAt: string(),
    usedBy: string().optional(),
    usedAt: string().optional(),
    ttl: number(),
  }).and((prev) => ({
    GSI1PK: string()
      .optional()
      .hidden()
      .link<typeof prev>(({ kind, streetId }) => (kind === 'staff' && streetId ? staffInvitesOf(streetId) : undefined)),
    GSI1SK: string()
      .optional()
      .hidden()
      .link<typeof prev>(({ kind, streetId, issuedAt, code }) =>
        kind === 'staff' && streetId ? `${issuedAt ?? ''}#${code}` : undefined,
      ),
  })),
  computeKey: ({ code }) => ({ PK: `INVITE#${code}`, SK: 'INVITE' }),
});
export const invitations = InvitationEntity.build(Repository);
export type InvitationItem = FormattedItem<typeof InvitationEntity>;

const staffInvitesOf = (streetId: string) => `S#${streetId}#INVITES`;

/** S3 The staff invitation codes a street issued, newest first (GSI1). */
export const staffInvitationsOfStreet = InvitationEntity.build(AccessPattern)
  .schema(map({ streetId: string(), page: pageInput }))
  .pattern(({ streetId, page }) => ({
    index: 'GSI1',
    partition: staffInvitesOf(streetId),
    options: { ...pageOptions(page), reverse: true },
  }))
  .meta({ title: 'S3' });
