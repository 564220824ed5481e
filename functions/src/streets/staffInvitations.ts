import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  addDays,
  grantKey,
  officeKey,
  type OfficeGrant,
  type Principal,
  type RoleGrant,
  type StaffInvitationRole,
  type StaffInvitationView,
} from '@linli/shared';
import { auditEvents } from '../db/entities/auditEvent';
import { communities } from '../db/entities/community';
import { invitations, type InvitationItem } from '../db/entities/invitation';
import { staffAssignments } from '../db/entities/staffAssignment';
import { streetOffices } from '../db/entities/streetOffice';
import { ensureOfficesMap, users, type UserItem } from '../db/entities/user';
import { streets as streetQueries } from '../db/registries/streets';
import { noteStaffChange } from '../db/staffLog';
import { failedWrites, transact } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { epochSeconds } from '../commons/clock';
import { humanCode, ulid } from '../commons/ids';
import { badRequest, conflict, notFound } from '../http/errors';
import { loadStreet } from './streets';

/**
 * 工作人员邀请码: the household invitation mechanism (a one-time code, an expiry, a conditional
 * redemption transaction) extended to staff roles. An administrator or the street office gives a new
 * community its first committee (居委会) and a street its office staff (街道工作人员) this way; whoever
 * redeems the code within seven days holds the role, and the code is spent.
 */
export const STAFF_INVITATION_DAYS = 7;

export const invitationStatus = (i: Pick<InvitationItem, 'usedBy' | 'expiresAt'>, now: Date) =>
  i.usedBy ? ('used' as const) : i.expiresAt <= now.toISOString() ? ('expired' as const) : ('pending' as const);

function invitationView(i: InvitationItem, now: Date, communityName?: string): StaffInvitationView {
  return {
    code: i.code,
    role: i.role as StaffInvitationRole,
    communityId: i.communityId,
    communityName,
    invitee: i.invitee,
    issuedAt: i.issuedAt ?? '',
    expiresAt: i.expiresAt,
    status: invitationStatus(i, now),
    usedAt: i.usedAt,
  };
}

export interface InviteStaffRequest {
  principal: Principal;
  streetId: string;
  input: { role: StaffInvitationRole; communityId?: string; invitee?: string };
  now: Date;
}

/** 生成邀请码 for a committee seat in one of the street's communities, or for the street office. */
export async function inviteStaff({ principal, streetId, input, now }: InviteStaffRequest) {
  await loadStreet(streetId);
  let communityName: string | undefined;
  if (input.role === 'committee') {
    const { Item: community } = await communities.get({ communityId: input.communityId as string });
    // A community of another street is answered like one that does not exist: the office learns nothing of it.
    if (!community || community.streetId !== streetId)
      throw badRequest('该社区不在本街道', [{ field: 'body.communityId', message: '请选择本街道的社区' }]);
    communityName = community.name;
    // Kept in the invited community's 操作记录, naming it (the code itself is a credential: never logged).
    noteStaffChange({ communityId: community.communityId, objectId: community.communityId });
  }
  const expiresAt = addDays(now, STAFF_INVITATION_DAYS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const item = {
      code: humanCode(8),
      kind: 'staff' as const,
      role: input.role,
      streetId,
      communityId: input.role === 'committee' ? input.communityId : undefined,
      invitee: input.invitee,
      issuedBy: principal.userId,
      issuedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ttl: epochSeconds(addDays(expiresAt, 90)),
    };
    try {
      // A transaction of one, so a committee seat's staff-log entry commits with the code (a clash writes neither).
      await transact({ invitation: invitations.transactPut(item, { condition: { attr: 'code', exists: false } }) });
      return invitationView(item as InvitationItem, now, communityName);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw conflict('生成邀请码失败，请重试');
}

/** The street's staff codes, newest first (one Query of S3), with their communities' names; 404 for an unknown street. */
export async function listInvitations({
  streetId,
  communityId,
  now,
}: {
  streetId: string;
  communityId?: string;
  now: Date;
}) {
  // The street is read beside the two queries (not before them) so an unknown street answers 404, not an empty list.
  const [, { Items = [] }, list] = await Promise.all([
    loadStreet(streetId),
    streetQueries.query.staffInvitations({ streetId }).send(),
    streetQueries.query.communitiesOfStreet({ streetId }).send(),
  ]);
  const names = new Map((list.Items ?? []).map((c) => [c.communityId, c.name]));
  return {
    items: Items.filter((i) => !communityId || i.communityId === communityId).map((i) =>
      invitationView(i, now, i.communityId ? names.get(i.communityId) : undefined),
    ),
  };
}

export interface RedeemStaffRequest {
  user: UserItem;
  code: string;
  realName: string;
  now: Date;
}

const USED = () => conflict('该邀请码已被使用，请向街道重新索取', 'INVITATION_USED');
const EXPIRED = () => conflict('该邀请码已过期（7 天有效），请联系街道重新生成', 'INVITATION_EXPIRED');

/**
 * 接受邀请: the code is spent and the role given in one transaction — for a committee seat the
 * StaffAssignment and the user's grant (as 任命 writes them), for the street office the StreetOffice
 * and the user's office — conditioned on the code being unused and unexpired. An expired or used code
 * is a 409 that says which; a household code is sent to its own page.
 */
export async function redeemStaffInvitation({ user, code, realName, now }: RedeemStaffRequest) {
  const { Item: invitation } = await invitations.get({ code }, { consistent: true });
  if (!invitation) throw notFound('邀请码');
  if (invitation.kind !== 'staff' || !invitation.role || !invitation.streetId)
    throw conflict('这是住户邀请码，请在「绑定房屋 → 邀请码」中使用', 'HOUSEHOLD_INVITATION');
  const at = now.toISOString();
  if (invitation.usedBy) throw USED();
  if (invitation.expiresAt <= at) throw EXPIRED();
  const street = await loadStreet(invitation.streetId);
  const spend = invitations.transactUpdate(
    { code, usedBy: user.userId, usedAt: at },
    {
      condition: {
        and: [
          { attr: 'usedBy', exists: false },
          { attr: 'expiresAt', gt: at },
        ],
      },
    },
  );
  const realNameKept = user.realName ?? realName;
  let communityName: string | undefined;
  let writes;
  if (invitation.role === 'committee') {
    const communityId = invitation.communityId as string;
    const { Item: community } = await communities.get({ communityId });
    if (!community) throw notFound('社区');
    communityName = community.name;
    const grant: RoleGrant = { role: 'committee', communityId };
    const key = grantKey(grant);
    writes = {
      invitation: spend,
      seat: staffAssignments.transactPut(
        {
          communityId,
          grantKey: key,
          userId: user.userId,
          role: 'committee',
          grantedBy: invitation.issuedBy,
          grantedAt: at,
        },
        { condition: { attr: 'grantKey', exists: false } },
      ),
      user: users.transactUpdate(
        { userId: user.userId, realName: realNameKept, grants: { [key]: $set(grant) } },
        { condition: { attr: 'status', eq: 'active' } },
      ),
      audit: auditEvents.transactPut({
        communityId,
        eventId: `${at}#${ulid(now.getTime())}`,
        actorId: user.userId,
        action: 'redeemStaffInvitation',
        target: `${user.userId}:${key}:${code}`,
        at,
      }),
    };
  } else {
    const office: OfficeGrant = { role: 'street', streetId: street.streetId };
    if (!user.offices) await ensureOfficesMap(user.userId);
    writes = {
      invitation: spend,
      seat: streetOffices.transactPut(
        {
          streetId: street.streetId,
          userId: user.userId,
          realName,
          grantedBy: invitation.issuedBy,
          grantedAt: at,
          via: code,
        },
        { condition: { attr: 'userId', exists: false } },
      ),
      user: users.transactUpdate(
        {
          userId: user.userId,
          realName: realNameKept,
          offices: {
            [officeKey(office)]: $set({
              role: 'street',
              streetId: street.streetId,
              streetName: street.name,
              since: at,
            }),
          },
        },
        { condition: { attr: 'status', eq: 'active' } },
      ),
    };
  }
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (!failed) throw error;
    if (failed.has('invitation')) {
      const { Item: after } = await invitations.get({ code }, { consistent: true });
      throw after?.usedBy ? USED() : EXPIRED();
    }
    if (failed.has('seat'))
      throw conflict(
        invitation.role === 'committee' ? `您已经是${communityName}居委会成员` : `您已经是${street.name}工作人员`,
        'ALREADY_STAFF',
      );
    throw notFound('用户');
  }
  return {
    role: invitation.role,
    streetId: street.streetId,
    streetName: street.name,
    communityId: invitation.communityId,
    communityName,
  };
}
