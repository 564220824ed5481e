import { useTestTable } from '../../test/testTable';
import { appoint, createUser, principalFor, seedMiniCommunity } from '../../test/fixtures';
import { buildings } from '../db/entities/building';
import { memberships } from '../db/entities/membership';
import { units } from '../db/entities/unit';
import { notificationIntents } from '../db/entities/notificationIntent';
import {
  createInvitation,
  decideBinding,
  listBindingQueue,
  listMyBindings,
  redeemInvitation,
  requestBinding,
} from './bindings';
import { unbindUserFromUnit } from './bindUnit';
import { DAY_MS, stableHash } from '@linli/shared';

useTestTable();

const now = () => new Date();

async function setup() {
  const { communityId, plan } = await seedMiniCommunity();
  const grid1 = plan.grids.find((g) => g.name === '一网格')!.gridId;
  const grid2 = plan.grids.find((g) => g.name === '二网格')!.gridId;
  const unit = plan.units.find((u) => u.label === '1栋101')!;
  const worker1 = await appoint(communityId, await createUser('一网格员'), 'gridWorker', { gridId: grid1 });
  const worker2 = await appoint(communityId, await createUser('二网格员'), 'gridWorker', { gridId: grid2 });
  return { communityId, plan, unit, worker1, worker2 };
}

async function ask(communityId: string, unitId: string, relation: 'owner' | 'family' | 'tenant' = 'family') {
  const applicant = await createUser('申请人');
  const { user, principal } = await principalFor(applicant.userId);
  const binding = await requestBinding({
    user,
    principal,
    input: { communityId, unitId, relation, realName: '张三' },
    now: now(),
  });
  return { applicant: user, binding };
}

describe('household binding (房屋绑定)', () => {
  it('binds on approval: membership, resident role, household snapshot and the building counter, in one transaction', async () => {
    const { communityId, unit, worker1 } = await setup();
    const { applicant, binding } = await ask(communityId, unit.unitId, 'owner');
    const decided = await decideBinding({
      principal: worker1,
      communityId,
      bindingId: binding.bindingId,
      decision: { decision: 'approve' },
      now: now(),
    });
    expect(decided.status).toBe('approved');

    const { principal } = await principalFor(applicant.userId);
    expect(principal.grants).toContainEqual({ role: 'resident', communityId });
    expect(principal.memberships).toContainEqual(
      expect.objectContaining({ unitId: unit.unitId, relation: 'owner', ownerId: unit.ownerId }),
    );
    expect((await memberships.get({ communityId, unitId: unit.unitId, userId: applicant.userId })).Item).toBeDefined();
    const stored = (await units.get({ communityId, unitId: unit.unitId })).Item!;
    expect(stored.memberCount).toBe(1);
    expect(Object.keys(stored.members)).toEqual([applicant.userId]);
    expect((await buildings.get({ communityId, buildingId: unit.buildingId })).Item?.boundUnits).toBe(1);
    // The outbox intent was written in the same transaction.
    const intentId = `n${stableHash(`binding.approved|${binding.bindingId}:${binding.requestedAt}`)}`;
    expect((await notificationIntents.get({ intentId })).Item).toMatchObject({
      recipientId: applicant.userId,
      status: 'pending',
    });

    // A second member of the same household does not count the unit twice.
    const second = await ask(communityId, unit.unitId);
    await decideBinding({
      principal: worker1,
      communityId,
      bindingId: second.binding.bindingId,
      decision: { decision: 'approve' },
      now: now(),
    });
    expect((await units.get({ communityId, unitId: unit.unitId })).Item?.memberCount).toBe(2);
    expect((await buildings.get({ communityId, buildingId: unit.buildingId })).Item?.boundUnits).toBe(1);

    // Leaving: the building counter drops only when the last resident leaves.
    await unbindUserFromUnit({
      userId: applicant.userId,
      communityId,
      unitId: unit.unitId,
      buildingId: unit.buildingId,
    });
    expect((await buildings.get({ communityId, buildingId: unit.buildingId })).Item?.boundUnits).toBe(1);
    await unbindUserFromUnit({
      userId: second.applicant.userId,
      communityId,
      unitId: unit.unitId,
      buildingId: unit.buildingId,
    });
    await unbindUserFromUnit({
      userId: second.applicant.userId,
      communityId,
      unitId: unit.unitId,
      buildingId: unit.buildingId,
    });
    expect((await buildings.get({ communityId, buildingId: unit.buildingId })).Item?.boundUnits).toBe(0);
    expect((await units.get({ communityId, unitId: unit.unitId })).Item?.memberCount).toBe(0);
  });

  it('approves a request exactly once when two reviewers press at the same moment', async () => {
    const { communityId, unit, worker1 } = await setup();
    const { binding } = await ask(communityId, unit.unitId);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        decideBinding({
          principal: worker1,
          communityId,
          bindingId: binding.bindingId,
          decision: { decision: 'approve' },
          now: now(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect((await units.get({ communityId, unitId: unit.unitId })).Item?.memberCount).toBe(1);
    expect((await buildings.get({ communityId, buildingId: unit.buildingId })).Item?.boundUnits).toBe(1);
  });

  it('keeps grid workers to their own grid, in the queue and in decisions', async () => {
    const { communityId, unit, worker1, worker2 } = await setup();
    const { binding } = await ask(communityId, unit.unitId);
    await expect(
      decideBinding({
        principal: worker2,
        communityId,
        bindingId: binding.bindingId,
        decision: { decision: 'approve' },
        now: now(),
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      (await listBindingQueue({ principal: worker2, communityId, status: 'pending', page: { limit: 20 } })).items,
    ).toHaveLength(0);
    expect(
      (await listBindingQueue({ principal: worker1, communityId, status: 'pending', page: { limit: 20 } })).items.map(
        (b) => b.bindingId,
      ),
    ).toEqual([binding.bindingId]);
  });

  it('refuses a duplicate pending request, allows asking again after a rejection, and shows the reason', async () => {
    const { communityId, unit, worker1 } = await setup();
    const { applicant, binding } = await ask(communityId, unit.unitId);
    const { principal } = await principalFor(applicant.userId);
    await expect(
      requestBinding({
        user: applicant,
        principal,
        input: { communityId, unitId: unit.unitId, relation: 'family', realName: '张三' },
        now: now(),
      }),
    ).rejects.toMatchObject({ status: 409 });
    await decideBinding({
      principal: worker1,
      communityId,
      bindingId: binding.bindingId,
      decision: { decision: 'reject', reason: '姓名与登记信息不符' },
      now: now(),
    });
    const mine = await listMyBindings(applicant);
    expect(mine.items[0]).toMatchObject({ status: 'rejected', reason: '姓名与登记信息不符' });
    await expect(
      requestBinding({
        user: applicant,
        principal,
        input: { communityId, unitId: unit.unitId, relation: 'family', realName: '张三丰' },
        now: now(),
      }),
    ).resolves.toMatchObject({ status: 'pending' });
    await expect(
      decideBinding({
        principal: worker1,
        communityId,
        bindingId: 'bd-none',
        decision: { decision: 'approve' },
        now: now(),
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('consumes an invitation code exactly once, even when redeemed concurrently', async () => {
    const { communityId, unit } = await setup();
    const committee = await appoint(communityId, await createUser('主任'), 'committee');
    const { code } = await createInvitation({
      principal: committee,
      communityId,
      unitId: unit.unitId,
      relation: 'owner',
      now: now(),
    });
    const people = await Promise.all(Array.from({ length: 5 }, () => createUser('受邀人')));
    const results = await Promise.allSettled(
      people.map(async (p) => {
        const { user, principal } = await principalFor(p.userId);
        return redeemInvitation({ user, principal, code, realName: '受邀人', now: now() });
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await units.get({ communityId, unitId: unit.unitId })).Item?.memberCount).toBe(1);
    await expect(
      createInvitation({ principal: committee, communityId, unitId: 'u-none', relation: 'owner', now: now() }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses an expired invitation', async () => {
    const { communityId, unit } = await setup();
    const committee = await appoint(communityId, await createUser('主任'), 'committee');
    const issued = new Date(Date.now() - 8 * DAY_MS);
    const { code } = await createInvitation({
      principal: committee,
      communityId,
      unitId: unit.unitId,
      relation: 'family',
      now: issued,
    });
    const { user, principal } = await principalFor((await createUser()).userId);
    await expect(redeemInvitation({ user, principal, code, realName: '某人', now: now() })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('过期'),
    });
  });
});
