import {
  addDays,
  grantKey,
  parseRosterSheet,
  planRoster,
  type Principal,
  type Relation,
  type RoleGrant,
} from '@linli/shared';
import { communities } from '../src/db/entities/community';
import { units } from '../src/db/entities/unit';
import { users, type UserItem } from '../src/db/entities/user';
import { bindUserToUnit } from '../src/households/bindUnit';
import { loadUser, principalOf } from '../src/identity/principal';
import { writeRosterPlan } from '../src/roster/transfer/importRoster';
import { ROSTER_HEADER } from '../../devstack/seed/rosterSheet';

export interface Resident {
  user: UserItem;
  principal: Principal;
}

let counter = 0;

/**
 * A small community for 议事厅 tests, written through the roster import and household binding code:
 * 1栋 (第一网格) has 101 and 102 held by one owner (甲), 201 (乙) and an unsold 202; 2栋 (第二网格) has
 * 101 (丙) and 102 (丁). Residents: 甲 and his daughter in 1栋101, 乙 in 1栋201, 丙 in 2栋101,
 * a tenant in 2栋102. `extraUnits` adds households to 3栋, each with one bound owner (load tests).
 */
export async function agoraCommunity(opts: { extraUnits?: number } = {}) {
  const communityId = `c${++counter}${Math.random().toString(36).slice(2, 7)}`;
  const rows: (string | number)[][] = [
    ROSTER_HEADER,
    ['第一网格', '1栋', '1单元', '101', 1, 100, '甲业主', '13800000001'],
    ['第一网格', '1栋', '1单元', '102', 1, 100, '甲业主', '13800000001'],
    ['第一网格', '1栋', '1单元', '201', 2, 120, '乙业主', '13800000002'],
    ['第一网格', '1栋', '1单元', '202', 2, 80, '', ''],
    ['第二网格', '2栋', '1单元', '101', 1, 90, '丙业主', '13800000003'],
    ['第二网格', '2栋', '1单元', '102', 1, 90, '丁业主', '13800000004'],
  ];
  for (let i = 0; i < (opts.extraUnits ?? 0); i++)
    rows.push([
      '第二网格',
      '3栋',
      `${1 + Math.floor(i / 100)}单元`,
      String(100 + (i % 100)),
      1 + (i % 30),
      75.5,
      `业主${i}`,
      `139${String(i).padStart(8, '0')}`,
    ]);
  const parsed = parseRosterSheet(rows);
  if (parsed.problems.length) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  const plan = planRoster(communityId, parsed.rows);
  await communities.put({ communityId, name: '测试社区', district: '鼓楼区', street: '东街街道' });
  await writeRosterPlan({ communityId, plan, existing: new Map() });
  const unitOf = (label: string) => plan.units.find((u) => u.label === label)!;
  const building = (name: string) => plan.buildings.find((b) => b.name === name)!;
  const grid = (name: string) => plan.grids.find((g) => g.name === name)!;

  const resident = async (id: string, nickname: string, label: string, relation: Relation): Promise<Resident> => {
    const userId = `${communityId}_${id}`;
    await users.put({
      userId,
      openid: `openid-${userId}`,
      nickname,
      grants: {},
      memberships: {},
      status: 'active',
      createdAt: new Date().toISOString(),
    });
    const { Item: unit } = await units.get({ communityId, unitId: unitOf(label).unitId });
    await bindUserToUnit(
      {
        user: { userId, nickname },
        household: { unit: unit!, communityName: '测试社区' },
        relation,
        now: addDays(new Date(), -1),
      },
      {},
    );
    const user = (await loadUser(userId))!;
    return { user, principal: principalOf(user) };
  };
  const staff = async (id: string, nickname: string, grant: Omit<RoleGrant, 'communityId'>): Promise<Resident> => {
    const userId = `${communityId}_${id}`;
    const g = { ...grant, communityId } as RoleGrant;
    await users.put({
      userId,
      openid: `openid-${userId}`,
      nickname,
      grants: { [grantKey(g)]: g },
      memberships: {},
      status: 'active',
      createdAt: new Date().toISOString(),
    });
    const user = (await loadUser(userId))!;
    return { user, principal: principalOf(user) };
  };

  const people = {
    jia: await resident('jia', '甲', '1栋1单元101', 'owner'),
    jiaDaughter: await resident('jiad', '甲的女儿', '1栋1单元101', 'family'),
    yi: await resident('yi', '乙', '1栋1单元201', 'owner'),
    bing: await resident('bing', '丙', '2栋1单元101', 'owner'),
    tenant: await resident('ten', '租户', '2栋1单元102', 'tenant'),
    committee: await staff('sun', '孙主任', { role: 'committee' }),
    gridWorker1: await staff('liu', '刘网格员', { role: 'gridWorker', gridId: grid('第一网格').gridId }),
    head2: await staff('zhang', '张楼长', { role: 'buildingHead', buildingId: building('2栋').buildingId }),
  };
  const extra: Resident[] = [];
  const extraUnits = plan.units.filter((u) => u.buildingName === '3栋');
  for (let i = 0; i < extraUnits.length; i += 20)
    extra.push(
      ...(await Promise.all(
        extraUnits.slice(i, i + 20).map((u, j) => resident(`x${i + j}`, `住户${i + j}`, u.label, 'owner')),
      )),
    );
  return { communityId, plan, unitOf, building, grid, people, extra };
}
