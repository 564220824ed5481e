import { planOwnerRegistry, unitIdOf } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { createUser, seedMiniCommunity } from '../../test/fixtures';
import { communities } from '../db/entities/community';
import { memberships } from '../db/entities/membership';
import { owners } from '../db/entities/owner';
import { units } from '../db/entities/unit';
import { loadUser } from '../identity/principal';
import { bindUserToUnit } from '../households/bindUnit';
import { membersOf, rosterNow, writeOwnerRegistry } from './registryImport';

useTestTable();

const HEADER = ['房屋坐落', '不动产单元号', '面积', '权利人', '证件号'];

/**
 * The mini community (1栋 101/102 业主甲, 201 业主乙; 2栋 101 业主丙, 102 unsold, 201 业主丁) against an extract:
 * 业主甲 as before (证件号 now), 201 sold to 新业主 (业主乙 bound to it as 业主), 2栋102 the developer's by name.
 */
it('writes owners, units and re-points the 业主 bound to a sold unit, then nothing on a second run', async () => {
  const { communityId } = await seedMiniCommunity();
  const u201 = unitIdOf(communityId, '1栋', '', '201');
  const { Item: unit } = await units.get({ communityId, unitId: u201 });
  const resident = await createUser('乙');
  await bindUserToUnit(
    { user: resident, household: { unit: unit!, communityName: '测试' }, relation: 'owner', now: new Date() },
    {},
  );
  const oldOwner = unit!.ownerId!;

  const cells = [
    HEADER,
    ['测试社区1栋101室', 'N101', 80, '业主甲', '350102198001010011'],
    ['测试社区1栋102室', 'N102', 90, '业主甲', '350102198001010011'],
    ['测试社区1栋201室', 'N201', 101.5, '新业主', ''],
    ['测试社区2栋102室', 'N2102', 70, '测试房地产开发有限公司', ''],
  ];
  const current = await rosterNow(communityId);
  const plan = planOwnerRegistry({ communityId, cells, roster: current });
  expect(plan.problems).toEqual([]);
  const written = await writeOwnerRegistry({ communityId, plan, current, members: await membersOf(communityId) });
  expect(written).toBeGreaterThan(0);

  const after = (await units.get({ communityId, unitId: u201 })).Item!;
  expect(after).toMatchObject({ area: 101.5, registryUnitNo: 'N201' });
  expect(after.ownerId).not.toBe(oldOwner);
  expect((await owners.get({ communityId, ownerId: after.ownerId! })).Item).toMatchObject({
    name: '新业主',
    unitIds: [u201],
  });
  expect((await owners.get({ communityId, ownerId: oldOwner })).Item?.unitIds).toEqual([]);
  // The resident bound as 业主 of 201 now speaks for its registered owner, on the membership and the user.
  expect((await memberships.get({ communityId, unitId: u201, userId: resident.userId })).Item?.ownerId).toBe(
    after.ownerId,
  );
  expect((await loadUser(resident.userId))!.memberships[`${communityId}|${u201}`]?.ownerId).toBe(after.ownerId);
  // 业主甲 keeps his id (two units, one head); the community counts 业主甲, 新业主, 丙, 丁.
  const u101 = (await units.get({ communityId, unitId: unitIdOf(communityId, '1栋', '', '101') })).Item!;
  expect((await owners.get({ communityId, ownerId: u101.ownerId! })).Item?.unitIds).toHaveLength(2);
  expect((await communities.get({ communityId })).Item).toMatchObject({ ownerCount: 4 });

  const again = await rosterNow(communityId);
  const replan = planOwnerRegistry({ communityId, cells, roster: again });
  expect(replan.fingerprint).toBe(plan.fingerprint);
  expect(
    await writeOwnerRegistry({ communityId, plan: replan, current: again, members: await membersOf(communityId) }),
  ).toBe(0);
});
