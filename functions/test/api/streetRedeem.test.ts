import { streetWideRoutes, timebankRoutes, timebankStreetRoutes } from '@linli/shared';
import { DEMO_COMMUNITY_ID as C, DEMO_STREET_ID, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { call, signIn } from './http';

/**
 * 时间银行 通存通兑, redemption over HTTP (issue 15 §2): 西园's committee offers a fresh item of its own
 * to the street; 小李 of 幸福里 sees it under 街道其他社区, redeems it with her points from 幸福里, finds the
 * order among her orders, 西园's committee finds it among its pickups, she cancels it; both community
 * audits and the street audit stay zero-sum. Only objects this file makes are counted.
 */

const errorOf = (a: { body: unknown }) => (a.body as { error?: { code?: string } }).error ?? {};
const suffix = Date.now().toString(36).slice(-6);
let requests = 0;
const requestId = () => `api-sredeem-${suffix}-${++requests}`;

describe('时间银行 通存通兑: redemption across communities', () => {
  it("小李 redeems 西园's item offered to the street; 西园 hands it over; cancel reverses both ledgers", async () => {
    const [li, wu, sun] = await Promise.all([signIn('li'), signIn('wu'), signIn('sun')]);
    const created = await call(timebankRoutes.createItem, {
      token: wu,
      params: { communityId: OTHER_COMMUNITY_ID },
      body: {
        name: `街道通兑${suffix}`,
        description: '西园社区向街道开放的公益礼品',
        kind: 'gift',
        price: 1,
        initialStock: 2,
        perPersonLimit: 1,
        requestId: requestId(),
      },
    });
    expect(created.status).toBe(201);
    const itemId = created.body.itemId;
    expect(created.body.streetOpen).toBe(false);
    const listed = async () =>
      (await call(timebankStreetRoutes.streetCatalogue, { token: li, params: { communityId: C } })).body.communities
        .find((c) => c.communityId === OTHER_COMMUNITY_ID)
        ?.items.find((i) => i.itemId === itemId);
    // Not offered to the street yet: not listed, and refused.
    expect(await listed()).toBeUndefined();
    const body = { toCommunityId: OTHER_COMMUNITY_ID, itemId, quantity: 1, requestId: requestId() };
    const closed = await call(timebankStreetRoutes.redeemAcross, { token: li, params: { communityId: C }, body });
    expect(closed.status).toBe(409);

    const opened = await call(timebankRoutes.updateItem, {
      token: wu,
      params: { communityId: OTHER_COMMUNITY_ID, itemId },
      body: { streetOpen: true },
    });
    expect([opened.status, opened.body.streetOpen]).toEqual([200, true]);
    expect(await listed()).toMatchObject({ stock: 2, price: 1, available: true });

    const first = { ...body, requestId: requestId() };
    const order = await call(timebankStreetRoutes.redeemAcross, { token: li, params: { communityId: C }, body: first });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'placed', points: 1, community: { communityId: OTHER_COMMUNITY_ID } });
    const { orderCode } = order.body;
    // The same request again answers the same order; another quantity under its id is refused.
    const again = await call(timebankStreetRoutes.redeemAcross, { token: li, params: { communityId: C }, body: first });
    expect([again.status, again.body.orderCode]).toEqual([201, orderCode]);
    const changed = await call(timebankStreetRoutes.redeemAcross, {
      token: li,
      params: { communityId: C },
      body: { ...first, quantity: 2 },
    });
    expect([changed.status, errorOf(changed).code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    // 每人限兑 1: a second redemption of it is refused.
    const limited = await call(timebankStreetRoutes.redeemAcross, {
      token: li,
      params: { communityId: C },
      body: { ...body, requestId: requestId() },
    });
    expect([limited.status, errorOf(limited).code]).toEqual([409, 'CONFLICT']);
    expect(await listed()).toMatchObject({ stock: 1 });

    // 小李 sees it among her orders in 幸福里; 西园's committee among its pickups, with her community.
    const mine = await call(timebankRoutes.myOrders, { token: li, params: { communityId: C } });
    expect(mine.body.items.find((o) => o.orderCode === orderCode)?.community?.name).toBe('西园社区');
    const pickups = await call(timebankRoutes.listPickups, { token: wu, params: { communityId: OTHER_COMMUNITY_ID } });
    expect(pickups.body.items.find((o) => o.orderCode === orderCode)?.fromCommunity?.communityId).toBe(C);
    // 幸福里's committee cannot hand over 西园's order.
    const foreign = await call(timebankRoutes.getPickup, { token: sun, params: { communityId: C, orderCode } });
    expect(foreign.status).toBe(404);

    const cancelled = await call(timebankStreetRoutes.cancelAcross, {
      token: li,
      params: { communityId: C, atCommunityId: OTHER_COMMUNITY_ID, orderCode },
    });
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    expect(await listed()).toMatchObject({ stock: 2 });
    // Another resident of 幸福里 cannot cancel her order: 404.
    const notHers = await call(timebankStreetRoutes.cancelAcross, {
      token: await signIn('wang'),
      params: { communityId: C, atCommunityId: OTHER_COMMUNITY_ID, orderCode },
    });
    expect(notHers.status).toBe(404);

    for (const [token, communityId] of [
      [sun, C],
      [wu, OTHER_COMMUNITY_ID],
    ] as const) {
      const audit = await call(timebankRoutes.runAudit, { token, params: { communityId } });
      expect([communityId, audit.body.passed, audit.body.mismatches]).toEqual([communityId, true, []]);
    }
    const street = await call(streetWideRoutes.runStreetAudit, {
      token: await signIn('zhou'),
      params: { streetId: DEMO_STREET_ID },
    });
    expect(street.body).toMatchObject({ passed: true, settlementTotal: 0, mismatches: 0, belowZero: 0, unpaired: [] });
  });

  it('refuses the same community and a community of another street', async () => {
    const li = await signIn('li');
    for (const toCommunityId of [C, 'not-ours']) {
      const answer = await call(timebankStreetRoutes.redeemAcross, {
        token: li,
        params: { communityId: C },
        body: { toCommunityId, itemId: 'any-item', quantity: 1, requestId: requestId() },
      });
      expect([toCommunityId, answer.status]).toEqual([toCommunityId, toCommunityId === C ? 400 : 404]);
    }
  });
});
