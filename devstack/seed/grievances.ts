import { addHours, buildingIdOf, chinaMonth, chinaParts, DAY_MS, type GrievanceDetail, HOUR_MS } from '@linli/shared';
import type { ContentChecker } from '../../functions/src/grievances/contentCheck';
import { publishEvaluation } from '../../functions/src/grievances/evaluation';
import { addNote, postMessage, support } from '../../functions/src/grievances/conversation';
import { submitGrievance, type SubmitInput } from '../../functions/src/grievances/submit';
import { sweepCommunity } from '../../functions/src/grievances/sweep';
import type { Caller } from '../../functions/src/grievances/requests';
import { takeStep, type StepRequest } from '../../functions/src/grievances/transitions';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { DEMO_COMMUNITY_ID as C, persona, type PersonaKey } from './personas';

/**
 * Demo 诉求 for `npm start`: requests in every state, written through the same services the API uses
 * (so every invariant holds), with their times in the past — some last month, so the dashboard and a
 * published 群众性评议 have something to show. The seed's own texts need no WeChat check: it runs
 * before the WeChat stand-in starts.
 */
export const seedChecker: ContentChecker = {
  checkText: async () => 'pass',
  startImageCheck: async () => {
    throw new Error('the seed adds no photos');
  },
};

export async function callerOf(userId: string): Promise<Caller> {
  const user = await loadUser(userId);
  if (!user) throw new Error(`seed: no user ${userId}`);
  return { principal: principalOf(user), user };
}

const who = (key: PersonaKey) => persona(key).userId;
const building = (name: string) => ({ kind: 'building' as const, buildingId: buildingIdOf(C, name) });

export async function seedGrievances(now: Date): Promise<void> {
  const at = (hoursAgo: number) => addHours(now, -hoursAgo);
  const submit = async (
    userId: string,
    id: string,
    input: Omit<SubmitInput, 'clientRequestId' | 'photos' | 'urgency' | 'anonymous' | 'source'> & Partial<SubmitInput>,
    hoursAgo: number,
  ) =>
    submitGrievance(
      {
        caller: await callerOf(userId),
        communityId: C,
        input: {
          photos: [],
          urgency: 'normal',
          anonymous: false,
          source: 'resident',
          clientRequestId: `seed-${id}`,
          ...input,
        },
        now: at(hoursAgo),
      },
      { checker: seedChecker },
    );
  const step = async (userId: string, c: GrievanceDetail, request: StepRequest, hoursAgo: number) =>
    takeStep(
      {
        caller: await callerOf(userId),
        communityId: C,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step: request,
        now: at(hoursAgo),
      },
      { checker: seedChecker },
    );
  /** Accepted and promised `from` hours ago, the promise `commit` hours later; resolved `resolve` hours ago. */
  const handle = async (
    c: GrievanceDetail,
    by: string,
    from: number,
    hours: { commit: number; resolve?: number },
    text: { commitment: string; done?: string },
  ) => {
    let x = await step(by, c, { action: 'accept' }, from);
    x = await step(
      by,
      x,
      { action: 'commit', text: text.commitment, dueBy: at(from - hours.commit).toISOString() },
      from,
    );
    if (hours.resolve !== undefined)
      x = await step(by, x, { action: 'resolve', note: text.done ?? '已办结', photos: [] }, hours.resolve);
    return x;
  };

  // Last month: a dozen handled requests, most rated, for the dashboard and the published evaluation.
  const lastMonthStart = now.getTime() - (chinaParts(now).day + 20) * DAY_MS;
  const ago = (t: number) => (now.getTime() - t) / HOUR_MS;
  const past: [PersonaKey | string, string, string, 'satisfied' | 'basic' | 'unsatisfied' | undefined, string][] = [
    ['wang', '1栋', '电梯按钮失灵', 'satisfied', 'liu'],
    ['zhang', '3栋', '楼道堆放杂物', 'satisfied', 'liu'],
    ['res_004', '2栋', '化粪池异味', 'basic', 'liu'],
    ['res_010', '1栋', '单元门禁坏了', 'satisfied', 'liu'],
    ['li', '5栋', '楼下烧烤油烟', 'unsatisfied', 'zhao'],
    ['res_060', '4栋', '路灯不亮', 'satisfied', 'zhao'],
    ['res_070', '6栋', '下水道堵塞', undefined, 'zhao'],
    ['res_080', '5栋', '绿化带被占用种菜', 'basic', 'zhao'],
  ];
  for (const [i, [reporter, b, text, rating, handler]] of past.entries()) {
    const reporterId = reporter.startsWith('res_') ? reporter : who(reporter as PersonaKey);
    const start = ago(lastMonthStart + i * 2 * DAY_MS);
    let c = await submit(
      reporterId,
      `past-${i}`,
      {
        category: i % 3 === 0 ? 'repair' : i % 3 === 1 ? 'sanitation' : 'other',
        description: `${b}${text}，请尽快处理`,
        location: building(b),
        visibility: 'public',
      },
      start,
    );
    c = await handle(
      c,
      who(handler as PersonaKey),
      start - 2 - i,
      { commit: 24, resolve: start - 10 - i * 3 },
      { commitment: '联系物业处理', done: '已处理完毕' },
    );
    if (rating)
      await step(
        reporterId,
        c,
        { action: 'rate', rating, comment: rating === 'unsatisfied' ? '油烟还是很大' : '谢谢' },
        start - 20 - i * 3,
      );
  }

  // This month, in every state.
  const lamp = await submit(
    who('wang'),
    'lamp',
    {
      category: 'repair',
      description: '3栋1单元楼道灯不亮，晚上上下楼很不安全',
      location: building('3栋'),
      visibility: 'public',
    },
    30,
  );
  await handle(lamp, who('liu'), 28, { commit: 48 }, { commitment: '联系物业电工，明天下午前更换灯具' });
  await postMessage(
    {
      caller: await callerOf(who('wang')),
      communityId: C,
      grievanceId: lamp.grievanceId,
      input: { clientMessageId: 'seed-1', text: '2楼和3楼都不亮，麻烦一起看看' },
      now: at(27),
    },
    { checker: seedChecker },
  );
  for (const supporter of ['res_001', 'res_002', 'res_005'])
    await support({ caller: await callerOf(supporter), communityId: C, grievanceId: lamp.grievanceId, now: at(26) });

  const dance = await submit(
    who('li'),
    'dance',
    {
      category: 'noise',
      description: '每晚9点后5栋楼下广场舞音响声音太大，影响老人孩子休息',
      location: building('5栋'),
      visibility: 'public',
      anonymous: true,
    },
    6,
  );
  await support({ caller: await callerOf('res_061'), communityId: C, grievanceId: dance.grievanceId, now: at(5) });

  const parking = await submit(
    who('zhang'),
    'parking',
    {
      category: 'parking',
      description: '3栋门口经常有车堵住消防通道',
      location: building('3栋'),
      visibility: 'public',
    },
    100,
  );
  const parked = await handle(
    parking,
    who('liu'),
    98,
    { commit: 24, resolve: 80 },
    { commitment: '联系车主挪车并设置禁停标识', done: '已设置禁停标识，车主已挪车' },
  );
  await step(who('zhang'), parked, { action: 'rate', rating: 'satisfied', comment: '处理很及时' }, 70);

  const wangUnit = (await callerOf(who('wang'))).principal.memberships.find((m) => m.communityId === C)!;
  const leak = await submit(
    who('wang'),
    'leak',
    {
      category: 'repair',
      description: '卫生间天花板渗水，怀疑楼上管道漏水',
      location: { kind: 'unit', unitId: wangUnit.unitId },
      visibility: 'private',
    },
    60,
  );
  await handle(
    leak,
    who('liu'),
    58,
    { commit: 48, resolve: 20 },
    { commitment: '协调楼上住户和物业上门检查', done: '楼上住户已更换老化水管，请观察两天' },
  );
  await addNote(
    {
      caller: await callerOf(who('liu')),
      communityId: C,
      grievanceId: leak.grievanceId,
      input: { clientNoteId: 'seed-1', text: '楼上住户白天不在家，约了周六上午' },
      now: at(40),
    },
    { checker: seedChecker },
  );

  // 民情日记: a grid worker logs what a resident told them on a visit.
  await submitGrievance(
    {
      caller: await callerOf(who('liu')),
      communityId: C,
      input: {
        clientRequestId: 'seed-meals',
        category: 'care',
        description: '2栋独居老人行动不便，希望有人帮忙送餐',
        photos: [],
        location: building('2栋'),
        urgency: 'normal',
        visibility: 'private',
        anonymous: false,
        source: 'visit',
        resident: { name: '张奶奶' },
      },
      now: at(10),
    },
    { checker: seedChecker },
  );

  await submit(
    'res_062',
    'garbage',
    {
      category: 'sanitation',
      description: '4栋垃圾桶满了三天没人清运，气味很大',
      location: building('4栋'),
      visibility: 'public',
    },
    30,
  );
  // The sweep at the times it would have run: 催办, then 督办 to the committee for the garbage request.
  await sweepCommunity({ communityId: C, now: at(9) }, { checker: seedChecker });
  await sweepCommunity({ communityId: C, now: at(5) }, { checker: seedChecker });

  const lastMonth = chinaMonth(new Date(lastMonthStart));
  if (lastMonth < chinaMonth(now))
    await publishEvaluation({ communityId: C, month: lastMonth, publishedBy: who('sun'), now: at(1) }).catch(
      () => undefined,
    );
}
