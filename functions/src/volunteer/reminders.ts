import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { addHours, chinaTimeLabel } from '@linli/shared';
import { activitiesByStart, ActivityEntity, activityPartition, type ActivityItem } from '../db/entities/activity';
import { CommunityEntity } from '../db/entities/community';
import { RegistrationEntity, registrations } from '../db/entities/registration';
import { LinliTable } from '../db/table';
import { failedConditions, transact } from '../db/transactions';
import { notificationIntent } from '../notifications/outbox';
import { activityLink } from './views';

/** Reminders go out this long before the start (活动提醒). */
export const REMINDER_HOURS = 24;

export const reminderKey = (activityId: string, userId: string, startAt: string) =>
  `${activityId}:${userId}:${startAt}`;

async function remindActivity(activity: ActivityItem, now: Date): Promise<number> {
  const { communityId, activityId, startAt } = activity;
  const { Items = [] } = await LinliTable.build(QueryCommand)
    .entities(RegistrationEntity)
    .query({ partition: activityPartition(communityId, activityId), range: { beginsWith: 'REG#' } })
    .options({ consistent: true, maxPages: Infinity, filters: { Registration: { attr: 'status', eq: 'confirmed' } } })
    .send();
  let sent = 0;
  for (const r of Items.filter((x) => x.remindedFor !== startAt)) {
    try {
      // The mark and the intent together: a rerun of the job (or a second container) sends nothing twice.
      await transact([
        registrations.transactUpdate(
          { communityId, activityId, userId: r.userId, remindedFor: startAt },
          {
            condition: {
              and: [
                { attr: 'status', eq: 'confirmed' },
                {
                  or: [
                    { attr: 'remindedFor', exists: false },
                    { attr: 'remindedFor', ne: startAt },
                  ],
                },
              ],
            },
          },
        ),
        notificationIntent(
          {
            communityId,
            event: 'volunteer.reminder',
            dedupeKey: reminderKey(activityId, r.userId, startAt),
            recipientId: r.userId,
            title: '志愿活动明天开始',
            body: `「${activity.title}」将于 ${chinaTimeLabel(startAt)} 在${activity.place}开始，请准时到场扫码签到`,
            link: activityLink(activityId),
            data: { activity: activity.title, time: startAt, place: activity.place },
          },
          now,
        ),
      ]);
      sent++;
    } catch (error) {
      if (!failedConditions(error)) throw error;
    }
  }
  return sent;
}

/** 活动提醒: every confirmed volunteer of activities starting within a day, once per start time. */
export async function sendReminders(now: Date): Promise<number> {
  const { Items: all = [] } = await LinliTable.build(QueryCommand)
    .entities(CommunityEntity)
    .query({ index: 'GSI1', partition: 'COMMUNITIES' })
    .options({ maxPages: Infinity })
    .send();
  let sent = 0;
  for (const c of all) {
    const { Items = [] } = await LinliTable.build(QueryCommand)
      .entities(ActivityEntity)
      .query({
        index: 'GSI2',
        partition: activitiesByStart(c.communityId),
        range: { between: [now.toISOString(), `${addHours(now, REMINDER_HOURS).toISOString()}\uffff`] },
      })
      .options({ maxPages: Infinity })
      .send();
    for (const activity of Items.filter((a) => !a.cancelledAt)) sent += await remindActivity(activity, now);
  }
  return sent;
}
