import { addComment } from '../../functions/src/agora/deliberation';
import { castBallot } from '../../functions/src/agora/casting';
import { closePoll } from '../../functions/src/agora/closing';
import { seatsOf } from '../../functions/src/agora/seats';
import {
  createTopic,
  loadTopic,
  proposeTopic,
  publishSummary,
  setCommitment,
  supportTopic,
  updateSettings,
} from '../../functions/src/agora/topics';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { DAY_MS, MINUTE_MS, type VoteSpec } from '@linli/shared';
import { DEMO_COMMUNITY_ID, persona } from './personas';
import { prng } from './rosterSheet';
import { households } from '../../functions/src/db/registries/households';

const day = DAY_MS;

/**
 * 议事厅 demo data, through the same services the API uses: a published 一户一票 result with the
 * committee's commitment (落实), a poll open for voting with some households already voted, a
 * resident proposal gathering 附议, and a topic in deliberation with neighbours' comments.
 */
export async function seedAgora(now: Date): Promise<void> {
  const communityId = DEMO_COMMUNITY_ID;
  const sun = principalOf((await loadUser(persona('sun').userId))!);
  const rand = prng(278);
  const { Items: members = [] } = await households.query.members({ communityId }).send();
  const residents = (await Promise.all([...new Set(members.map((m) => m.userId))].map((id) => loadUser(id)))).filter(
    (u) => !!u,
  );
  await updateSettings(sun, communityId, 5);

  const poll = (
    title: string,
    description: string,
    requestId: string,
    vote: Partial<VoteSpec> & Pick<VoteSpec, 'opensAt' | 'closesAt'>,
    at: Date,
  ) =>
    createTopic({
      principal: sun,
      communityId,
      input: {
        title,
        description,
        requestId,
        vote: {
          scope: { kind: 'community' },
          basis: 'household',
          preset: 'residentsMeeting',
          ballot: { kind: 'approve', options: [] },
          allowChanges: false,
          secrecy: 'secret',
          ...vote,
        },
      },
      now: at,
    });
  const voteShare = async (topicId: string, share: number, choose: () => string[], at: Date) => {
    const topic = await loadTopic(communityId, topicId, true);
    for (const user of residents) {
      if (rand() > share || ['demo_wang', 'demo_li', 'demo_zhang'].includes(user.userId)) continue;
      const [seat] = await seatsOf(user, principalOf(user), topic);
      if (!seat) continue;
      await castBallot({
        topic,
        seat,
        choices: choose(),
        channel: 'online',
        actor: { userId: user.userId, name: user.nickname },
        requestId: `seed-${topicId}-${user.userId}`,
        now: at,
      }).catch(() => undefined);
    }
  };

  // Voted two weeks ago, published, and being carried out.
  const opened = new Date(now.getTime() - 17 * day);
  const convention = await poll(
    '《幸福里社区居民公约》修订',
    '新增“文明养犬”“楼道不堆放杂物”两条，修改“装修施工时间”为工作日 8:00–12:00、14:00–18:00。全文见社区公告栏。',
    'seed-convention',
    { opensAt: opened.toISOString(), closesAt: new Date(now.getTime() - 14 * day).toISOString() },
    opened,
  );
  await voteShare(
    convention,
    0.75,
    () => [rand() < 0.82 ? 'agree' : rand() < 0.6 ? 'disagree' : 'abstain'],
    new Date(now.getTime() - 15 * day),
  );
  await closePoll(communityId, convention, new Date(now.getTime() - 14 * day + MINUTE_MS));
  await setCommitment({
    principal: sun,
    communityId,
    topicId: convention,
    input: { text: '修订后的公约已张贴至各楼栋公告栏，网格员入户宣传，年底前完成全部住户告知。', status: 'inProgress' },
    now,
  });

  // Open now for two more days: wang, li and zhang have not voted yet, so the demo can.
  const parkingOpened = new Date(now.getTime() - day);
  const parking = await poll(
    '地面停车位夜间管理方案',
    '为解决夜间乱停车，征集三种方案，一户一票，得票最多者提交业委会和物业落实。',
    'seed-parking',
    {
      preset: 'consultation',
      ballot: { kind: 'single', options: ['划线固定车位、按户轮换', '夜间开放周边学校操场停车', '维持现状、加强巡查'] },
      opensAt: parkingOpened.toISOString(),
      closesAt: new Date(now.getTime() + 2 * day).toISOString(),
    },
    parkingOpened,
  );
  await voteShare(
    parking,
    0.4,
    () => [['o1', 'o2', 'o3'][Math.floor(rand() * 2.4)] as string],
    new Date(now.getTime() - day / 2),
  );

  // In deliberation, with neighbours' comments and the committee's summary.
  const canteen = await createTopic({
    principal: sun,
    communityId,
    input: {
      title: '社区长者食堂开办时间',
      description: '长者食堂拟于下月开办，征求开办时段与菜价意见，汇总后再提交表决。',
      requestId: 'seed-canteen',
    },
    now: new Date(now.getTime() - 3 * day),
  });
  const pass = async () => 'pass' as const;
  const say = async (userId: string, body: string, kind: 'comment' | 'suggestion') => {
    const user = (await loadUser(userId))!;
    await addComment(
      {
        user,
        principal: principalOf(user),
        communityId,
        topicId: canteen,
        input: { body, kind, requestId: `seed-${userId}-${kind}` },
        now: new Date(now.getTime() - 2 * day),
      },
      { contentCheck: pass },
    );
  };
  await say(persona('wang').userId, '希望中午 11 点就开饭，老人起得早。', 'suggestion');
  await say(persona('li').userId, '能不能提供外送，行动不便的老人下不了楼。', 'suggestion');
  await say(persona('zhang').userId, '3栋有几位独居老人，楼长可以帮忙登记。', 'comment');
  await publishSummary({
    principal: sun,
    communityId,
    topicId: canteen,
    text: '已收到 3 条意见：开饭时间提前到 11:00、为行动不便老人送餐、由楼长登记独居老人。将据此拟定方案后表决。',
    now,
  });

  // A resident's proposal gathering 附议 (threshold 5).
  const proposer = residents.find((u) => u.userId.startsWith('res_'));
  if (proposer) {
    const proposal = await proposeTopic({
      principal: principalOf(proposer),
      communityId,
      input: {
        title: '增设电动自行车集中充电桩',
        description: '楼道充电有火灾隐患，建议在 6 栋北侧空地增设充电棚。',
        requestId: 'seed-charging',
      },
      now: new Date(now.getTime() - day),
    });
    for (const u of residents.filter((r) => r.userId.startsWith('res_') && r.userId !== proposer.userId).slice(0, 2))
      await supportTopic({ principal: principalOf(u), communityId, topicId: proposal, now });
  }
}
