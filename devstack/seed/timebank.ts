import {
  addDays,
  type ActivityCategory,
  chinaInstant,
  chinaParts,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type PointsRule,
} from '@linli/shared';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { openResidentAccount } from '../../functions/src/timebank/accounts';
import { createItem } from '../../functions/src/timebank/catalogue';
import { redeem, fulfil, markReady } from '../../functions/src/timebank/orders';
import { donate } from '../../functions/src/timebank/wallet';
import { createActivity } from '../../functions/src/volunteer/activities';
import { recordAttendance } from '../../functions/src/volunteer/attendance';
import { organiserCode } from '../../functions/src/volunteer/attendanceCodes';
import { reviewHours } from '../../functions/src/volunteer/hoursReview';
import { signUp } from '../../functions/src/volunteer/registrations';
import { createTeam, decideTeamMember, joinTeam } from '../../functions/src/volunteer/teams';
import { DEMO_COMMUNITY_ID as cid, persona } from './personas';
import { prng } from './rosterSheet';

const H = HOUR_MS;
const D = DAY_MS;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function person(userId: string) {
  const user = await loadUser(userId);
  if (!user) throw new Error(`seed: no user ${userId}`);
  return { user, principal: principalOf(user) };
}

interface Plan {
  title: string;
  description: string;
  category: ActivityCategory;
  place: string;
  /** Start relative to now. */
  startIn: number;
  hours: number;
  capacity: number;
  pointsRule: PointsRule;
  teamId?: string;
}

/**
 * 志愿服务与时间银行的演示数据, through the same services the API uses: four teams (li in 环境监督队,
 * 张楼长 leading 政策宣讲队), five past activities whose volunteers checked in and out and were
 * credited, open activities (one full, with a waiting line), a catalogue whose 理发 and 家电维修 are
 * provided by 张楼长, donations to 爱心基金 and to 王阿姨, and orders in every state.
 */
export async function seedTimebank(now: Date): Promise<void> {
  const sun = await person(persona('sun').userId);
  const zhang = await person(persona('zhang').userId);
  const li = await person(persona('li').userId);
  const wang = await person(persona('wang').userId);
  const residents = await Promise.all(
    ['res_001', 'res_003', 'res_005', 'res_007', 'res_009', 'res_011', 'res_013', 'res_015'].map(person),
  );

  const code = async (userId: string) => (await openResidentAccount(cid, userId)).accountCode as string;
  const teamStart = at(now, -120 * D);
  const teamOf = async (name: string, description: string, leaderId: string) =>
    createTeam({
      principal: sun.principal,
      communityId: cid,
      input: { name, description, leaderAccountCode: await code(leaderId) },
      now: teamStart,
    });
  const [policy, patrol, environment, elderly] = await Promise.all([
    teamOf('政策宣讲队', '走进楼栋讲解惠民政策、反诈知识与垃圾分类新规。', zhang.user.userId),
    teamOf('治安巡逻队', '夜间巡查楼道、车棚与消防通道，守护邻里平安。', 'res_001'),
    teamOf('环境监督队', '巡查卫生死角、劝导乱扔垃圾，维护小区整洁。', 'res_003'),
    teamOf('敬老爱幼服务队', '陪伴独居老人、看护放学儿童，传递邻里温情。', 'res_005'),
  ]);
  await joinTeam({ user: li.user, communityId: cid, teamId: environment.teamId, now: teamStart });
  await decideTeamMember({
    principal: (await person('res_003')).principal,
    communityId: cid,
    teamId: environment.teamId,
    userId: li.user.userId,
    decision: 'approve',
    now: teamStart,
  });
  for (const r of residents.slice(3, 6))
    await joinTeam({ user: r.user, communityId: cid, teamId: patrol.teamId, now: teamStart });
  await decideTeamMember({
    principal: (await person('res_001')).principal,
    communityId: cid,
    teamId: patrol.teamId,
    userId: 'res_007',
    decision: 'approve',
    now: teamStart,
  });
  await joinTeam({ user: residents[6]!.user, communityId: cid, teamId: elderly.teamId, now: teamStart });

  const publish = async (plan: Plan, organiser = sun) => {
    const start = at(now, plan.startIn);
    const created = at(start, -10 * D);
    return createActivity({
      principal: organiser.principal,
      communityId: cid,
      input: {
        title: plan.title,
        description: plan.description,
        category: plan.category,
        place: plan.place,
        startAt: start.toISOString(),
        endAt: at(start, plan.hours * H).toISOString(),
        signUpDeadline: at(start, -2 * H).toISOString(),
        capacity: plan.capacity,
        cancelCutoffHours: 2,
        pointsRule: plan.pointsRule,
        teamId: plan.teamId,
      },
      now: created < now ? created : now,
    });
  };

  // Past activities: volunteers signed up, checked in and out with the rotating code, hours confirmed.
  const rand = prng(11);
  const past: Plan[] = [
    {
      title: '垃圾分类宣传进楼栋',
      description: '在各楼栋门口讲解垃圾分类新规，发放分类指南。',
      category: 'policy',
      place: '1-3栋楼下',
      startIn: -130 * D,
      hours: 3,
      capacity: 8,
      pointsRule: { kind: 'perHour', rate: 10 },
      teamId: policy.teamId,
    },
    {
      title: '消防通道清理',
      description: '清理楼道杂物，确保消防通道畅通。',
      category: 'patrol',
      place: '4-6栋楼道',
      startIn: -96 * D,
      hours: 2,
      capacity: 10,
      pointsRule: { kind: 'perHour', rate: 10 },
    },
    {
      title: '独居老人上门探访',
      description: '两人一组探访独居老人，帮忙检查水电燃气。',
      category: 'elderly',
      place: '社区服务中心集合',
      startIn: -64 * D,
      hours: 3,
      capacity: 6,
      pointsRule: { kind: 'perHour', rate: 12 },
      teamId: elderly.teamId,
    },
    {
      title: '安泰河沿岸环境巡查',
      description: '沿河巡查卫生死角并记录问题点位。',
      category: 'environment',
      place: '安泰河东岸',
      startIn: -30 * D,
      hours: 2,
      capacity: 8,
      pointsRule: { kind: 'perHour', rate: 10 },
      teamId: environment.teamId,
    },
    {
      title: '中秋邻里文艺汇演服务',
      description: '协助搭台、引导入座、维持秩序。',
      category: 'culture',
      place: '小区中心广场',
      startIn: -9 * D,
      hours: 4,
      capacity: 12,
      pointsRule: { kind: 'fixed', amount: 30 },
    },
  ];
  const crew = [li, zhang, ...residents];
  const teams = past.map(() => {
    const team = crew.filter(() => rand() < 0.75);
    return team.includes(li) ? team : [li, ...team];
  });
  const jitter = past.map(() => crew.map(() => Math.floor(rand() * 20)));
  // Activities and volunteers are independent of one another: seed them concurrently (the stack starts faster).
  await Promise.all(
    past.map(async (plan, n) => {
      const organiser = plan.teamId === policy.teamId ? zhang : sun;
      const a = await publish(plan, organiser);
      const start = new Date(a.startAt);
      const team = (teams[n] as typeof crew).slice(0, plan.capacity);
      await Promise.all(
        team.map((v) =>
          signUp({
            user: v.user,
            principal: v.principal,
            communityId: cid,
            activityId: a.activityId,
            now: at(start, -3 * D),
          }),
        ),
      );
      await Promise.all(
        team.map(async (v, i) => {
          const inAt = at(start, -(5 + i) * MINUTE_MS);
          await recordAttendance({
            principal: v.principal,
            communityId: cid,
            activityId: a.activityId,
            code: (await organiserCode(cid, a.activityId, inAt)).shortCode,
            now: inAt,
          });
          // The last one forgot to check out; the organiser credits verified time with a reason.
          if (i === team.length - 1) {
            await reviewHours({
              principal: organiser.principal,
              communityId: cid,
              activityId: a.activityId,
              userId: v.user.userId,
              decision: { decision: 'approve', minutes: plan.hours * 60, reason: '忘记签退，组织者现场核实' },
              now: at(start, plan.hours * H + 5 * H),
            });
            return;
          }
          const outAt = at(start, plan.hours * H + ((jitter[n] as number[])[i] as number) * MINUTE_MS);
          await recordAttendance({
            principal: v.principal,
            communityId: cid,
            activityId: a.activityId,
            code: (await organiserCode(cid, a.activityId, outAt)).shortCode,
            now: outAt,
          });
          await reviewHours({
            principal: organiser.principal,
            communityId: cid,
            activityId: a.activityId,
            userId: v.user.userId,
            decision: { decision: 'approve' },
            now: at(outAt, H),
          });
        }),
      );
    }),
  );

  // Open activities: one starting soon (check-in opens an hour before), one full with a waiting line.
  const soon = await publish({
    title: '社区义诊志愿服务',
    description: '协助社区医院义诊：测血压、登记、引导。',
    category: 'service',
    place: '社区服务中心一楼',
    startIn: 45 * MINUTE_MS,
    hours: 3,
    capacity: 10,
    pointsRule: { kind: 'perHour', rate: 10 },
  });
  await Promise.all(
    [zhang, ...residents.slice(0, 4)].map((v) =>
      signUp({ user: v.user, principal: v.principal, communityId: cid, activityId: soon.activityId, now: at(now, -D) }),
    ),
  );
  const full = await publish({
    title: '周末亲子环保手工课',
    description: '带孩子用废旧物品做手工，需要 4 名助教。',
    category: 'culture',
    place: '社区活动室',
    startIn: 3 * D,
    hours: 2,
    capacity: 4,
    pointsRule: { kind: 'fixed', amount: 20 },
  });
  for (const v of residents.slice(0, 6))
    await signUp({
      user: v.user,
      principal: v.principal,
      communityId: cid,
      activityId: full.activityId,
      now: at(now, -D),
    });
  // Tomorrow morning, with 王阿姨 signed up: her home page shows it under 待我处理 (check-in an hour before).
  const tomorrow = chinaParts(addDays(now, 1));
  const teaParty = await publish({
    title: '重阳敬老茶话会',
    description: '陪社区老人喝茶聊天、量血压，帮忙摆放桌椅。',
    category: 'elderly',
    place: '社区活动室',
    startIn: chinaInstant(tomorrow.year, tomorrow.month, tomorrow.day, 9, 30).getTime() - now.getTime(),
    hours: 2,
    capacity: 12,
    pointsRule: { kind: 'perHour', rate: 10 },
  });
  await signUp({
    user: wang.user,
    principal: wang.principal,
    communityId: cid,
    activityId: teaParty.activityId,
    now: at(now, -D),
  });
  await publish(
    {
      title: '夜间平安巡逻',
      description: '两人一组巡查车棚、楼道和小区出入口。',
      category: 'patrol',
      place: '北门岗亭集合',
      startIn: 5 * D + 12 * H,
      hours: 2,
      capacity: 8,
      pointsRule: { kind: 'perHour', rate: 12 },
      teamId: patrol.teamId,
    },
    await person('res_001'),
  );
  await publish(
    {
      title: '反诈宣传进楼栋',
      description: '讲解常见电信诈骗手法，帮老人安装国家反诈中心 App。',
      category: 'policy',
      place: '4-6栋楼下',
      startIn: 8 * D,
      hours: 2,
      capacity: 6,
      pointsRule: { kind: 'perHour', rate: 10 },
      teamId: policy.teamId,
    },
    zhang,
  );

  // The mall: services by 张楼长 and charity gifts.
  const zhangCode = await code(zhang.user.userId);
  const opened = at(now, -100 * D);
  const item = (
    name: string,
    description: string,
    kind: 'service' | 'gift',
    price: number,
    initialStock: number,
    more: { perPersonLimit?: number; providerAccountCode?: string } = {},
  ) =>
    createItem({
      principal: sun.principal,
      communityId: cid,
      input: { name, description, kind, price, initialStock, requestId: `seed-item-${name}`, ...more },
      now: opened,
    });
  const [haircut, , , rice] = await Promise.all([
    item('理发', '张楼长的理发角，每周六上午，凭取货码到 3 栋架空层。', 'service', 20, 30, {
      providerAccountCode: zhangCode,
    }),
    item('家电维修', '小家电上门检修一次（配件另计）。', 'service', 50, 10, { providerAccountCode: zhangCode }),
    item('陪诊服务', '志愿者陪同就医、挂号取药一次（半天）。', 'service', 80, 5),
    item('大米 5 公斤', '爱心企业捐赠，到社区服务中心领取。', 'gift', 60, 20, { perPersonLimit: 1 }),
    item('洗衣液', '2 公斤装。', 'gift', 30, 40, { perPersonLimit: 2 }),
    item('公益书包', '送给社区里的小学生。', 'gift', 40, 15),
  ]);

  // Donations, redemptions and orders in every state.
  await donate({
    user: li.user,
    communityId: cid,
    input: { to: await code(wang.user.userId), amount: 20, note: '王阿姨保重身体', requestId: 'seed-li-to-wang' },
    now: at(now, -20 * D),
  });
  await donate({
    user: residents[1]!.user,
    communityId: cid,
    input: { to: 'fund', amount: 15, note: '献一份爱心', requestId: 'seed-res3-fund' },
    now: at(now, -15 * D),
  });
  await donate({
    user: zhang.user,
    communityId: cid,
    input: { to: 'fund', amount: 10, requestId: 'seed-zhang-fund' },
    now: at(now, -12 * D),
  });
  const done = await redeem({
    user: residents[0]!.user,
    communityId: cid,
    itemId: haircut.itemId,
    input: { quantity: 1, requestId: 'seed-haircut-1' },
    now: at(now, -25 * D),
  });
  await fulfil({ principal: zhang.principal, communityId: cid, orderCode: done.orderCode, now: at(now, -22 * D) });
  const ready = await redeem({
    user: residents[2]!.user,
    communityId: cid,
    itemId: rice.itemId,
    input: { quantity: 1, requestId: 'seed-rice-1' },
    now: at(now, -5 * D),
  });
  await markReady({ principal: sun.principal, communityId: cid, orderCode: ready.orderCode, now: at(now, -4 * D) });
  await redeem({
    user: li.user,
    communityId: cid,
    itemId: haircut.itemId,
    input: { quantity: 1, requestId: 'seed-li-haircut' },
    now: at(now, -2 * D),
  });
}
