import { API, streetWideRoutes, timebankRoutes, timebankStreetRoutes, type InboxItemView } from '@linli/shared';
import { DEMO_COMMUNITY_ID as C, DEMO_STREET_ID, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { call, eventually, signIn, step } from './http';
import { appointByCode, communityWithResidents, createStreet } from './ownStreet';

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

/**
 * A street of its own for the notice (the administrator creates it and two communities, imports their rosters
 * and binds fresh residents; its office and 西苑's committee are appointed by codes): the notice fans out to
 * three households, not to the demo communities' ~150 residents, and the test waits for its own resident's
 * entry, not for 王阿姨's among what other files send her. (The api files share one stack and one stream
 * reader: with this file's own two whole-demo-community fan-outs queued behind other files' ones at a load of
 * ~30, 王阿姨's entry once took over the 30 s the wait allows.)
 */
const noticeStreet = step(async () => {
  const admin = await signIn('admin');
  const streetId = await createStreet(admin, `通知街道${suffix}`);
  const office = await appointByCode(
    admin,
    streetId,
    { role: 'street' },
    { openid: `street-wide-notice-office-${suffix}`, realName: '通知科员' },
  );
  const residents = `street-wide-${suffix}`;
  const east = await communityWithResidents(admin, streetId, `东苑社区${suffix}`, ['101', '102'], residents);
  const west = await communityWithResidents(admin, streetId, `西苑社区${suffix}`, ['101'], residents);
  const westCommittee = await appointByCode(
    office,
    streetId,
    { role: 'committee', communityId: west.communityId },
    { openid: `street-wide-committee-${suffix}`, realName: '西苑主任' },
  );
  return { streetId, office, east, west, westCommittee };
});

describe('street-wide notices', () => {
  it('previews, sends to both communities, and shows reach per community as residents open it', async () => {
    const { streetId, office, east, west, westCommittee } = await noticeStreet();
    const both = [east.communityId, west.communityId].sort();
    const preview = await call(streetWideRoutes.previewStreetNotice, {
      token: office,
      params: { streetId },
      body: {},
    });
    expect(preview.status).toBe(200);
    expect(preview.body.communities.map((c) => c.communityId).sort()).toEqual(both);
    for (const c of preview.body.communities) expect(c.households).toBeGreaterThan(0);
    // Its own street: the counts are exact (2 households in 东苑, 1 in 西苑, one resident each).
    expect(
      Object.fromEntries(preview.body.communities.map((c) => [c.communityId, [c.households, c.residents]])),
    ).toEqual({
      [east.communityId]: [2, 2],
      [west.communityId]: [1, 1],
    });
    expect(preview.body.households).toBe(preview.body.communities.reduce((n, c) => n + c.households, 0));

    const title = `街道通知：冬季消防检查${suffix}`;
    const sent = await call(streetWideRoutes.sendStreetNotice, {
      token: office,
      params: { streetId },
      body: { requestId: requestId(), title, body: '本周六各社区开展消防安全检查，请配合。' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.communities).toHaveLength(2);

    // The ordinary pipeline delivers it: a resident of 东苑 finds it in her inbox, from the street.
    const resident = east.residents[0]!;
    const entry = await eventually(
      async () =>
        (await call(API.notifications.listInbox, { token: resident, query: { limit: 50 } })).body.items.find(
          (i: InboxItemView) => i.title === title,
        ),
      "the 东苑 resident's inbox entry",
    );
    expect((await call(API.notifications.markRead, { token: resident, params: { itemId: entry.itemId } })).status).toBe(
      200,
    );
    // Each community's committee sees it among its notices.
    const listed = await call(API.notifications.listBroadcasts, {
      token: westCommittee,
      params: { communityId: west.communityId },
      query: { limit: 20 },
    });
    expect(listed.body.items.map((b) => b.title)).toContain(title);

    const reach = await eventually(async () => {
      const r = await call(streetWideRoutes.streetNoticeReach, {
        token: office,
        params: { streetId, noticeId: sent.body.noticeId },
      });
      expect(r.status).toBe(200);
      const here = r.body.communities.find((c) => c.communityId === east.communityId);
      return here && here.opened >= 1 && here.recipients > 0 ? r.body : undefined;
    }, 'reach of 东苑');
    expect(reach.communities.map((c) => c.communityId).sort()).toEqual(both);
    for (const c of reach.communities) {
      expect(c.households).toBeGreaterThan(0);
      expect(c.pushed + c.neither).toBeGreaterThanOrEqual(c.households - c.opened);
    }
    expect(Object.fromEntries(reach.communities.map((c) => [c.communityId, [c.households, c.opened]]))).toEqual({
      [east.communityId]: [2, 1],
      [west.communityId]: [1, 0],
    });
    expect(reach.households).toBe(reach.communities.reduce((n, c) => n + c.households, 0));

    const list = await call(streetWideRoutes.listStreetNotices, { token: office, params: { streetId } });
    expect(list.body.items.map((n) => n.noticeId)).toContain(sent.body.noticeId);

    // A community of another street (or none) cannot be chosen.
    for (const other of ['not-ours', C]) {
      const foreign = await call(streetWideRoutes.sendStreetNotice, {
        token: office,
        params: { streetId },
        body: { requestId: requestId(), title: '越界', body: '越界', communityIds: [other] },
      });
      expect([other, foreign.status, errorOf(foreign).fields?.[0]?.field]).toEqual([other, 400, 'body.communityIds']);
    }
  });

  it("refuses another street's office, and 周科长 in another street", async () => {
    const admin = await signIn('admin');
    const streetId = await createStreet(admin, `南街街道${suffix}`);
    const officer = await appointByCode(
      admin,
      streetId,
      { role: 'street' },
      { openid: `street-wide-office-${suffix}`, realName: '南街科员' },
    );

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
