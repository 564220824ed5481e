import {
  API,
  streetsApi,
  streetWideRoutes,
  timebankRoutes,
  timebankStreetRoutes,
  type InboxItemView,
} from '@linli/shared';
import {
  DEMO_COMMUNITY_ID as C,
  DEMO_REGION_CODE,
  DEMO_STREET_ID,
  OTHER_COMMUNITY_ID,
} from '../../../devstack/seed/personas';
import { call, eventually, signIn } from './http';

/**
 * The street office's street-wide actions over HTTP (issue 15 §2): a notice to every household of the
 * street's communities (one community notice each, through the ordinary dispatcher) with its reach per
 * community, refused to another street's office; and 通存通兑, a resident's points crossing to another
 * community's 爱心基金 with both communities' audits and the street audit passing.
 */

/** The error of a refused answer (its body is then an error, not the route's response). */
const errorOf = (a: { body: unknown }) =>
  (a.body as { error?: { code?: string; fields?: { field: string }[] } }).error ?? {};

const suffix = Date.now().toString(36).slice(-6);
let requests = 0;
const requestId = () => `api-street-${suffix}-${++requests}`;

describe('street-wide notices', () => {
  it('previews, sends to both communities, and shows reach per community as residents open it', async () => {
    const zhou = await signIn('zhou');
    const preview = await call(streetWideRoutes.previewStreetNotice, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID },
      body: {},
    });
    expect(preview.status).toBe(200);
    expect(preview.body.communities.map((c) => c.communityId).sort()).toEqual([C, OTHER_COMMUNITY_ID].sort());
    for (const c of preview.body.communities) expect(c.households).toBeGreaterThan(0);
    expect(preview.body.households).toBe(preview.body.communities.reduce((n, c) => n + c.households, 0));

    const title = `街道通知：冬季消防检查${suffix}`;
    const sent = await call(streetWideRoutes.sendStreetNotice, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID },
      body: { requestId: requestId(), title, body: '本周六各社区开展消防安全检查，请配合。' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.communities).toHaveLength(2);

    // The ordinary pipeline delivers it: 王阿姨 of 幸福里 finds it in her inbox, from 东街街道.
    const wang = await signIn('wang');
    const entry = await eventually(
      async () =>
        (await call(API.notifications.listInbox, { token: wang, query: { limit: 50 } })).body.items.find(
          (i: InboxItemView) => i.title === title,
        ),
      "wang's inbox entry",
    );
    expect((await call(API.notifications.markRead, { token: wang, params: { itemId: entry.itemId } })).status).toBe(
      200,
    );
    // Each community's committee sees it among its notices.
    const listed = await call(API.notifications.listBroadcasts, {
      token: await signIn('wu'),
      params: { communityId: OTHER_COMMUNITY_ID },
      query: { limit: 20 },
    });
    expect(listed.body.items.map((b) => b.title)).toContain(title);

    const reach = await eventually(async () => {
      const r = await call(streetWideRoutes.streetNoticeReach, {
        token: zhou,
        params: { streetId: DEMO_STREET_ID, noticeId: sent.body.noticeId },
      });
      expect(r.status).toBe(200);
      const here = r.body.communities.find((c) => c.communityId === C);
      return here && here.opened >= 1 && here.recipients > 0 ? r.body : undefined;
    }, 'reach of 幸福里');
    expect(reach.communities.map((c) => c.communityId).sort()).toEqual([C, OTHER_COMMUNITY_ID].sort());
    for (const c of reach.communities) {
      expect(c.households).toBeGreaterThan(0);
      expect(c.pushed + c.neither).toBeGreaterThanOrEqual(c.households - c.opened);
    }
    expect(reach.households).toBe(reach.communities.reduce((n, c) => n + c.households, 0));

    const list = await call(streetWideRoutes.listStreetNotices, { token: zhou, params: { streetId: DEMO_STREET_ID } });
    expect(list.body.items.map((n) => n.noticeId)).toContain(sent.body.noticeId);

    // A community of another street cannot be chosen.
    const foreign = await call(streetWideRoutes.sendStreetNotice, {
      token: zhou,
      params: { streetId: DEMO_STREET_ID },
      body: { requestId: requestId(), title: '越界', body: '越界', communityIds: ['not-ours'] },
    });
    expect([foreign.status, errorOf(foreign).fields?.[0]?.field]).toEqual([400, 'body.communityIds']);
  });

  it("refuses another street's office, and 周科长 in another street", async () => {
    const admin = await signIn('admin');
    const street = await call(streetsApi.createStreet, {
      token: admin,
      body: { name: `南街街道${suffix}`, district: '福州市鼓楼区', regionCode: DEMO_REGION_CODE },
    });
    expect(street.status).toBe(201);
    const streetId = street.body.streetId;
    const code = await call(streetsApi.inviteStaff, { token: admin, params: { streetId }, body: { role: 'street' } });
    expect(code.status).toBe(201);
    const officer = await signIn({ openid: `street-wide-office-${suffix}` });
    const redeemed = await call(streetsApi.redeemStaffInvitation, {
      token: officer,
      body: { code: code.body.code, realName: '南街科员' },
    });
    expect(redeemed.status).toBe(200);

    const notice = { requestId: requestId(), title: '越界通知', body: '不应送达' };
    for (const [token, target] of [
      [officer, DEMO_STREET_ID],
      [await signIn('zhou'), streetId],
    ] as const) {
      const send = await call(streetWideRoutes.sendStreetNotice, { token, params: { streetId: target }, body: notice });
      expect(send.status).toBe(403);
      const reach = await call(streetWideRoutes.listStreetNotices, { token, params: { streetId: target } });
      expect(reach.status).toBe(403);
      const audit = await call(streetWideRoutes.runStreetAudit, { token, params: { streetId: target } });
      expect(audit.status).toBe(403);
    }
    // Its own street, which has no community yet: a clear 400.
    const empty = await call(streetWideRoutes.sendStreetNotice, {
      token: officer,
      params: { streetId },
      body: { ...notice, requestId: requestId() },
    });
    expect([empty.status, errorOf(empty).fields?.[0]?.field]).toEqual([400, 'body.communityIds']);
  });
});

describe('时间银行 通存通兑', () => {
  it("moves 小李's points to 西园's 爱心基金: both audits pass, the street audit is zero-sum", async () => {
    const li = await signIn('li');
    const funds = await call(timebankStreetRoutes.streetFunds, { token: li, params: { communityId: C } });
    expect(funds.status).toBe(200);
    const xiyuan = funds.body.communities.find((c) => c.communityId === OTHER_COMMUNITY_ID);
    expect(xiyuan).toBeDefined();
    const before = (await call(timebankRoutes.wallet, { token: li, params: { communityId: C }, query: {} })).body
      .balance;
    expect(before).toBeGreaterThan(2);

    const body = { toCommunityId: OTHER_COMMUNITY_ID, to: 'fund', amount: 2, requestId: requestId() };
    const done = await call(timebankStreetRoutes.donateAcross, { token: li, params: { communityId: C }, body });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ balance: before - 2, toCommunityName: '西园社区' });
    // The same request again: the same answer. Another amount under its id: 409, nothing moved.
    const again = await call(timebankStreetRoutes.donateAcross, { token: li, params: { communityId: C }, body });
    expect([again.status, again.body]).toEqual([201, done.body]);
    const changed = await call(timebankStreetRoutes.donateAcross, {
      token: li,
      params: { communityId: C },
      body: { ...body, amount: 3 },
    });
    expect([changed.status, errorOf(changed).code]).toEqual([409, 'IDEMPOTENCY_MISMATCH']);
    // More than the balance: 409, nothing moved.
    const over = await call(timebankStreetRoutes.donateAcross, {
      token: li,
      params: { communityId: C },
      body: { ...body, amount: 100_000, requestId: requestId() },
    });
    expect(over.status).toBe(409);
    const after = await call(timebankStreetRoutes.streetFunds, { token: li, params: { communityId: C } });
    expect(after.body.communities.find((c) => c.communityId === OTHER_COMMUNITY_ID)?.fund).toBeGreaterThanOrEqual(
      xiyuan!.fund + 2,
    );

    for (const [who, communityId] of [
      ['sun', C],
      ['wu', OTHER_COMMUNITY_ID],
    ] as const) {
      const audit = await call(timebankRoutes.runAudit, { token: await signIn(who), params: { communityId } });
      expect([communityId, audit.body.passed, audit.body.mismatches]).toEqual([communityId, true, []]);
    }
    const street = await call(streetWideRoutes.runStreetAudit, {
      token: await signIn('zhou'),
      params: { streetId: DEMO_STREET_ID },
    });
    expect(street.status).toBe(200);
    expect(street.body).toMatchObject({ passed: true, settlementTotal: 0, mismatches: 0, belowZero: 0, unpaired: [] });
    const here = street.body.communities.find((c) => c.communityId === C)!;
    const there = street.body.communities.find((c) => c.communityId === OTHER_COMMUNITY_ID)!;
    expect(here.settlementNet).toBeGreaterThanOrEqual(2);
    expect(here.settlementNet + there.settlementNet).toBe(0);
  });

  it('refuses a community of another street, and the same community', async () => {
    const li = await signIn('li');
    for (const toCommunityId of ['not-ours', C]) {
      const answer = await call(timebankStreetRoutes.donateAcross, {
        token: li,
        params: { communityId: C },
        body: { toCommunityId, to: 'fund', amount: 1, requestId: requestId() },
      });
      expect([toCommunityId, answer.status]).toEqual([toCommunityId, toCommunityId === C ? 400 : 404]);
    }
  });
});
