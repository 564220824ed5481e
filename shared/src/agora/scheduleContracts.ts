import * as z from 'zod/mini';
import { defineRoute, roles } from '../contracts/http';
import { COMMITTEE } from '../identity/roles';
import { id, instant, text } from '../validation/fields';
import { topicView } from './topicViews';

/*
 * 提前结束或延长投票: served by its own Lambda (`agoraSchedule`), since an early close counts the poll at once
 * (closing, the tally, the receipt tree) and then answers with the topic's page: with both in the agora
 * Lambda it was over the size budget. The mini-program calls it through `agoraRoutes`.
 */

const topicParams = z.strictObject({ communityId: id('社区'), topicId: id('议题') });

export const agoraScheduleRoutes = {
  changeSchedule: defineRoute({
    id: 'agora.changeSchedule',
    method: 'POST',
    path: '/communities/{communityId}/agora/topics/{topicId}/schedule',
    summary: '提前结束或延长投票',
    access: roles(COMMITTEE),
    staffLog: { object: 'poll' },
    answers: { conflicts: ['CONFLICT', 'ILLEGAL_TRANSITION'] },
    params: topicParams,
    body: z
      .strictObject({
        action: z.enum(['closeNow', 'extend']).check(z.meta({ title: '操作' })),
        closesAt: z.optional(instant('新的截止时间')),
        reason: text('原因', { max: 200 }),
      })
      .check(
        z.refine((b) => b.action !== 'extend' || !!b.closesAt, { error: '请填写新的截止时间', path: ['closesAt'] }),
      ),
    response: topicView,
    successStatus: 200,
  }),
};
