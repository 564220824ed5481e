import { Entity, type FormattedItem } from 'dynamodb-toolbox/entity';
import { Repository } from '../repository';
import { item } from 'dynamodb-toolbox/schema/item';
import { map } from 'dynamodb-toolbox/schema/map';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { ACTIVITY_CATEGORIES } from '@linli/shared';
import { LinliTable } from '../table';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { pageInput, pageOptions } from '../page';

/**
 * A volunteer activity (志愿活动). It shares a partition with its registrations, so the organiser's
 * roster is one query. `confirmed` and `waitlisted` are counters that conditions guard: a sign-up is
 * confirmed only while `confirmed < capacity` and nobody waits, which keeps the capacity under any
 * concurrency. GSI1 lists activities by end time (upcoming / past), GSI2 by start time (reminders).
 */
export const ActivityEntity = new Entity({
  name: 'Activity',
  table: LinliTable,
  schema: item({
    communityId: string().key(),
    activityId: string().key(),
    title: string(),
    description: string(),
    category: string().enum(...(Object.keys(ACTIVITY_CATEGORIES) as (keyof typeof ACTIVITY_CATEGORIES)[])),
    place: string(),
    startAt: string(),
    endAt: string(),
    signUpDeadline: string(),
    cancelCutoffHours: number(),
    /** startAt − cancelCutoffHours: the last moment a confirmed volunteer may withdraw. */
    cancelDeadline: string(),
    capacity: number(),
    confirmed: number().default(0),
    waitlisted: number().default(0),
    pointsRule: map({
      kind: string().enum('perHour', 'fixed'),
      rate: number().optional(),
      amount: number().optional(),
    }),
    organiserKind: string().enum('committee', 'team'),
    teamId: string().optional(),
    organiserName: string(),
    createdBy: string(),
    createdAt: string(),
    updatedAt: string().optional(),
    /** 已取消: set once by the organiser's cancellation (condition: absent, before the end). */
    cancelledAt: string().optional(),
    cancelledBy: string().optional(),
    cancelReason: string().optional(),
    /** Approvals of hours that credited this activity (ADD in the approval's transaction); a cancel needs 0. */
    credited: number().optional(),
  }).and((prev) => ({
    GSI1PK: string()
      .hidden()
      .link<typeof prev>((a) => activityIndexKeys(a).GSI1PK),
    GSI1SK: string()
      .hidden()
      .link<typeof prev>((a) => activityIndexKeys(a).GSI1SK)
      // Rescheduling moves the activity in both time indexes (the partitions stay the community's).
      .updateLink<typeof prev>((a) => (typeof a.endAt === 'string' ? `${a.endAt}#${a.activityId}` : undefined)),
    GSI2PK: string()
      .hidden()
      .link<typeof prev>((a) => activityIndexKeys(a).GSI2PK),
    GSI2SK: string()
      .hidden()
      .link<typeof prev>((a) => activityIndexKeys(a).GSI2SK)
      .updateLink<typeof prev>((a) => (typeof a.startAt === 'string' ? `${a.startAt}#${a.activityId}` : undefined)),
  })),
  computeKey: ({ communityId, activityId }) => ({ PK: activityPartition(communityId, activityId), SK: 'ACTIVITY' }),
});
export const activities = ActivityEntity.build(Repository);
export type ActivityItem = FormattedItem<typeof ActivityEntity>;

export const activityPartition = (communityId: string, activityId: string) => `C#${communityId}#ACT#${activityId}`;
export const activitiesByEnd = (communityId: string) => `C#${communityId}#ACTIVITIES`;
export const activitiesByStart = (communityId: string) => `C#${communityId}#ACTIVITIES#START`;

/** Index keys of an activity (by end time for the lists, by start time for reminders). */
export function activityIndexKeys(a: { communityId: string; activityId: string; startAt: string; endAt: string }) {
  return {
    GSI1PK: activitiesByEnd(a.communityId),
    GSI1SK: `${a.endAt}#${a.activityId}`,
    GSI2PK: activitiesByStart(a.communityId),
    GSI2SK: `${a.startAt}#${a.activityId}`,
  };
}

/**
 * V1 A community's activities by end time: those ending from a time on (upcoming; the organisers'
 * recent ones), or, newest first, those that ended before a time (past); of one category if asked.
 */
export const activitiesByEndTime = ActivityEntity.build(AccessPattern)
  .schema(
    map({
      communityId: string(),
      endingFrom: string().optional(),
      endedBefore: string().optional(),
      category: string()
        .enum(...(Object.keys(ACTIVITY_CATEGORIES) as (keyof typeof ACTIVITY_CATEGORIES)[]))
        .optional(),
      page: pageInput,
    }),
  )
  .pattern(({ communityId, endingFrom, endedBefore, category, page }) => ({
    index: 'GSI1',
    partition: activitiesByEnd(communityId),
    range: endedBefore !== undefined ? { lt: endedBefore } : { gte: endingFrom ?? '' },
    options: {
      reverse: endedBefore !== undefined,
      ...pageOptions(page),
      ...(category ? { filters: { Activity: { attr: 'category', eq: category } } } : {}),
    },
  }))
  .meta({ title: 'V1' });

/** V11 A community's activities starting between two times (the reminders' window). */
export const activitiesStartingBetween = ActivityEntity.build(AccessPattern)
  .schema(map({ communityId: string(), from: string(), to: string() }))
  .pattern(({ communityId, from, to }) => ({
    index: 'GSI2',
    partition: activitiesByStart(communityId),
    range: { between: [from, `${to}\uffff`] as [string, string] },
    options: pageOptions(undefined),
  }))
  .meta({ title: 'V11' });
