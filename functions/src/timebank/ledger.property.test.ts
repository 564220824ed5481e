import fc from 'fast-check';
import { accounts, postingProblem, type Principal } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { givenCommunity, givenPerson, hours, minutes } from '../../test/timebankFixtures';
import { activities } from '../db/entities/activity';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import type { UserItem } from '../db/entities/user';
import { ApiError } from '../http/errors';
import { createActivity } from '../volunteer/activities';
import { recordAttendance } from '../volunteer/attendance';
import { organiserCode } from '../volunteer/attendanceCodes';
import { approvalKey, reviewHours, roster } from '../volunteer/hoursReview';
import { cancelSignUp, signUp } from '../volunteer/registrations';
import { openResidentAccount } from './accounts';
import { createItem, loadItem } from './catalogue';
import { allPostings, auditCommunity } from './ledger/audit';
import { postingIdOf } from './ledger/posting';
import { reversePosting } from './ledger/reversal';
import { reversalKey } from './ledger/ledgerBook';
import { cancelOrder, redeem } from './orders';
import { donate } from './wallet';

/**
 * Random sequences of sign-ups, approvals, donations, redemptions, cancellations, reversals and
 * retries — some run concurrently — against DynamoDB Local. After each sequence: every posting sums
 * to zero, the whole ledger sums to zero, no resident and no shelf is below zero, each idempotency
 * key posted exactly once, stored balances equal a model of the successful operations, the
 * activity never exceeds capacity, and the audit finds no mismatch.
 */
useTestTable();
jest.setTimeout(300_000);

const RESIDENTS = 5;
type Cmd =
  | { t: 'donate'; from: number; to: number | 'fund'; amount: number }
  | { t: 'redeem'; who: number; item: number; qty: number }
  | { t: 'cancelOrder'; pick: number }
  | { t: 'approve'; who: number; minutes: number }
  | { t: 'signUp'; who: number }
  | { t: 'cancelSignUp'; who: number }
  | { t: 'reverse'; pick: number }
  | { t: 'retry'; pick: number };

const who = fc.integer({ min: 0, max: RESIDENTS - 1 });
const single: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({ t: fc.constant('approve' as const), who, minutes: fc.integer({ min: 20, max: 240 }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('donate' as const),
      from: who,
      to: fc.oneof(who, fc.constant('fund' as const)),
      amount: fc.integer({ min: 1, max: 30 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('redeem' as const),
      who,
      item: fc.integer({ min: 0, max: 1 }),
      qty: fc.integer({ min: 1, max: 2 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('cancelOrder' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('signUp' as const), who }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('cancelSignUp' as const), who }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('retry' as const), pick: fc.nat() }), weight: 2 },
);
/** A step is one command, or a few at once. */
const step = fc.oneof(
  { arbitrary: single.map((c) => [c]), weight: 3 },
  { arbitrary: fc.array(single, { minLength: 2, maxLength: 4 }), weight: 1 },
);

let run = 0;
const t0 = new Date('2031-01-05T00:00:00Z');

async function world() {
  run++;
  const cid = await givenCommunity(`prop${run}`);
  const sun = await givenPerson(`sun${run}`, cid, ['committee'], '孙主任');
  const people = await Promise.all(
    Array.from({ length: RESIDENTS }, (_, i) => givenPerson(`p${run}-${i}`, cid, ['resident'], `居民${i}`)),
  );
  for (const p of people) await openResidentAccount(cid, p.user.userId);
  const items = [
    await createItem({
      principal: sun.principal,
      communityId: cid,
      input: {
        name: '理发',
        description: '说明',
        kind: 'service',
        price: 5,
        initialStock: 3,
        perPersonLimit: 2,
        requestId: 'create-haircut',
      },
      now: t0,
    }),
    await createItem({
      principal: sun.principal,
      communityId: cid,
      input: { name: '大米', description: '说明', kind: 'gift', price: 12, initialStock: 4, requestId: 'create-rice' },
      now: t0,
    }),
  ];
  const shared = await createActivity({
    principal: sun.principal,
    communityId: cid,
    input: {
      title: '共享活动',
      description: '说明',
      category: 'service',
      place: '广场',
      startAt: hours(48, t0).toISOString(),
      endAt: hours(50, t0).toISOString(),
      signUpDeadline: hours(47, t0).toISOString(),
      capacity: 2,
      cancelCutoffHours: 1,
      pointsRule: { kind: 'fixed', amount: 5 },
    },
    now: t0,
  });
  return { cid, sun, people, items, shared };
}

type World = Awaited<ReturnType<typeof world>>;

interface Model {
  balance: Map<string, number>;
  keys: Set<string>;
  orders: { code: string; owner: number }[];
  postings: string[];
  done: (() => Promise<unknown>)[];
}

const expected4xx = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500;

async function approveFresh(w: World, m: Model, c: Extract<Cmd, { t: 'approve' }>, n: number) {
  const p = w.people[c.who] as { user: UserItem; principal: Principal };
  const start = hours(24 + n, t0);
  const a = await createActivity({
    principal: w.sun.principal,
    communityId: w.cid,
    input: {
      title: `活动${n}`,
      description: '说明',
      category: 'service',
      place: '广场',
      startAt: start.toISOString(),
      endAt: hours(5, start).toISOString(),
      signUpDeadline: start.toISOString(),
      capacity: 1,
      cancelCutoffHours: 0,
      pointsRule: { kind: 'perHour', rate: 6 },
    },
    now: t0,
  });
  await signUp({ user: p.user, principal: p.principal, communityId: w.cid, activityId: a.activityId, now: t0 });
  await recordAttendance({
    principal: p.principal,
    communityId: w.cid,
    activityId: a.activityId,
    code: (await organiserCode(w.cid, a.activityId, start)).shortCode,
    now: start,
  });
  const out = minutes(c.minutes, start);
  await recordAttendance({
    principal: p.principal,
    communityId: w.cid,
    activityId: a.activityId,
    code: (await organiserCode(w.cid, a.activityId, out)).shortCode,
    now: out,
  });
  const approve = () =>
    reviewHours({
      principal: w.sun.principal,
      communityId: w.cid,
      activityId: a.activityId,
      userId: p.user.userId,
      decision: { decision: 'approve', round: 1 },
      now: out,
    });
  const result = await approve();
  const key = approvalKey(a.activityId, p.user.userId, 1);
  m.keys.add(key);
  m.postings.push(postingIdOf(w.cid, key));
  m.balance.set(p.user.userId, (m.balance.get(p.user.userId) ?? 0) + (result.points ?? 0));
  m.done.push(approve);
}

async function apply(w: World, m: Model, c: Cmd, n: number): Promise<void> {
  const person = (i: number) => w.people[i] as { user: UserItem; principal: Principal };
  const add = (i: number, delta: number) =>
    m.balance.set(person(i).user.userId, (m.balance.get(person(i).user.userId) ?? 0) + delta);
  try {
    switch (c.t) {
      case 'approve':
        return await approveFresh(w, m, c, n);
      case 'donate': {
        if (c.to === c.from) return;
        const requestId = `req-${run}-${n}-donate`;
        const to =
          c.to === 'fund'
            ? 'fund'
            : ((await openResidentAccount(w.cid, person(c.to).user.userId)).accountCode as string);
        const go = () =>
          donate({
            user: person(c.from).user,
            communityId: w.cid,
            input: { to, amount: c.amount, requestId },
            now: t0,
          });
        const { postingId } = await go();
        m.keys.add(`donate:${person(c.from).user.userId}:${requestId}`);
        m.postings.push(postingId);
        add(c.from, -c.amount);
        if (c.to !== 'fund') add(c.to, c.amount);
        m.done.push(go);
        return;
      }
      case 'redeem': {
        const item = w.items[c.item]!;
        const requestId = `req-${run}-${n}-redeem`;
        const go = () =>
          redeem({
            user: person(c.who).user,
            communityId: w.cid,
            itemId: item.itemId,
            input: { quantity: c.qty, requestId },
            now: t0,
          });
        const order = await go();
        m.keys.add(`redeem:${person(c.who).user.userId}:${item.itemId}:${requestId}`);
        m.orders.push({ code: order.orderCode, owner: c.who });
        add(c.who, -order.points);
        m.done.push(go);
        return;
      }
      case 'cancelOrder': {
        const o = m.orders[c.pick % Math.max(1, m.orders.length)];
        if (!o) return;
        const go = () =>
          cancelOrder({ principal: person(o.owner).principal, communityId: w.cid, orderCode: o.code, now: t0 });
        const result = await go();
        if (!m.keys.has(`cancel-order:${o.code}`) && result.status === 'cancelled') {
          m.keys.add(`cancel-order:${o.code}`);
          add(o.owner, result.points);
        }
        m.done.push(go);
        return;
      }
      case 'signUp':
        await signUp({
          user: person(c.who).user,
          principal: person(c.who).principal,
          communityId: w.cid,
          activityId: w.shared.activityId,
          now: t0,
        });
        return;
      case 'cancelSignUp':
        await cancelSignUp({
          principal: person(c.who).principal,
          communityId: w.cid,
          activityId: w.shared.activityId,
          now: t0,
        });
        return;
      case 'reverse': {
        const postingId = m.postings[c.pick % Math.max(1, m.postings.length)];
        if (!postingId) return;
        const go = () =>
          reversePosting({ principal: w.sun.principal, communityId: w.cid, postingId, reason: '测试冲正', now: t0 });
        const reversal = await go();
        if (!m.keys.has(reversalKey(postingId))) {
          m.keys.add(reversalKey(postingId));
          for (const e of reversal.entries)
            if (e.account.startsWith('r:'))
              m.balance.set(e.account.slice(2), (m.balance.get(e.account.slice(2)) ?? 0) + e.amount);
        }
        m.done.push(go);
        return;
      }
      case 'retry': {
        const again = m.done[c.pick % Math.max(1, m.done.length)];
        if (again) await again();
        return;
      }
    }
  } catch (error) {
    if (!expected4xx(error)) throw error;
  }
}

it('keeps the ledger sound under random sequences, concurrency and retries', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
      const w = await world();
      const m: Model = {
        balance: new Map(),
        keys: new Set(w.items.map((i) => `restock:${i.itemId}:initial`)),
        orders: [],
        postings: [],
        done: [],
      };
      let n = 0;
      // Commands of one step run at once; a cancel or reversal racing its cause may lose, which is fine.
      for (const group of steps) await Promise.all(group.map((c) => apply(w, m, c, n++)));

      const postings = await allPostings(w.cid);
      for (const p of postings) expect(postingProblem(p.entries)).toBeUndefined();
      // Each idempotency key posted exactly once: the set of keys equals the successful events'.
      const keys = postings.map((p) => p.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(keys)).toEqual(m.keys);
      for (const p of w.people) {
        const stored =
          (
            await ledgerAccounts.get(
              { communityId: w.cid, accountId: accounts.resident(p.user.userId) },
              { consistent: true },
            )
          ).Item?.balance ?? 0;
        expect(stored).toBeGreaterThanOrEqual(0);
        expect(stored).toBe(m.balance.get(p.user.userId) ?? 0);
      }
      for (const i of w.items) expect((await loadItem(w.cid, i.itemId)).stock).toBeGreaterThanOrEqual(0);
      const shared = (
        await activities.get({ communityId: w.cid, activityId: w.shared.activityId }, { consistent: true })
      ).Item!;
      const list = await roster({
        principal: w.sun.principal,
        communityId: w.cid,
        activityId: w.shared.activityId,
        now: t0,
      });
      expect(shared.confirmed).toBeLessThanOrEqual(shared.capacity);
      expect(list.items.filter((r) => r.status === 'confirmed')).toHaveLength(shared.confirmed);
      expect(list.items.filter((r) => r.status === 'waitlisted')).toHaveLength(shared.waitlisted);
      if (shared.waitlisted > 0) expect(shared.confirmed).toBe(shared.capacity);
      const audit = await auditCommunity(w.cid);
      expect(audit).toMatchObject({ passed: true, pointsTotal: 0, mismatches: [], belowZero: [], unbalanced: [] });
    }),
    { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 12), endOnFailure: true },
  );
});
