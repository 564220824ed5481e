import { addHours, buildingIdOf, type GrievanceDetail, type Principal } from '@linli/shared';
import { submitGrievance, type SubmitInput } from '../../functions/src/grievances/submit';
import { takeStep, type StepRequest } from '../../functions/src/grievances/transitions';
import { loadUser } from '../../functions/src/identity/principal';
import { grantRole } from '../../functions/src/roster/staff';
import { inviteStaff, redeemStaffInvitation } from '../../functions/src/streets/staffInvitations';
import { createCommunity, createStreet } from '../../functions/src/streets/streets';
import { callerOf, seedChecker } from './grievances';
import { OTHER_COMMUNITY_ID, persona, SECOND_COMMUNITY_ID, SECOND_REGION_CODE, SECOND_STREET_ID } from './personas';

/**
 * What the street console (街道工作台) and the two-street authorisation need of the demo, through the
 * services the routes call: a second street (茶亭街道) with its own office (钱科长) and community
 * (南湖社区), and cases on the street's desk — in 西园 (东街), one overdue there and one not, and one in
 * 南湖 that 东街's office must never see. 幸福里's cases are untouched: the journeys that count them
 * (the committee's 看板, queues, the home feed) count what they counted before.
 */

/** 茶亭街道 (福州市台江区), 南湖社区, and 钱科长 as its street office by an invitation code. */
export async function seedSecondStreet(admin: Principal, now: Date): Promise<void> {
  await createStreet({
    principal: admin,
    input: { name: '茶亭街道', district: '福州市台江区', regionCode: SECOND_REGION_CODE, streetId: SECOND_STREET_ID },
    now,
  });
  await createCommunity({
    principal: admin,
    streetId: SECOND_STREET_ID,
    input: {
      communityId: SECOND_COMMUNITY_ID,
      name: '南湖社区',
      address: '福州市台江区茶亭南湖路 2 号',
      regionCode: SECOND_REGION_CODE,
    },
    now,
  });
  const qian = persona('qian');
  const { code } = await inviteStaff({
    principal: admin,
    streetId: SECOND_STREET_ID,
    input: { role: 'street', invitee: qian.realName },
    now,
  });
  await redeemStaffInvitation({ user: (await loadUser(qian.userId))!, code, realName: qian.realName, now });
  // As 周科长's: the grant 我的 lists as the community's staff tools.
  await grantRole({
    principal: admin,
    communityId: SECOND_COMMUNITY_ID,
    input: { userId: qian.userId, role: 'street' },
    now,
  });
}

/** Cases escalated to the street: two in 西园 (one past the street's acceptance deadline), one in 南湖. */
export async function seedStreetDesk(now: Date): Promise<void> {
  const at = (hoursAgo: number) => addHours(now, -hoursAgo);
  const submit = async (
    communityId: string,
    userId: string,
    id: string,
    input: Pick<SubmitInput, 'category' | 'description' | 'location'> & Partial<SubmitInput>,
    hoursAgo: number,
  ) =>
    submitGrievance(
      {
        caller: await callerOf(userId),
        communityId,
        input: {
          photos: [],
          urgency: 'normal',
          anonymous: false,
          source: 'resident',
          visibility: 'public',
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
        communityId: c.communityId,
        grievanceId: c.grievanceId,
        seenVersion: c.version,
        step: request,
        now: at(hoursAgo),
      },
      { checker: seedChecker },
    );
  const wu = persona('wu').userId;
  const building = { kind: 'building' as const, buildingId: buildingIdOf(OTHER_COMMUNITY_ID, '1号楼') };

  // 西园: the committee takes a cross-department problem to the street (上报, grid → committee → street).
  const wall = await submit(
    OTHER_COMMUNITY_ID,
    'xiyuan_1',
    'street-wall',
    { category: 'safety', description: '1号楼北侧围墙开裂倾斜，靠近小学上学路线，存在倒塌隐患', location: building },
    80,
  );
  let x = await step(wu, wall, { action: 'escalate', reason: '需要街道协调城管和住建部门' }, 78);
  await step(wu, x, { action: 'escalate', reason: '涉及多个部门，超出社区职责' }, 76);

  const pipe = await submit(
    OTHER_COMMUNITY_ID,
    'xiyuan_2',
    'street-pipe',
    { category: 'repair', description: '1号楼外主供水管老化，本月已经爆裂两次', location: building },
    8,
  );
  x = await step(wu, pipe, { action: 'escalate', reason: '需要街道协调自来水公司' }, 7);
  await step(wu, x, { action: 'escalate', reason: '自来水公司不归社区协调' }, 6);

  // 南湖 (茶亭): the street office itself records a problem and takes it to its own desk.
  const qian = persona('qian').userId;
  const market = await submit(
    SECOND_COMMUNITY_ID,
    qian,
    'street-market',
    {
      category: 'sanitation',
      description: '南湖路早市散场后垃圾无人清扫',
      location: { kind: 'place', place: '南湖路早市' },
      source: 'proactive',
    },
    20,
  );
  await step(qian, market, { action: 'escalate', reason: '需要街道环卫所统一安排' }, 19);
}
