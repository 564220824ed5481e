import { BatchGetCommand, execute } from 'dynamodb-toolbox/table/actions/batchGet';
import { addHours, checkInOpensAt, nearTimeLabel, type WaitingItem } from '@linli/shared';
import { volunteer } from '../db/registries/volunteer';
import { registrations, type RegistrationItem } from '../db/entities/registration';
import { LinliTable } from '../db/table';
import type { CommunityRequest } from '../commons/serviceRequest';
import { activityLink } from './views';

/** 48 小时内: how far ahead the home page looks for activities I signed up for. */
export const SOON_HOURS = 48;
/** Activities that started this long ago may still be running (and waiting for my check-out). */
const RUNNING_HOURS = 12;

/**
 * 我报名的活动 starting within 48 hours (or running now) for the home page: one query of the community's
 * activities by start time, then one BatchGet of my registrations in them.
 */
export async function activitiesStartingSoon({
  principal,
  communityId,
  now,
}: CommunityRequest): Promise<WaitingItem[]> {
  const nowIso = now.toISOString();
  const { Items = [] } = await volunteer.query
    .activitiesStartingBetween({
      communityId,
      from: addHours(now, -RUNNING_HOURS).toISOString(),
      to: addHours(now, SOON_HOURS).toISOString(),
    })
    .send();
  const soon = Items.filter((a) => !a.cancelledAt && a.endAt > nowIso);
  if (!soon.length) return [];
  const { Responses } = await execute(
    LinliTable.build(BatchGetCommand).requests(
      ...soon.map((a) => registrations.batchGet({ communityId, activityId: a.activityId, userId: principal.userId })),
    ),
  );
  const mine = new Map(
    ((Responses?.[0] ?? []) as (RegistrationItem | undefined)[]).flatMap((r) =>
      r && r.status === 'confirmed' && !r.checkedOutAt ? [[r.activityId, r] as const] : [],
    ),
  );
  return soon.flatMap((a) => {
    const reg = mine.get(a.activityId);
    if (!reg) return [];
    const opens = checkInOpensAt(a);
    const started = a.startAt <= nowIso;
    const checkIn = reg.checkedInAt
      ? '已签到，结束时记得签退'
      : opens <= nowIso
        ? '现在可以签到'
        : `${nearTimeLabel(opens, now)} 起可签到`;
    return [
      {
        kind: 'activity' as const,
        key: `activity:${a.activityId}`,
        title: a.title,
        detail: `${started ? '进行中' : `${nearTimeLabel(a.startAt, now)} 开始`} · ${a.place} · ${checkIn}`,
        action: reg.checkedInAt ? '去签退' : opens <= nowIso ? '去签到' : '查看',
        link: activityLink(a.activityId),
        dueAt: a.startAt,
        overdue: false,
        since: reg.signedUpAt,
      },
    ];
  });
}
