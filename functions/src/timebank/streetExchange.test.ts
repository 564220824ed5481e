import { accounts } from '@linli/shared';
import fc from 'fast-check';
import { useTestTable } from '../../test/testTable';
import { givenPerson } from '../../test/timebankFixtures';
import { communities } from '../db/entities/community';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { streets } from '../db/entities/street';
import { isTransactionConflict } from '../db/errors';
import { ApiError } from '../http/errors';
import { streetTimebankAudit } from '../streets/streetAudit';
import { openResidentAccount } from './accounts';
import { auditCommunity } from './ledger/audit';
import { executePosting } from './ledger/posting';
import { updateSettings } from './settings';
import { donateAcross, streetFunds } from './streetExchange';
import { createItem, loadItem, updateItem } from './catalogue';
import { fulfil, myOrders } from './orders';
import { cancelAcross, redeemAcross, streetCatalogue } from './streetRedemption';

useTestTable();
jest.setTimeout(180_000);

const now = new Date('2030-05-10T02:00:00Z');

async function givenStreet(streetId: string, communityIds: string[]) {
  await streets.put({
    streetId,
    name: `${streetId}街道`,
    district: '鼓楼区',
    regionCode: '350102',
    communityCount: communityIds.length,
    createdBy: 'admin',
    createdAt: now.toISOString(),
  });
  for (const communityId of communityIds)
    await communities.put({ communityId, name: `${communityId}社区`, district: '鼓楼区', street: streetId, streetId });
}

let k = 0;
async function credit(communityId: string, userId: string, points: number) {
  await executePosting({
    communityId,
    idempotencyKey: `test-credit:${++k}`,
    kind: 'hours',
    entries: [
      { account: accounts.resident(userId), amount: points },
      { account: accounts.issuance, amount: -points },
    ],
    memo: '测试',
    at: now.toISOString(),
  });
}

const balance = async (communityId: string, accountId: string) =>
  (await ledgerAccounts.get({ communityId, accountId }, { consistent: true })).Item?.balance ?? 0;

/** A catalogue item of a community, offered to the street or not. */
async function givenItem(communityId: string, name: string, price: number, stock: number, streetOpen = true) {
  const { principal } = await givenPerson(`committee-${communityId}`, communityId, ['committee'], '居委会');
  return createItem({
    principal,
    communityId,
    input: {
      name,
      description: '街道通兑',
      kind: 'gift',
      price,
      initialStock: stock,
      streetOpen,
      requestId: `req-item-${name}`,
    },
    now,
  });
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('通存通兑: points across the communities of a street', () => {
  beforeAll(async () => {
    await givenStreet('east', ['ea', 'eb', 'ec']);
    await givenStreet('west', ['wa']);
  });

  it('moves a donation from A to B’s fund in both ledgers at once; both audits and the street audit pass', async () => {
    const { user } = await givenPerson('donor1', 'ea', ['resident'], '钱阿姨');
    await credit('ea', user.userId, 50);
    const done = await donateAcross({
      user,
      communityId: 'ea',
      input: { toCommunityId: 'eb', to: 'fund', amount: 20, requestId: 'req-cross-0001' },
      now,
    });
    expect(done).toMatchObject({ balance: 30, toCommunityName: 'eb社区' });
    expect(await balance('ea', accounts.settlement('eb'))).toBe(20);
    expect(await balance('eb', accounts.settlement('ea'))).toBe(-20);
    expect(await balance('eb', accounts.fund)).toBe(20);
    expect((await auditCommunity('ea')).passed).toBe(true);
    expect((await auditCommunity('eb')).passed).toBe(true);
    const street = await streetTimebankAudit({ streetId: 'east', now });
    expect(street).toMatchObject({ passed: true, settlementTotal: 0, mismatches: 0, belowZero: 0, unpaired: [] });
    expect(street.communities.find((c) => c.communityId === 'ea')?.settlementNet).toBe(20);

    // The same request again: answered, posted once. Another amount under its id: 409, nothing written.
    const again = await donateAcross({
      user,
      communityId: 'ea',
      input: { toCommunityId: 'eb', to: 'fund', amount: 20, requestId: 'req-cross-0001' },
      now,
    });
    expect(again).toMatchObject({ postingId: done.postingId, balance: 30 });
    const changed = await refusal(
      donateAcross({
        user,
        communityId: 'ea',
        input: { toCommunityId: 'eb', to: 'fund', amount: 21, requestId: 'req-cross-0001' },
        now,
      }),
    );
    expect([changed.status, changed.code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    expect(await balance('eb', accounts.fund)).toBe(20);
  });

  it('refuses more than the balance, another street, the same community and a closed community', async () => {
    const { user } = await givenPerson('donor2', 'ea', ['resident'], '孙大爷');
    await credit('ea', user.userId, 10);
    const over = await refusal(
      donateAcross({
        user,
        communityId: 'ea',
        input: { toCommunityId: 'eb', to: 'fund', amount: 11, requestId: 'req-cross-0002' },
        now,
      }),
    );
    expect([over.status, over.message]).toEqual([409, '积分余额不足']);
    const west = await refusal(
      donateAcross({
        user,
        communityId: 'ea',
        input: { toCommunityId: 'wa', to: 'fund', amount: 1, requestId: 'req-cross-0003' },
        now,
      }),
    );
    expect([west.status, west.fields?.[0]?.field]).toEqual([400, 'body.toCommunityId']);
    const same = await refusal(
      donateAcross({
        user,
        communityId: 'ea',
        input: { toCommunityId: 'ea', to: 'fund', amount: 1, requestId: 'req-cross-0004' },
        now,
      }),
    );
    expect(same.status).toBe(400);
    await updateSettings({
      userId: 'committee',
      communityId: 'ec',
      input: { expiry: { enabled: false, months: 24 }, street: { open: false } },
      now,
    });
    const closed = await refusal(
      donateAcross({
        user,
        communityId: 'ea',
        input: { toCommunityId: 'ec', to: 'fund', amount: 1, requestId: 'req-cross-0005' },
        now,
      }),
    );
    expect(closed.status).toBe(409);
    expect((await streetFunds({ communityId: 'ea' })).communities.map((c) => c.communityId)).toEqual(['eb']);
    // A page that edits only the expiry keeps the street setting.
    await updateSettings({
      userId: 'committee',
      communityId: 'ec',
      input: { expiry: { enabled: true, months: 12 } },
      now,
    });
    expect((await streetFunds({ communityId: 'ea' })).communities.map((c) => c.communityId)).toEqual(['eb']);
    await updateSettings({
      userId: 'committee',
      communityId: 'ec',
      input: { expiry: { enabled: false, months: 24 }, street: { open: true } },
      now,
    });
    expect(await balance('ea', accounts.resident(user.userId))).toBe(10);
  });

  it('gives to a resident of the other community by their 积分账号', async () => {
    const { user } = await givenPerson('donor3', 'eb', ['resident'], '周阿姨');
    const { user: elder } = await givenPerson('elder3', 'ea', ['resident'], '郑奶奶');
    await credit('eb', user.userId, 8);
    const code = (await openResidentAccount('ea', elder.userId)).accountCode as string;
    await donateAcross({
      user,
      communityId: 'eb',
      input: { toCommunityId: 'ea', to: code, amount: 8, requestId: 'req-cross-0006' },
      now,
    });
    expect(await balance('ea', accounts.resident(elder.userId))).toBe(8);
    expect(await balance('eb', accounts.resident(user.userId))).toBe(0);
    expect((await streetTimebankAudit({ streetId: 'east', now })).passed).toBe(true);
  });

  it('redeems an item of B’s catalogue with A’s points: both ledgers, the order in B, cancel reverses both', async () => {
    const { user, principal } = await givenPerson('redeemer1', 'ea', ['resident'], '吴阿姨');
    await credit('ea', user.userId, 30);
    const item = await givenItem('eb', '街道理发券', 10, 3);
    const closed = await givenItem('eb', '本社区专享', 1, 3, false);
    const offered = await streetCatalogue({ communityId: 'ea', now });
    const eb = offered.communities.find((c) => c.communityId === 'eb');
    expect(eb?.items.map((i) => i.name)).toContain('街道理发券');
    expect(eb?.items.map((i) => i.name)).not.toContain('本社区专享');
    expect(offered.communities.map((c) => c.communityId)).not.toContain('ea');

    // Earlier tests settled between ea and eb: the settlement account moves by this redemption's cost.
    const settledBefore = await balance('ea', accounts.settlement('eb'));
    const input = { toCommunityId: 'eb', itemId: item.itemId, quantity: 2, requestId: 'req-redeem-0001' };
    const order = await redeemAcross({ user, communityId: 'ea', input, now });
    expect(order).toMatchObject({ status: 'placed', points: 20, community: { communityId: 'eb', name: 'eb社区' } });
    expect(await balance('ea', accounts.resident(user.userId))).toBe(10);
    expect(await balance('ea', accounts.settlement('eb'))).toBe(settledBefore + 20);
    expect((await loadItem('eb', item.itemId)).stock).toBe(1);
    // The same request again answers the same order; another quantity under its id is refused.
    expect((await redeemAcross({ user, communityId: 'ea', input, now })).orderCode).toBe(order.orderCode);
    expect((await refusal(redeemAcross({ user, communityId: 'ea', input: { ...input, quantity: 1 }, now }))).code).toBe(
      'IDEMPOTENCY_MISMATCH',
    );
    // Her orders at home list it; not offered to the street, too dear, sold out, same community: refused.
    expect((await myOrders(principal, 'ea')).items.map((o) => o.orderCode)).toContain(order.orderCode);
    const tries = [
      { itemId: closed.itemId, requestId: 'req-redeem-0002' },
      { quantity: 1, requestId: 'req-redeem-0003', itemId: (await givenItem('eb', '贵重礼品', 50, 5)).itemId },
      { quantity: 2, requestId: 'req-redeem-0004' },
    ];
    for (const t of tries)
      expect((await refusal(redeemAcross({ user, communityId: 'ea', input: { ...input, ...t }, now }))).status).toBe(
        409,
      );
    expect(
      (
        await refusal(
          redeemAcross({
            user,
            communityId: 'ea',
            input: { ...input, toCommunityId: 'ea', requestId: 'req-redeem-0005' },
            now,
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await refusal(
          redeemAcross({
            user,
            communityId: 'ea',
            input: { ...input, toCommunityId: 'wa', requestId: 'req-redeem-0006' },
            now,
          }),
        )
      ).status,
    ).toBe(400);
    for (const c of ['ea', 'eb']) expect((await auditCommunity(c)).passed).toBe(true);
    expect((await streetTimebankAudit({ streetId: 'east', now })).passed).toBe(true);

    // Cancelled: points home, settlement back, pieces on B's shelf; a second cancel is a no-op.
    const cancelled = await cancelAcross({
      principal,
      communityId: 'ea',
      atCommunityId: 'eb',
      orderCode: order.orderCode,
      now,
    });
    expect(cancelled.status).toBe('cancelled');
    await cancelAcross({ principal, communityId: 'ea', atCommunityId: 'eb', orderCode: order.orderCode, now });
    expect(await balance('ea', accounts.resident(user.userId))).toBe(30);
    expect(await balance('ea', accounts.settlement('eb'))).toBe(settledBefore);
    expect((await loadItem('eb', item.itemId)).stock).toBe(3);
    for (const c of ['ea', 'eb']) expect((await auditCommunity(c)).passed).toBe(true);
    expect((await streetTimebankAudit({ streetId: 'east', now })).passed).toBe(true);

    // B's committee hands over the next one; then it can no longer be cancelled. B closing an item stops it.
    const next = await redeemAcross({
      user,
      communityId: 'ea',
      input: { ...input, quantity: 1, requestId: 'req-redeem-0007' },
      now,
    });
    const { principal: committee } = await givenPerson('committee-eb', 'eb', ['committee'], '居委会');
    expect((await fulfil({ principal: committee, communityId: 'eb', orderCode: next.orderCode, now })).status).toBe(
      'fulfilled',
    );
    expect(
      (
        await refusal(
          cancelAcross({ principal, communityId: 'ea', atCommunityId: 'eb', orderCode: next.orderCode, now }),
        )
      ).status,
    ).toBe(409);
    await updateItem({ communityId: 'eb', itemId: item.itemId, patch: { streetOpen: false }, now });
    expect(
      (
        await refusal(
          redeemAcross({
            user,
            communityId: 'ea',
            input: { ...input, quantity: 1, requestId: 'req-redeem-0008' },
            now,
          }),
        )
      ).status,
    ).toBe(409);
  });

  it('keeps the street zero-sum under many crossings at once: nothing negative, nothing lost, each request once', async () => {
    const ids = ['ea', 'eb', 'ec'];
    const people: { userId: string; communityId: string; user: Awaited<ReturnType<typeof givenPerson>>['user'] }[] = [];
    for (const communityId of ids)
      for (let i = 0; i < 6; i++) {
        const { user } = await givenPerson(`many-${communityId}-${i}`, communityId, ['resident'], `居民${i}`);
        await credit(communityId, user.userId, 25);
        people.push({ userId: user.userId, communityId, user });
      }
    const codes = new Map<string, string>();
    for (const p of people)
      codes.set(p.userId, (await openResidentAccount(p.communityId, p.userId)).accountCode as string);
    const before = new Map<string, number>();
    for (const p of people) before.set(p.userId, await balance(p.communityId, accounts.resident(p.userId)));
    const fundsBefore = new Map(await Promise.all(ids.map(async (c) => [c, await balance(c, accounts.fund)] as const)));
    // A scarce item of ec's offered to the street: 4 pieces, redeemed from ea and eb at the same time.
    const scarce = await givenItem('ec', '街道限量礼品', 3, 4);

    // 120 crossings, each sent twice at the same moment (a double tap): amounts up to 12 from 25 points,
    // so many are refused for the balance once a resident has given twice.
    const plan = fc.sample(
      fc.record({
        from: fc.nat({ max: people.length - 1 }),
        to: fc.nat({ max: people.length }),
        amount: fc.integer({ min: 1, max: 12 }),
      }),
      { numRuns: 120, seed: 15 },
    );
    const moves = plan.flatMap(({ from, to, amount }, n) => {
      const giver = people[from]!;
      const others = people.filter((p) => p.communityId !== giver.communityId);
      const receiver = to < people.length ? others[to % others.length]! : undefined;
      const toCommunityId = receiver?.communityId ?? ids.find((c) => c !== giver.communityId)!;
      return [{ giver, receiver, toCommunityId, amount, requestId: `req-many-${String(n).padStart(4, '0')}` }];
    });
    const redeemers = people.filter((p) => p.communityId !== 'ec');
    const redemptions = redeemers.flatMap((p, n) => [
      { who: p, requestId: `req-scarce-${String(n).padStart(4, '0')}` },
      { who: p, requestId: `req-scarce-${String(n + 100).padStart(4, '0')}` },
    ]);
    const redeemed = Promise.all(
      redemptions.flatMap((r) =>
        [0, 1].map(() =>
          redeemAcross({
            user: r.who.user,
            communityId: r.who.communityId,
            input: { toCommunityId: 'ec', itemId: scarce.itemId, quantity: 1, requestId: r.requestId },
            now,
          }).then(
            (o) => o.orderCode,
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 409) return 'refused' as const;
              if (isTransactionConflict(error)) return 'busy' as const;
              throw error;
            },
          ),
        ),
      ),
    );
    const outcomes = await Promise.all(
      moves.flatMap((m) =>
        [0, 1].map(() =>
          donateAcross({
            user: m.giver.user,
            communityId: m.giver.communityId,
            input: {
              toCommunityId: m.toCommunityId,
              to: m.receiver ? codes.get(m.receiver.userId)! : 'fund',
              amount: m.amount,
              requestId: m.requestId,
            },
            now,
          }).then(
            () => 'done' as const,
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 409) return 'refused' as const;
              if (isTransactionConflict(error)) return 'busy' as const;
              throw error;
            },
          ),
        ),
      ),
    );
    // A request is done when either copy was answered; the model counts exactly those, once.
    const done = moves.filter((_, i) => outcomes[2 * i] === 'done' || outcomes[2 * i + 1] === 'done');
    const orders = await redeemed;
    // Never oversold: at most 4 distinct orders, the copies of one request answer the same order.
    const placed = redemptions.flatMap((r, i) => {
      const codes = [orders[2 * i], orders[2 * i + 1]].filter((c) => c && c !== 'refused' && c !== 'busy');
      expect(new Set(codes).size).toBeLessThanOrEqual(1);
      return codes.length ? [{ ...r, orderCode: codes[0] as string }] : [];
    });
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThanOrEqual(4);
    const shelf = await loadItem('ec', scarce.itemId);
    expect(shelf.stock).toBe(4 - placed.length);
    expect(shelf.redeemed).toBe(placed.length);
    expect(done.length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0);

    const expected = new Map(before);
    const funds = new Map(fundsBefore);
    for (const r of placed) expected.set(r.who.userId, expected.get(r.who.userId)! - scarce.price);
    for (const m of done) {
      expected.set(m.giver.userId, expected.get(m.giver.userId)! - m.amount);
      if (m.receiver) expected.set(m.receiver.userId, expected.get(m.receiver.userId)! + m.amount);
      else funds.set(m.toCommunityId, funds.get(m.toCommunityId)! + m.amount);
    }
    for (const p of people) {
      const b = await balance(p.communityId, accounts.resident(p.userId));
      expect(b).toBeGreaterThanOrEqual(0);
      expect([p.userId, b]).toEqual([p.userId, expected.get(p.userId)]);
    }
    for (const c of ids) expect([c, await balance(c, accounts.fund)]).toEqual([c, funds.get(c)]);
    for (const c of ids) expect((await auditCommunity(c)).passed).toBe(true);
    const street = await streetTimebankAudit({ streetId: 'east', now });
    expect(street).toMatchObject({ passed: true, settlementTotal: 0, mismatches: 0, belowZero: 0, unpaired: [] });
  });
});
