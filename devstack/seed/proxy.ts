import { addHours, buildingIdOf } from '@linli/shared';
import type { ContentChecker } from '../../functions/src/grievances/contentCheck';
import { submitGrievance } from '../../functions/src/grievances/submit';
import { takeStep, type StepRequest } from '../../functions/src/grievances/transitions';
import type { GrievanceDetail } from '@linli/shared';
import { loadUser, principalOf } from '../../functions/src/identity/principal';
import { openResidentAccount } from '../../functions/src/timebank/accounts';
import { donate } from '../../functions/src/timebank/wallet';
import { DEMO_COMMUNITY_ID as C, persona } from './personas';

/**
 * 亲情代办: 高奶奶 (高秀英) lives in 3栋 and has no smartphone — no WeChat identity, so nobody can sign in
 * as her. 张楼长 (3栋楼长), 刘网格员 (第一网格) and her family may act for her. She has points to redeem (a
 * gift from 小李) and a finished 诉求 waiting for her rating, so the demo and the journey have something to do.
 */
export const PROXY_RESIDENT = { userId: 'demo_gao', nickname: '高奶奶', realName: '高秀英' } as const;

const seedChecker: ContentChecker = {
  checkText: async () => 'pass',
  startImageCheck: async () => {
    throw new Error('the seed adds no photos');
  },
};

async function callerOf(userId: string) {
  const user = await loadUser(userId);
  if (!user) throw new Error(`seed: no user ${userId}`);
  return { principal: principalOf(user), user };
}

export async function seedProxy(now: Date): Promise<void> {
  const gao = PROXY_RESIDENT.userId;
  const at = (hoursAgo: number) => addHours(now, -hoursAgo);
  const submitted = await submitGrievance(
    {
      caller: await callerOf(gao),
      communityId: C,
      input: {
        clientRequestId: 'seed-gao-handrail',
        category: 'repair',
        description: '3栋楼梯扶手松动，老人上下楼不敢扶（张楼长上门时代为登记）',
        photos: [],
        location: { kind: 'building', buildingId: buildingIdOf(C, '3栋') },
        urgency: 'normal',
        visibility: 'private',
        anonymous: false,
        source: 'resident',
      },
      now: at(96),
    },
    { checker: seedChecker },
  );
  const liu = persona('liu').userId;
  const step = async (c: GrievanceDetail, step: StepRequest, hoursAgo: number) =>
    takeStep(
      {
        caller: await callerOf(liu),
        communityId: C,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step,
        now: at(hoursAgo),
      },
      { checker: seedChecker },
    );
  let c = await step(submitted, { action: 'accept' }, 90);
  c = await step(c, { action: 'commit', text: '联系物业加固扶手', dueBy: at(40).toISOString() }, 89);
  await step(c, { action: 'resolve', note: '扶手已重新固定，请高奶奶试用', photos: [] }, 30);

  const li = await callerOf(persona('li').userId);
  const account = await openResidentAccount(C, gao);
  await donate({
    user: li.user,
    communityId: C,
    input: { to: account.accountCode as string, amount: 60, note: '高奶奶保重身体', requestId: 'seed-li-to-gao' },
    now: at(72),
  });
}
