import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { REGISTRATION_STATUSES, REVIEW_STATUSES } from '@linli/shared';
import { LinliTable } from '../table';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { map } from 'dynamodb-toolbox/schema/map';
import { pageInput, pageOptions } from '../page';
import { activityPartition } from './activity';

/**
 * A resident's sign-up (报名) for an activity, and everything that follows from it: the waiting-list
 * position (`queuedAt` orders the line), check-in and check-out, the organiser's review of hours and
 * the posting that credited points. One per (activity, person); a cancelled one may sign up again.
 * GSI2 lists a person's sign-ups.
 */
export const RegistrationEntity = new Entity({
  name: 'Registration',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    activityId: string().key(),
    userId: string().key(),
    nickname: string(),
    /** 亲情代办: the helper who signed the resident up (the roster marks it 代办). */
    proxyBy: string().optional(),
    status: string().enum(...REGISTRATION_STATUSES),
    signedUpAt: string(),
    /** `<signedUpAt>#<ulid>`: the waiting line's order. */
    queuedAt: string(),
    checkedInAt: string().optional(),
    /** Which code checked in (code window or pass id): the same code cannot also check out. */
    checkInProof: string().optional(),
    checkInMethod: string().enum('code', 'pass').optional(),
    checkedOutAt: string().optional(),
    claimedMinutes: number().optional(),
    reviewStatus: string()
      .enum(...REVIEW_STATUSES)
      .optional(),
    approvedMinutes: number().optional(),
    points: number().optional(),
    reviewReason: string().optional(),
    reviewedBy: string().optional(),
    reviewedAt: string().optional(),
    /** Bumped when an approval is reversed, so the next approval has its own idempotency key. */
    approvalRound: number().default(1),
    postingId: string().optional(),
    /** The start time a reminder was sent for (a rescheduled activity is reminded again). */
    remindedFor: string().optional(),
    /** Taken off the roster by the organiser (status cancelled), with the reason the volunteer is told. */
    removedBy: string().optional(),
    removedAt: string().optional(),
    removedReason: string().optional(),
  }).and((prev) => ({
    GSI2PK: string()
      .hidden()
      .link<typeof prev>(({ userId }) => `USER#${userId}`),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>(
        ({ communityId, signedUpAt, activityId }) => `VREG#${communityId}#${signedUpAt}#${activityId}`,
      ),
  })),
  computeKey: ({ communityId, activityId, userId }) => ({
    PK: activityPartition(communityId, activityId),
    SK: `REG#${userId}`,
  }),
});
export const registrations = RegistrationEntity.build(Repository);
export type RegistrationItem = FormattedItem<typeof RegistrationEntity>;

/**
 * V4 / V11 / V13 An activity's registrations in one status, or (`except`) in any other: a consistent
 * read of the activity's partition (the waiting line, the reminders, a cancellation's audience).
 */
export const registrationsInStatus = RegistrationEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      activityId: string(),
      status: string().enum(...REGISTRATION_STATUSES),
      except: boolean().optional(),
    }),
  )
  .pattern(({ communityId, activityId, status, except }) => ({
    partition: activityPartition(communityId, activityId),
    range: { beginsWith: 'REG#' },
    options: {
      consistent: true,
      ...pageOptions(undefined),
      filters: { Registration: except ? { attr: 'status', ne: status } : { attr: 'status', eq: status } },
    },
  }))
  .meta({ title: 'V4' });

/** V9 / T15 A person's sign-ups (in one community, newest first for 我的志愿; in all for their data export). */
export const signUpsOf = RegistrationEntity.build(AccessPattern)
  .schema(
    map({ userId: string(), communityId: string().optional(), newestFirst: boolean().optional(), page: pageInput }),
  )
  .pattern(({ userId, communityId, newestFirst, page }) => ({
    index: 'GSI2',
    partition: `USER#${userId}`,
    range: { beginsWith: communityId ? `VREG#${communityId}#` : 'VREG#' },
    options: { reverse: newestFirst, ...pageOptions(page) },
  }))
  .meta({ title: 'V9' });
