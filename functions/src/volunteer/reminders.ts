import { chinaTimeLabel, addHours } from '@linli/shared';
import type { ActivityItem } from '../db/entities/activity';
import { registrations } from '../db/entities/registration';
import { failedWrites, transact } from '../db/transactions';
import { notificationIntent } from '../notifications/outbox';
import { activityLink } from './views';
import { volunteer } from '../db/registries/volunteer';
import { roster } from '../db/registries/roster';

/** Reminders go out this long before the start (活动提醒). */
export const REMINDER_HOURS = 24;

export const reminderKey = (activityId: string, userId: string, startAt: string) =>
  `${activityId}:${userId}:${startAt}`;

async function remindActivity(activity: ActivityItem, now: Date): Promise<number> {
  const { communityId, activityId, startAt } = activity;
  const { Items = [] } = await volunteer.query
    .registrationsInStatus({ communityId, activityId, status: 'confirmed' })
    .send();
  let sent = 0;
  for (const r of Items.filter((x) => x.remindedFor !== startAt)) {
    try {
      // The mark and the intent together: a rerun of the job (or a second container) sends nothing twice.
      const writes = {
        registration: registrations.transactUpdate(
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
        reminder: notificationIntent(
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
      };
      await transact(writes);
      sent++;
    } catch (error) {
      if (!failedWrites(error)) throw error;
    }
  }
  return sent;
}

/** 活动提醒: every confirmed volunteer of activities starting within a day, once per start time. */
export async function sendReminders(now: Date): Promise<number> {
  const { Items: all = [] } = await roster.query.communities({}).send();
  let sent = 0;
  for (const c of all) {
    const { Items = [] } = await volunteer.query
      .activitiesStartingBetween({
        communityId: c.communityId,
        from: now.toISOString(),
        to: addHours(now, REMINDER_HOURS).toISOString(),
      })
      .send();
    for (const activity of Items.filter((a) => !a.cancelledAt)) sent += await remindActivity(activity, now);
  }
  return sent;
}
