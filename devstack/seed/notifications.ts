import { addDays, addHours, buildingIdOf, chinaMidnight, gridIdOf, type Principal } from '@linli/shared';
import { sendBroadcast } from '../../functions/src/notifications/broadcasts';
import { provideAudiences } from '../../functions/src/notifications/audiences';
import { dispatchIntent, type DispatchDeps } from '../../functions/src/notifications/dispatch';
import { FEATURE_AUDIENCES } from '../../functions/src/notifications/featureAudiences';
import { listInbox, markRead } from '../../functions/src/notifications/inbox';
import { queryOpenIntents } from '../../functions/src/notifications/sweep';
import { reportGrants } from '../../functions/src/notifications/settings';
import { WeChatApiError } from '../../functions/src/wechat/client';
import { logger } from '../../functions/src/commons/logger';
import { DEMO_COMMUNITY_ID, persona } from './personas';

/**
 * Demo notifications, made by the same services the API and the dispatcher run: a notice the
 * committee sent to 3栋 two days ago (王阿姨 and 张楼长 have read it), one 赵网格员 sent to 第二网格
 * yesterday (小李 has not read it yet: a badge on his 我的 tab), and one parked failure for the admin
 * page — 张楼长 had a subscribe grant and "WeChat" refused the template id (40037), the kind of
 * misconfiguration that page exists to catch. No real WeChat call is made: the seed's sender answers
 * that refusal itself, and nobody else holds a grant.
 */
export async function seedNotifications(now: Date): Promise<void> {
  // The seeded refusal is demo data, not an incident: keep it out of the console at every stack start.
  const level = logger.getLevelName();
  logger.setLogLevel('ERROR');
  try {
    await seedDemoNotifications(now);
  } finally {
    logger.setLogLevel(level);
  }
}

async function seedDemoNotifications(now: Date): Promise<void> {
  const sun = persona('sun').userId;
  const zhao = persona('zhao').userId;
  const committee: Principal = {
    userId: sun,
    grants: [{ role: 'committee', communityId: DEMO_COMMUNITY_ID }],
    memberships: [],
  };
  const gridWorker: Principal = {
    userId: zhao,
    grants: [{ role: 'gridWorker', communityId: DEMO_COMMUNITY_ID, gridId: gridIdOf(DEMO_COMMUNITY_ID, '第二网格') }],
    memberships: [],
  };
  const deps: DispatchDeps = {
    sender: () => ({
      sendSubscribeMessage: async () => {
        throw new WeChatApiError('subscribeMessage.send', 40037, 'invalid template_id (seeded demo failure)');
      },
    }),
  };

  // Daytime in China, whenever the seed runs: outside anyone's quiet hours.
  const today = chinaMidnight(now);
  const twoDaysAgo = addHours(addDays(today, -2), 10);
  await reportGrants(
    persona('zhang').userId,
    { requestId: 'seed-zhang-grant', results: { communityNotice: 'accept' } },
    twoDaysAgo,
  );
  await sendBroadcast({
    principal: committee,
    communityId: DEMO_COMMUNITY_ID,
    input: {
      requestId: 'seed-notice-3',
      title: '3栋电梯年检通知',
      body: '本周四 9:00–11:00 3栋电梯进行年度安全检验，期间暂停使用，请行动不便的居民提前安排出行。如有困难请联系张楼长。',
      scope: { buildingIds: [buildingIdOf(DEMO_COMMUNITY_ID, '3栋')] },
    },
    now: twoDaysAgo,
  });
  await deliverEverything(deps, twoDaysAgo);
  for (const key of ['wang', 'zhang'] as const) {
    const userId = persona(key).userId;
    const { items } = await listInbox(userId, { limit: 5 });
    for (const item of items) await markRead(userId, item.itemId, addHours(twoDaysAgo, 2));
  }

  const yesterday = addHours(addDays(today, -1), 15);
  await sendBroadcast({
    principal: gridWorker,
    communityId: DEMO_COMMUNITY_ID,
    input: {
      requestId: 'seed-notice-grid2',
      title: '垃圾分类宣传活动',
      body: '周六上午在5栋楼下开展垃圾分类宣传，现场可领取分类垃圾袋。欢迎第二网格的居民参加。',
      scope: { gridIds: [gridIdOf(DEMO_COMMUNITY_ID, '第二网格')] },
    },
    now: yesterday,
  });
  await deliverEverything(deps, yesterday);
}

/** Plays the dispatcher over every open intent until nothing is left (the stream is not running yet). */
async function deliverEverything(deps: DispatchDeps, now: Date): Promise<void> {
  provideAudiences(FEATURE_AUDIENCES);
  for (let round = 0; round < 50; round++) {
    const open = (await queryOpenIntents()).filter((i) => i.status === 'pending' || i.status === 'expanding');
    if (!open.length) return;
    for (let i = 0; i < open.length; i += 10)
      await Promise.all(open.slice(i, i + 10).map((intent) => dispatchIntent({ intent, now }, deps)));
  }
  throw new Error('seed: notifications did not settle');
}
