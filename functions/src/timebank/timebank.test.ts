import { accounts, MINUTE_MS, stableHash } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { givenCommunity, givenPerson, hours } from '../../test/timebankFixtures';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { notificationIntents } from '../db/entities/notificationIntent';
import { openResidentAccount } from './accounts';
import { createItem, listCatalogue, restock, updateItem } from './catalogue';
import { expireCommunity } from './expiry';
import { auditCommunity } from './ledger/audit';
import { ledgerBook } from './ledger/ledgerBook';
import { executePosting } from './ledger/posting';
import { reversePosting } from './ledger/reversal';
import { cancelOrder, fulfil, getPickup, listPickups, markReady, myOrders, redeem } from './orders';
import { updateSettings } from './settings';
import { donate, findAccount, wallet } from './wallet';

useTestTable();
jest.setTimeout(60_000);

let cid: string;
let sun: Awaited<ReturnType<typeof givenPerson>>;
const t0 = new Date('2030-05-10T02:00:00Z');

beforeAll(async () => {
  cid = await givenCommunity('tb');
  sun = await givenPerson('sun', cid, ['committee'], '孙主任');
});

let k = 0;
/** Points for a resident as verified hours would give them (issuing account → resident). */
async function credit(userId: string, points: number, at = t0) {
  k++;
  await executePosting({
    communityId: cid,
    idempotencyKey: `test-credit:${k}`,
    kind: 'hours',
    entries: [
      { account: accounts.resident(userId), amount: points },
      { account: accounts.issuance, amount: -points },
    ],
    memo: `测试活动${k}`,
    at: at.toISOString(),
  });
}

const balanceOf = async (userId: string) =>
  (await ledgerAccounts.get({ communityId: cid, accountId: accounts.resident(userId) }, { consistent: true })).Item
    ?.balance ?? 0;
const resident = (id: string, name = id) => givenPerson(id, cid, ['resident'], name);
const codeOf = async (userId: string) => (await openResidentAccount(cid, userId)).accountCode as string;

let itemNo = 0;
const item = (over: Partial<Parameters<typeof createItem>[0]['input']> = {}) =>
  createItem({
    principal: sun.principal,
    communityId: cid,
    input: {
      name: `项目${++itemNo}`,
      description: '说明',
      kind: 'gift',
      price: 10,
      initialStock: 5,
      requestId: `create-${itemNo}`,
      ...over,
    },
    now: t0,
  });

describe('wallet and donations', () => {
  it('shows the balance, a statement with running balance and the monthly chart', async () => {
    const w = await resident('w1', '王秀兰');
    await credit('w1', 30, new Date('2030-03-15T00:00:00Z'));
    await credit('w1', 12, new Date('2030-05-01T00:00:00Z'));
    await donate({
      user: w.user,
      communityId: cid,
      input: { to: 'fund', amount: 5, requestId: 'req-w1-0001' },
      now: t0,
    });
    const mine = await wallet({ principal: w.principal, communityId: cid, page: { limit: 2 }, now: t0 });
    expect(mine).toMatchObject({
      balance: 37,
      earned: 42,
      accountCode: expect.stringMatching(/^[A-Z2-9]{8}$/),
      nextCursor: '2',
    });
    expect(mine.movements.map((m) => [m.kind, m.amount, m.balanceAfter])).toEqual([
      ['donation', -5, 37],
      ['hours', 12, 42],
    ]);
    expect(
      (
        await wallet({ principal: w.principal, communityId: cid, page: { limit: 2, cursor: '2' }, now: t0 })
      ).movements.map((m) => m.balanceAfter),
    ).toEqual([30]);
    expect(mine.chart.slice(-3)).toEqual([
      { month: '2030-03', balance: 30 },
      { month: '2030-04', balance: 30 },
      { month: '2030-05', balance: 37 },
    ]);
  });

  it('donates to a neighbour by account code, once per request, never beyond the balance', async () => {
    const giver = await resident('g1', '小李');
    await resident('old1', '王阿姨');
    await credit('g1', 20);
    const to = await codeOf('old1');
    expect(await findAccount(cid, to)).toEqual({ accountCode: to, nickname: '王*姨' });
    const first = await donate({
      user: giver.user,
      communityId: cid,
      input: { to, amount: 15, note: '祝您健康', requestId: 'req-g1-0001' },
      now: t0,
    });
    const retry = await donate({
      user: giver.user,
      communityId: cid,
      input: { to, amount: 15, note: '祝您健康', requestId: 'req-g1-0001' },
      now: t0,
    });
    expect(retry).toEqual(first);
    expect([await balanceOf('g1'), await balanceOf('old1')]).toEqual([5, 15]);
    await expect(
      donate({ user: giver.user, communityId: cid, input: { to, amount: 6, requestId: 'req-g1-0002' }, now: t0 }),
    ).rejects.toMatchObject({
      status: 409,
      message: '积分余额不足',
    });
    await expect(
      donate({
        user: giver.user,
        communityId: cid,
        input: { to: await codeOf('g1'), amount: 1, requestId: 'req-g1-0003' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      donate({
        user: giver.user,
        communityId: cid,
        input: { to: 'ZZZZZZZZ', amount: 1, requestId: 'req-g1-0004' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('redemption', () => {
  it('deducts points and stock, gives a pickup code, and the provider fulfils it', async () => {
    const provider = await resident('barber', '理发师傅');
    const r = await resident('r1');
    await credit('r1', 50);
    const haircut = await item({
      kind: 'service',
      price: 20,
      initialStock: 3,
      providerAccountCode: await codeOf('barber'),
    });
    const order = await redeem({
      user: r.user,
      communityId: cid,
      itemId: haircut.itemId,
      input: { quantity: 2, requestId: 'req-r1-0001' },
      now: t0,
    });
    expect(order).toMatchObject({
      status: 'placed',
      quantity: 2,
      points: 40,
      orderCode: expect.stringMatching(/^[A-Z2-9]{8}$/),
    });
    expect(
      await redeem({
        user: r.user,
        communityId: cid,
        itemId: haircut.itemId,
        input: { quantity: 2, requestId: 'req-r1-0001' },
        now: t0,
      }),
    ).toEqual(order);
    expect(await balanceOf('r1')).toBe(10);
    expect(
      (await listCatalogue({ principal: r.principal, communityId: cid, include: 'available', now: t0 })).items.find(
        (i) => i.itemId === haircut.itemId,
      ),
    ).toMatchObject({ stock: 1, redeemed: 2 });

    expect((await listPickups(provider.principal, cid)).items.map((o) => o.orderCode)).toEqual([order.orderCode]);
    await expect(getPickup(r.principal, cid, order.orderCode)).rejects.toMatchObject({ status: 403 });
    expect(
      await markReady({ principal: provider.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).toMatchObject({
      status: 'ready',
      holder: 'r1',
    });
    const intentId = `n${stableHash(`timebank.orderReady|${order.orderCode}:ready`)}`;
    expect((await notificationIntents.get({ intentId })).Item).toMatchObject({ recipientId: 'r1' });
    expect(
      await fulfil({ principal: provider.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).toMatchObject({ status: 'fulfilled' });
    expect(
      await fulfil({ principal: provider.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).toMatchObject({ status: 'fulfilled' });
    await expect(
      cancelOrder({ principal: r.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('cancelling an unfulfilled order returns points and stock as entries, once', async () => {
    const r = await resident('r2');
    await credit('r2', 30);
    const rice = await item({ price: 10, initialStock: 2, perPersonLimit: 2 });
    // A first order can't exceed the limit on its own either (no counter exists yet).
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: rice.itemId,
        input: { quantity: 3, requestId: 'req-r2-over' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409, message: '每人限兑 2 件' });
    const order = await redeem({
      user: r.user,
      communityId: cid,
      itemId: rice.itemId,
      input: { quantity: 2, requestId: 'req-r2-0001' },
      now: t0,
    });
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: rice.itemId,
        input: { quantity: 1, requestId: 'req-r2-0002' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(
      await cancelOrder({ principal: r.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).toMatchObject({ status: 'cancelled' });
    expect(
      await cancelOrder({ principal: r.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).toMatchObject({ status: 'cancelled' });
    expect(await balanceOf('r2')).toBe(30);
    expect(
      (await listCatalogue({ principal: r.principal, communityId: cid, include: 'available', now: t0 })).items.find(
        (i) => i.itemId === rice.itemId,
      ),
    ).toMatchObject({ stock: 2, redeemed: 0, myRedeemed: 0 });
    const other = await resident('r2b');
    await expect(
      cancelOrder({ principal: other.principal, communityId: cid, orderCode: order.orderCode, now: t0 }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await myOrders(r.principal, cid)).items.map((o) => o.status)).toEqual(['cancelled']);
    // The per-person limit counts again after the cancel.
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: rice.itemId,
        input: { quantity: 2, requestId: 'req-r2-0003' },
        now: t0,
      }),
    ).resolves.toMatchObject({ status: 'placed' });
  });

  it('refuses redemptions beyond the balance, the stock, the window or once archived', async () => {
    const r = await resident('r3');
    await credit('r3', 25);
    const gift = await item({ price: 30, initialStock: 1 });
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: gift.itemId,
        input: { quantity: 1, requestId: 'req-r3-0001' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/余额不足/) });
    const cheap = await item({ price: 5, initialStock: 1, activeFrom: hours(24, t0).toISOString() });
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: cheap.itemId,
        input: { quantity: 1, requestId: 'req-r3-0002' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await updateItem({ communityId: cid, itemId: cheap.itemId, patch: { activeFrom: null }, now: t0 });
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: cheap.itemId,
        input: { quantity: 2, requestId: 'req-r3-0003' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await updateItem({ communityId: cid, itemId: cheap.itemId, patch: { status: 'archived' }, now: t0 });
    await expect(
      redeem({
        user: r.user,
        communityId: cid,
        itemId: cheap.itemId,
        input: { quantity: 1, requestId: 'req-r3-0004' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await balanceOf('r3')).toBe(25);
  });

  it('50 simultaneous redemptions of a stock of 5 sell exactly 5', async () => {
    const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => resident(`buyer${i}`)));
    for (const b of buyers) await credit(b.user.userId, 10);
    const scarce = await item({ price: 10, initialStock: 5 });
    const results = await Promise.allSettled(
      buyers.map((b, i) =>
        redeem({
          user: b.user,
          communityId: cid,
          itemId: scarce.itemId,
          input: { quantity: 1, requestId: `req-buy-${i}-0001` },
          now: t0,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(
      results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 409),
    ).toBe(true);
    const after = (
      await listCatalogue({ principal: sun.principal, communityId: cid, include: 'all', now: t0 })
    ).items.find((i) => i.itemId === scarce.itemId);
    expect(after).toMatchObject({ stock: 0, redeemed: 5 });
    expect((await Promise.all(buyers.map((b) => balanceOf(b.user.userId)))).reduce((s, x) => s + x, 0)).toBe(450);
  });

  it('one resident redeeming many things at once never overdraws', async () => {
    const r = await resident('r4');
    await credit('r4', 30);
    const plenty = await item({ price: 10, initialStock: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        redeem({
          user: r.user,
          communityId: cid,
          itemId: plenty.itemId,
          input: { quantity: 1, requestId: `req-r4-${i}-0001` },
          now: t0,
        }),
      ),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(3);
    expect(await balanceOf('r4')).toBe(0);
  });
});

describe('the committee’s ledger', () => {
  it('restocks, lists and filters the ledger, and reverses with a reason (冲正) once', async () => {
    const r = await resident('r5', '赵大爷');
    await credit('r5', 40);
    const soap = await item({ price: 5, initialStock: 0 });
    expect(
      await restock({
        principal: sun.principal,
        communityId: cid,
        itemId: soap.itemId,
        input: { quantity: 8, requestId: 'req-restock-1' },
        now: t0,
      }),
    ).toMatchObject({ stock: 8 });
    expect(
      await restock({
        principal: sun.principal,
        communityId: cid,
        itemId: soap.itemId,
        input: { quantity: 8, requestId: 'req-restock-1' },
        now: t0,
      }),
    ).toMatchObject({ stock: 8 });
    // A minute after the credit, so "newest first" does not fall back on the order of posting ids (which
    // hash keys that depend on how many credits the file's other tests made before this one).
    const later = new Date(t0.getTime() + MINUTE_MS);
    const donation = await donate({
      user: r.user,
      communityId: cid,
      input: { to: 'fund', amount: 10, requestId: 'req-r5-0001' },
      now: later,
    });

    const book = await ledgerBook(cid, { account: accounts.resident('r5'), limit: 10 });
    expect(book.items.map((p) => p.kind)).toEqual(['donation', 'hours']);
    expect(book.items[0]!.entries).toEqual([
      { account: 'r:r5', name: '赵大爷', amount: -10, unit: 'pt' },
      { account: 'fund', name: '爱心基金', amount: 10, unit: 'pt' },
    ]);
    expect((await ledgerBook(cid, { kind: 'restock', limit: 50 })).items.every((p) => p.kind === 'restock')).toBe(true);

    const reversal = await reversePosting({
      principal: sun.principal,
      communityId: cid,
      postingId: donation.postingId,
      reason: '误操作',
      now: later,
    });
    expect(reversal).toMatchObject({ kind: 'reversal', reversalOf: donation.postingId, reversible: false });
    expect(
      await reversePosting({
        principal: sun.principal,
        communityId: cid,
        postingId: donation.postingId,
        reason: '误操作',
        now: later,
      }),
    ).toEqual(reversal);
    expect(await balanceOf('r5')).toBe(40);
    expect(
      (await ledgerBook(cid, { account: accounts.resident('r5'), kind: 'donation', limit: 10 })).items[0],
    ).toMatchObject({ reversible: false });
  });

  it('a retried 上架 answers the first item and stocks it once; another item of the same name is still 409', async () => {
    const input = {
      name: '重试测试：雨伞',
      description: '说明',
      kind: 'gift' as const,
      price: 8,
      initialStock: 4,
      requestId: 'create-umbrella-1',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => createItem({ principal: sun.principal, communityId: cid, input, now: t0 })),
    );
    expect(new Set(answers.map((a) => a.itemId)).size).toBe(1);
    const again = await createItem({ principal: sun.principal, communityId: cid, input, now: t0 });
    expect(again).toMatchObject({ itemId: answers[0]!.itemId, stock: 4, name: '重试测试：雨伞' });
    const restocks = await ledgerBook(cid, { kind: 'restock', limit: 100 });
    expect(restocks.items.filter((p) => p.memo.startsWith('重试测试：雨伞'))).toHaveLength(1);
    await expect(
      createItem({
        principal: sun.principal,
        communityId: cid,
        input: { ...input, price: 9, requestId: 'create-umbrella-2' },
        now: t0,
      }),
    ).rejects.toMatchObject({ status: 409, message: '已有同名的兑换项目' });
  });

  it('cannot take back points a resident has already spent', async () => {
    const r = await resident('r6');
    await credit('r6', 10);
    const { items } = await ledgerBook(cid, { account: accounts.resident('r6'), limit: 5 });
    await donate({
      user: r.user,
      communityId: cid,
      input: { to: 'fund', amount: 10, requestId: 'req-r6-0001' },
      now: t0,
    });
    await expect(
      reversePosting({
        principal: sun.principal,
        communityId: cid,
        postingId: items[0]!.postingId,
        reason: '录入错误',
        now: t0,
      }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('the audit recomputes every balance from entries and finds a tampered balance', async () => {
    // Its own account, so the check holds whichever of the file's tests ran before it (and however many).
    await resident('r7');
    await credit('r7', 12);
    const clean = await auditCommunity(cid);
    expect(clean).toMatchObject({ passed: true, mismatches: [], unbalanced: [], belowZero: [], pointsTotal: 0 });
    expect(clean.postings).toBeGreaterThan(0);
    await ledgerAccounts.update({ communityId: cid, accountId: accounts.resident('r7'), balance: 999 });
    const tampered = await auditCommunity(cid);
    expect(tampered.passed).toBe(false);
    expect(tampered.mismatches).toEqual([{ account: 'r:r7', stored: 999, computed: 12 }]);
    await ledgerAccounts.update({ communityId: cid, accountId: accounts.resident('r7'), balance: 12 });
  });
});

describe('points expiry (off by default)', () => {
  it('expires the oldest unspent points as entries, once a day', async () => {
    const ex = await givenCommunity('exp');
    const r = await givenPerson('old-points', ex, ['resident']);
    const post = (amount: number, at: string, key: string) =>
      executePosting({
        communityId: ex,
        idempotencyKey: key,
        kind: 'hours',
        entries: [
          { account: accounts.resident('old-points'), amount },
          { account: accounts.issuance, amount: -amount },
        ],
        memo: '测试',
        at,
      });
    await post(50, '2028-01-01T00:00:00Z', 'e1');
    await post(20, '2030-04-01T00:00:00Z', 'e2');
    await donate({
      user: r.user,
      communityId: ex,
      input: { to: 'fund', amount: 30, requestId: 'req-exp-0001' },
      now: new Date('2030-04-02T00:00:00Z'),
    });
    expect(await expireCommunity(ex, t0)).toEqual({ accounts: 0, expired: 0 });
    // Residents see the policy on their wallet: off until the committee turns it on.
    expect((await wallet({ principal: r.principal, communityId: ex, page: { limit: 5 }, now: t0 })).expiry).toEqual({
      enabled: false,
      months: 24,
    });
    await updateSettings({ userId: 'sun', communityId: ex, input: { expiry: { enabled: true, months: 24 } }, now: t0 });
    expect((await wallet({ principal: r.principal, communityId: ex, page: { limit: 5 }, now: t0 })).expiry).toEqual({
      enabled: true,
      months: 24,
    });
    expect(await expireCommunity(ex, t0)).toEqual({ accounts: 1, expired: 20 });
    expect(await expireCommunity(ex, t0)).toEqual({ accounts: 0, expired: 0 });
    expect(
      (await ledgerAccounts.get({ communityId: ex, accountId: 'r:old-points' }, { consistent: true })).Item?.balance,
    ).toBe(20);
    expect((await auditCommunity(ex)).passed).toBe(true);
  });
});
