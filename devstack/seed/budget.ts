import { DAY_MS, HOUR_MS, MINUTE_MS } from '@linli/shared';
import { castBudgetBallot } from '../../functions/src/budget/ballots';
import { runBudgetClock } from '../../functions/src/budget/clock';
import { addObjection, answerObjection } from '../../functions/src/budget/comments';
import { finishProject, reportProgress, setImplementation } from '../../functions/src/budget/implementation';
import { proposeProject, supportProject } from '../../functions/src/budget/projects';
import { openRound } from '../../functions/src/budget/rounds';
import { screenProject } from '../../functions/src/budget/screening';
import type { UserItem } from '../../functions/src/db/entities/user';
import { households } from '../../functions/src/db/registries/households';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { DEMO_COMMUNITY_ID, persona, SEEDED_BUDGET_ROUNDS } from './personas';
import { prng } from './rosterSheet';

type Plan = { title: string; place: string; estimate: number; cost: number; description: string };

/**
 * 民生微实事 demo data, through the services the API runs (no writes of its own): a round decided in
 * the spring and now in 实施 — each selected project with its responsible party (一诺) and monthly
 * progress, one of them finished — and this half-year's round open for voting with four eligible
 * projects and one refused with its reason. 王阿姨, 小李 and 张楼长's households have not voted, so the
 * demo (and the resident journey) can. The phases move by the clock's own rule (`runBudgetClock` just
 * after each phase's date), as they would have had the stack been running.
 */
export async function seedBudget(now: Date): Promise<void> {
  const communityId = DEMO_COMMUNITY_ID;
  const sunUser = (await loadUser(persona('sun').userId))!;
  const sun = principalOf(sunUser);
  const by = { userId: sunUser.userId, name: sunUser.nickname };
  const rand = prng(1999);
  const { Items: members = [] } = await households.query.members({ communityId }).send();
  // One resident per household (一户一票): the others of a household would only be refused.
  const homes = new Map<string, string>();
  for (const m of members) if (!homes.has(m.unitId)) homes.set(m.unitId, m.userId);
  const residents = (await Promise.all([...homes.values()].map((id) => loadUser(id)))).filter(
    (u): u is UserItem => !!u && !['demo_wang', 'demo_li', 'demo_zhang', 'demo_gao'].includes(u.userId),
  );
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY_MS + hours * HOUR_MS);
  const pass = async () => 'pass' as const;

  const open = (title: string, description: string, totalAmount: number, at: Date, schedule: Date[]) =>
    openRound({
      principal: sun,
      communityId,
      input: {
        title,
        description,
        totalAmount,
        scope: { kind: 'community' },
        basis: 'household',
        secrecy: 'secret',
        schedule: {
          proposingUntil: schedule[0]!.toISOString(),
          screeningUntil: schedule[1]!.toISOString(),
          deliberationUntil: schedule[2]!.toISOString(),
          votingUntil: schedule[3]!.toISOString(),
        },
        requestId: `seed-budget-${title}`,
      },
      now: at,
    });
  /** Each plan proposed by a different resident, with a few neighbours' 附议. */
  const proposeAll = async (roundId: string, plans: Plan[], at: Date) => {
    const ids: string[] = [];
    for (const [i, p] of plans.entries()) {
      const author = residents[(i * 7) % residents.length]!;
      const projectId = await proposeProject({
        user: author,
        principal: principalOf(author),
        communityId,
        roundId,
        input: {
          title: p.title,
          description: p.description,
          place: p.place,
          estimatedCost: p.estimate,
          photoKeys: [],
          requestId: `seed-budget-${roundId}-${i}`,
        },
        contentCheck: pass,
        now: new Date(at.getTime() + i * HOUR_MS),
      });
      ids.push(projectId);
      for (const neighbour of residents.slice(i * 5 + 1, i * 5 + 2 + Math.floor(rand() * 4)))
        if (neighbour.userId !== author.userId)
          await supportProject({
            principal: principalOf(neighbour),
            communityId,
            roundId,
            projectId,
            now: new Date(at.getTime() + (i + 2) * HOUR_MS),
          }).catch(() => undefined);
    }
    return ids;
  };
  const screenAll = async (roundId: string, plans: Plan[], ids: string[], at: Date) => {
    for (const [i, p] of plans.entries())
      await screenProject({
        by,
        communityId,
        roundId,
        projectId: ids[i]!,
        input: { eligible: true, cost: p.cost },
        now: at,
      });
  };
  /** About half of the households vote, each for what fits: the first picks by preference, in order. */
  const vote = async (
    roundId: string,
    ids: string[],
    costs: number[],
    budget: number,
    at: Date,
    share: number,
    spreadMs: number,
  ) => {
    for (const user of residents) {
      if (rand() > share) continue;
      const order = ids.map((id, i) => ({ id, cost: costs[i]!, w: rand() + (i === 0 ? 0.3 : 0) }));
      order.sort((a, b) => b.w - a.w);
      let left = budget;
      const chosen: string[] = [];
      for (const o of order.slice(0, 1 + Math.floor(rand() * 3)))
        if (o.cost <= left) {
          chosen.push(o.id);
          left -= o.cost;
        }
      await castBudgetBallot({
        user,
        principal: principalOf(user),
        communityId,
        roundId,
        projectIds: chosen,
        requestId: `seed-budget-ballot-${roundId}-${user.userId}`,
        now: new Date(at.getTime() + rand() * spreadMs),
      });
    }
  };

  // The spring round: decided, published, and being carried out.
  const spring: Plan[] = [
    {
      title: '中心花园路灯更新',
      place: '中心花园',
      estimate: 45_000,
      cost: 42_000,
      description: '中心花园 12 盏路灯老化，晚上散步看不清台阶，更换为 LED 庭院灯。',
    },
    {
      title: '3栋无障碍坡道',
      place: '3栋单元门口',
      estimate: 25_000,
      cost: 28_000,
      description: '3栋单元门口有三级台阶，轮椅和婴儿车进出困难，加装坡道和扶手。',
    },
    {
      title: '楼道声控灯更换',
      place: '1栋至6栋楼道',
      estimate: 30_000,
      cost: 30_000,
      description: '多个楼道声控灯失灵，统一更换为人体感应灯。',
    },
  ];
  const springOpened = ago(75);
  const springRound = await open(
    SEEDED_BUDGET_ROUNDS.implementing,
    '社区民生微实事资金 8 万元，居民点单、居委会审核、一户一票决定，入选项目公开进度和支出。',
    80_000,
    springOpened,
    [ago(68), ago(61), ago(54), ago(47)],
  );
  const springIds = await proposeAll(springRound, spring, ago(74));
  await runBudgetClock(new Date(ago(68).getTime() + MINUTE_MS));
  await screenAll(springRound, spring, springIds, ago(66));
  await runBudgetClock(new Date(ago(61).getTime() + MINUTE_MS));
  await runBudgetClock(new Date(ago(54).getTime() + MINUTE_MS));
  await vote(
    springRound,
    springIds,
    spring.map((p) => p.cost),
    80_000,
    ago(53),
    0.6,
    2 * DAY_MS,
  );
  await runBudgetClock(new Date(ago(47).getTime() + MINUTE_MS));
  const user = residents[3]!;
  const objection = await addObjection({
    user,
    principal: principalOf(user),
    communityId,
    roundId: springRound,
    input: { body: '楼道灯也很需要，为什么没有入选？', requestId: 'seed-budget-objection' },
    contentCheck: pass,
    now: ago(45),
  }).catch(() => undefined);
  if (objection)
    await answerObjection({
      by,
      communityId,
      roundId: springRound,
      objectionId: objection.objectionId,
      text: '按得票排序，轮到楼道灯时剩余预算不足；楼道灯已列入物业维修计划，下一轮也可以再提。',
      now: ago(44),
    });
  await runBudgetClock(ago(39));
  // 一诺 and the monthly reports for what was selected: the ramp finished, the lights under way.
  const parties = ['东街街道市政服务中心', '幸福里物业服务中心', '幸福里物业服务中心'];
  for (const [i, projectId] of springIds.entries()) {
    const committed = await setImplementation({
      by,
      communityId,
      roundId: springRound,
      projectId,
      input: {
        responsibleParty: parties[i]!,
        commitment: '按方案施工，施工期间保留通行，每月公开进度和支出',
        dueDate: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      },
      now: ago(38),
    }).then(
      () => true,
      () => false, // not selected
    );
    if (!committed) continue;
    await reportProgress({
      by,
      communityId,
      roundId: springRound,
      projectId,
      input: { percent: 40, spent: Math.round(spring[i]!.cost * 0.35), note: '材料进场，开始施工', photoKeys: [] },
      now: ago(33),
    });
    const done = spring[i]!.title.includes('坡道');
    await reportProgress({
      by,
      communityId,
      roundId: springRound,
      projectId,
      input: done
        ? { percent: 100, spent: spring[i]!.cost - 600, note: '坡道和扶手已完工，验收合格', photoKeys: [] }
        : { percent: 70, spent: Math.round(spring[i]!.cost * 0.6), note: '灯杆已安装，等待通电调试', photoKeys: [] },
      now: ago(3),
    });
    if (done)
      await finishProject({ by, communityId, roundId: springRound, projectId, note: '坡道已启用', now: ago(2) });
  }

  // This half-year's round: voting is open for four more days.
  const autumn: Plan[] = [
    {
      title: '儿童游乐区地面翻新',
      place: '2栋南侧游乐区',
      estimate: 38_000,
      cost: 35_000,
      description: '游乐区地砖开裂，孩子容易摔倒，改铺塑胶地面。',
    },
    {
      title: '中心花园休息座椅',
      place: '中心花园',
      estimate: 15_000,
      cost: 12_000,
      description: '花园只有两张长椅，老人散步走累了没处坐，增加 8 张带靠背的座椅。',
    },
    {
      title: '电动车充电棚',
      place: '5栋东侧空地',
      estimate: 50_000,
      cost: 48_000,
      description: '楼道里充电有火灾隐患，建集中充电棚，20 个充电位。',
    },
    {
      title: '快递柜遮雨棚',
      place: '小区北门',
      estimate: 8_000,
      cost: 9_000,
      description: '下雨天取快递淋雨，给北门快递柜加装遮雨棚。',
    },
    {
      title: '私家车位划线',
      place: '小区主干道',
      estimate: 20_000,
      cost: 0,
      description: '主干道两侧给私家车划固定车位，按户分配。',
    },
  ];
  const autumnOpened = ago(20);
  const autumnRound = await open(
    SEEDED_BUDGET_ROUNDS.voting,
    '社区民生微实事资金 10 万元：居民点单已结束，请在预算内选择支持的项目，一户一票。',
    100_000,
    autumnOpened,
    [ago(14), ago(8), ago(1), new Date(now.getTime() + 4 * DAY_MS)],
  );
  const autumnIds = await proposeAll(autumnRound, autumn, ago(19));
  await runBudgetClock(new Date(ago(14).getTime() + MINUTE_MS));
  for (const [i, p] of autumn.entries())
    await screenProject({
      by,
      communityId,
      roundId: autumnRound,
      projectId: autumnIds[i]!,
      input:
        p.cost > 0
          ? { eligible: true, cost: p.cost }
          : { eligible: false, reason: '车位划线属业主共有部分的使用，须由业主大会决定，不属于民生微实事范围' },
      now: ago(12),
    });
  await runBudgetClock(new Date(ago(8).getTime() + MINUTE_MS));
  await runBudgetClock(new Date(ago(1).getTime() + MINUTE_MS));
  await vote(
    autumnRound,
    autumnIds.slice(0, 4),
    autumn.slice(0, 4).map((p) => p.cost),
    100_000,
    new Date(ago(1).getTime() + HOUR_MS),
    0.3,
    12 * HOUR_MS,
  );
}
