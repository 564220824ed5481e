import { SUBSCRIBE_TEMPLATES, unitIdOf, type Principal } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  at,
  COMMUNITY,
  createUser,
  drainStream,
  inboxOf,
  rosterFixture,
  startWeChat,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { bindingIdOf } from '../db/entities/binding';
import { notificationIntents } from '../db/entities/notificationIntent';
import { decideBinding, requestBinding } from '../households/bindings';
import { loadUser, principalOf } from '../identity/principal';
import { intentIdOf } from './outbox';
import { reportGrants } from './settings';

useTestTable();
jest.setTimeout(60_000);

const committee: Principal = {
  userId: 'committee-1',
  grants: [{ role: 'committee', communityId: COMMUNITY }],
  memberships: [],
};
let wechat: WeChatHarness;

beforeAll(async () => {
  at('2026-11-23T10:00:00');
  await rosterFixture();
  wechat = await startWeChat();
});
afterAll(() => wechat.close());

async function applicant(userId: string, room: string) {
  await createUser(userId, `o-${userId}`, userId);
  const user = (await loadUser(userId))!;
  const unitId = unitIdOf(COMMUNITY, '2栋', '1单元', room);
  const binding = await requestBinding({
    user,
    principal: principalOf(user),
    input: { communityId: COMMUNITY, unitId, relation: 'tenant', realName: '陈晨' },
    now: testClock.now,
  });
  return {
    bindingId: binding.bindingId,
    unitId,
    intentId: (event: 'binding.approved' | 'binding.rejected') =>
      intentIdOf(event, `${binding.bindingId}:${binding.requestedAt}`),
  };
}

const intent = async (intentId: string) => (await notificationIntents.get({ intentId }, { consistent: true })).Item;

describe('an intent is written atomically with its cause (the binding decision)', () => {
  it('exists exactly when the decision is recorded, and reaches the applicant’s inbox and WeChat', async () => {
    const a = await applicant('chen', '101');
    await reportGrants('chen', { requestId: 'grant-chen-1', results: { reviewResult: 'accept' } }, testClock.now);
    wechat.wx.state.addGrants('o-chen', SUBSCRIBE_TEMPLATES.reviewResult.id, 1);
    expect(await intent(a.intentId('binding.approved'))).toBeUndefined();

    await decideBinding({
      principal: committee,
      communityId: COMMUNITY,
      bindingId: a.bindingId,
      decision: { decision: 'approve' },
      now: testClock.now,
    });
    expect(await intent(a.intentId('binding.approved'))).toMatchObject({
      status: 'pending',
      recipientId: 'chen',
      event: 'binding.approved',
    });

    await drainStream(wechat.deps);
    expect((await inboxOf('chen')).map((i) => [i.title, i.link])).toEqual([['房屋绑定已通过', '/pages/me/index']]);
    expect(wechat.sentTo('o-chen')).toMatchObject([
      {
        errcode: 0,
        data: { thing1: '2栋1单元101', phrase2: '已通过', thing3: '欢迎加入社区', time4: '2026年11月23日 10:00' },
      },
    ]);
  });

  it('is not written when the decision fails (the household is already bound): no half-written change', async () => {
    const a = await applicant('li', '201');
    // Bind the applicant by another way first: approving now fails inside the same transaction.
    const { units } = await import('../db/entities/unit');
    const { bindUserToUnit } = await import('../households/bindUnit');
    const { Item: unit } = await units.get({ communityId: COMMUNITY, unitId: a.unitId });
    await bindUserToUnit(
      {
        user: { userId: 'li', nickname: 'li' },
        household: { unit: unit!, communityName: '测试社区' },
        relation: 'tenant',
        now: testClock.now,
      },
      {},
    );

    await expect(
      decideBinding({
        principal: committee,
        communityId: COMMUNITY,
        bindingId: a.bindingId,
        decision: { decision: 'approve' },
        now: testClock.now,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await intent(a.intentId('binding.approved'))).toBeUndefined();
    await drainStream(wechat.deps);
    expect(await inboxOf('li')).toEqual([]);
  });

  it('is written once however often the decision is retried', async () => {
    const a = await applicant('zhao', '301');
    await decideBinding({
      principal: committee,
      communityId: COMMUNITY,
      bindingId: a.bindingId,
      decision: { decision: 'reject', reason: '姓名与登记不符' },
      now: testClock.now,
    });
    await expect(
      decideBinding({
        principal: committee,
        communityId: COMMUNITY,
        bindingId: a.bindingId,
        decision: { decision: 'reject', reason: '再点一次' },
        now: testClock.now,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await drainStream(wechat.deps);
    expect((await inboxOf('zhao')).map((i) => [i.title, i.body])).toEqual([
      ['房屋绑定未通过', '2栋1单元301 的绑定申请未通过：姓名与登记不符'],
    ]);
    expect(bindingIdOf('zhao', a.unitId)).toBe(a.bindingId);
  });
});
