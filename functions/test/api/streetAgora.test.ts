import { agoraRoutes, streetAgoraRoutes, type StreetTopicView } from '@linli/shared';
import { DEMO_COMMUNITY_ID, DEMO_STREET_ID } from '../../../devstack/seed/personas';
import { call, eventually, signIn, step } from './http';
import { appointByCode, communityWithResidents, createStreet } from './ownStreet';

/**
 * 街道议事 over HTTP, in a street of its own (the administrator creates it and two communities, imports
 * their rosters and binds fresh residents), so nothing another test file does is counted: the street
 * office opens a poll across both communities, residents of each vote in their own community's poll
 * (it shows there as 街道议事 with the street's name), one community's committee closes early and the
 * 议事厅 clock closes the other when its time is up, and the street result is the sum of the two recounts.
 */

const suffix = Date.now().toString(36).slice(-6);
let seq = 0;
const rid = () => `sag${suffix}${++seq}`;
const clockNow = async () =>
  new Date(((await (await fetch(`${process.env.LINLI_TEST_CONTROL}/clock`)).json()) as { now: string }).now);

const fixture = step(async () => {
  const admin = await signIn('admin');
  const streetId = await createStreet(admin, `议事街道${suffix}`);
  const office = await appointByCode(
    admin,
    streetId,
    { role: 'street' },
    { openid: `street-agora-office-${suffix}`, realName: '议事科员' },
  );
  const residents = `street-agora-${suffix}`;
  const east = await communityWithResidents(admin, streetId, '东苑社区', ['101', '102', '103'], residents);
  const west = await communityWithResidents(admin, streetId, '西苑社区', ['101', '102'], residents);
  return { admin, office, streetId, east, west };
});

describe('街道议事', () => {
  it('opens a poll in each chosen community, residents vote in their own, the street sums the two recounts', async () => {
    const { admin, office, streetId, east, west } = await fixture();
    const now = await clockNow();
    const body = {
      requestId: rid(),
      title: '街道垃圾分类定时定点投放时间',
      description: '征求全街道居民意见',
      basis: 'household' as const,
      ballot: { kind: 'single' as const, options: ['早 7 点至 9 点', '晚 6 点至 8 点'] },
      opensAt: now.toISOString(),
      closesAt: new Date(now.getTime() + 120_000).toISOString(),
      communityIds: [east.communityId, west.communityId],
    };
    const opened = await call(streetAgoraRoutes.openStreetTopic, { token: office, params: { streetId }, body });
    expect(opened.status).toBe(201);
    const topicId = opened.body.streetTopicId;
    expect(opened.body.communities.map((c) => [c.name, c.published])).toEqual([
      ['东苑社区', false],
      ['西苑社区', false],
    ]);
    // The same request again answers the same topic (each community's poll opened once); another body: 409.
    const again = await call(streetAgoraRoutes.openStreetTopic, { token: office, params: { streetId }, body });
    expect([again.status, again.body.streetTopicId]).toEqual([201, topicId]);
    const changed = await call(streetAgoraRoutes.openStreetTopic, {
      token: office,
      params: { streetId },
      body: { ...body, title: '另一个议题' },
    });
    expect([changed.status, (changed.body as unknown as { error: { code: string } }).error.code]).toEqual([
      409,
      'IDEMPOTENCY_MISMATCH',
    ]);

    // In each community's 议事厅 it is an ordinary poll, marked as the street's.
    const list = await call(agoraRoutes.listTopics, {
      token: east.residents[0]!,
      params: { communityId: east.communityId },
      query: { bucket: 'open' },
    });
    expect(list.body.items.find((t) => t.topicId === topicId)).toMatchObject({
      street: { name: `议事街道${suffix}` },
      myStatus: 'canVote',
      scopeText: '全社区',
    });

    // 东苑: 早 ×2, 晚 ×1; 西苑: 晚 ×2. One household votes once, in its own community.
    const votes: [string, string, string][] = [
      [east.communityId, east.residents[0]!, 'o1'],
      [east.communityId, east.residents[1]!, 'o1'],
      [east.communityId, east.residents[2]!, 'o2'],
      [west.communityId, west.residents[0]!, 'o2'],
      [west.communityId, west.residents[1]!, 'o2'],
    ];
    for (const [communityId, token, choice] of votes) {
      const cast = await call(agoraRoutes.castBallot, {
        token,
        params: { communityId, topicId },
        body: { choices: [choice], requestId: rid() },
      });
      expect(cast.status).toBe(201);
      expect(cast.body.receipt).toBeTruthy();
    }
    // A resident of 西苑 has no seat in 东苑's poll.
    const elsewhere = await call(agoraRoutes.castBallot, {
      token: west.residents[0]!,
      params: { communityId: east.communityId, topicId },
      body: { choices: ['o1'], requestId: rid() },
    });
    expect(elsewhere.status).toBe(403);

    // 东苑's committee (the administrator here) closes early; the 议事厅 clock closes 西苑 when its time is up.
    const closed = await call(agoraRoutes.changeSchedule, {
      token: admin,
      params: { communityId: east.communityId, topicId },
      body: { action: 'closeNow', reason: '本社区已全部投票' },
    });
    expect(closed.status).toBeLessThan(300);
    const half = await call(streetAgoraRoutes.getStreetTopic, {
      token: office,
      params: { streetId, streetTopicId: topicId },
    });
    expect(half.body).toMatchObject({ counted: 1 });
    expect(half.body.total).toBeUndefined();

    // 西苑 closes by the 议事厅 clock: once its time is up, the stack's scheduled jobs run (without moving the
    // shared clock), as their every-minute schedule would.
    while ((await clockNow()).toISOString() <= body.closesAt) await new Promise((r) => setTimeout(r, 1000));
    const ran = await fetch(`${process.env.LINLI_TEST_CONTROL}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceHours: 0, runSchedules: true }),
    });
    expect(ran.status).toBe(200);
    const done = await eventually(
      async () => {
        const r = await call(streetAgoraRoutes.getStreetTopic, {
          token: office,
          params: { streetId, streetTopicId: topicId },
        });
        return r.body.total ? r.body : undefined;
      },
      'the 议事厅 clock closes 西苑 and the street sums both',
      90_000,
    );
    const heads = (c: Pick<StreetTopicView, 'communities'>['communities'][number]) => c.options.map((o) => o.heads);
    expect(done.communities.map((c) => [c.name, c.published, c.electorate, c.ballots, heads(c)])).toEqual([
      ['东苑社区', true, 3, 3, [2, 1]],
      ['西苑社区', true, 2, 2, [0, 2]],
    ]);
    expect(done.total).toMatchObject({
      electorate: 5,
      ballots: 5,
      options: [
        { optionId: 'o1', label: '早 7 点至 9 点', heads: 2 },
        { optionId: 'o2', label: '晚 6 点至 8 点', heads: 3 },
      ],
    });
    const listed = await call(streetAgoraRoutes.listStreetTopics, { token: office, params: { streetId } });
    expect(listed.body.items.find((t) => t.streetTopicId === topicId)).toMatchObject({
      communities: 2,
      counted: 2,
      done: true,
    });

    // The resident's topic page: the community's own result and the street's sum.
    const page = await call(agoraRoutes.getTopic, {
      token: west.residents[1]!,
      params: { communityId: west.communityId, topicId },
    });
    expect(page.body).toMatchObject({
      phase: 'published',
      street: { name: `议事街道${suffix}` },
      streetTotal: { communities: 2, ballots: 5, electorate: 5 },
    });
    expect(page.body.result?.options.map((o) => o.heads)).toEqual([0, 2]);
  }, 300_000);

  it("keeps a street's 议事 to its own office; a committee cannot open one", async () => {
    const { office, streetId, east } = await fixture();
    const now = await clockNow();
    const body = {
      requestId: rid(),
      title: '越界议题',
      description: '不应发起',
      basis: 'person' as const,
      ballot: { kind: 'approve' as const, options: [] },
      opensAt: now.toISOString(),
      closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    };
    // 周科长 runs 东街街道, not this street; this street's office cannot act in 东街.
    const zhou = await signIn('zhou');
    for (const [token, target] of [
      [zhou, streetId],
      [office, DEMO_STREET_ID],
      [await signIn('sun'), streetId],
      [east.residents[0]!, streetId],
    ] as const) {
      const open = await call(streetAgoraRoutes.openStreetTopic, { token, params: { streetId: target }, body });
      expect(open.status).toBe(403);
      const list = await call(streetAgoraRoutes.listStreetTopics, { token, params: { streetId: target } });
      expect(list.status).toBe(403);
    }
    // A community of another street cannot be chosen; a window already over is refused.
    const foreign = await call(streetAgoraRoutes.openStreetTopic, {
      token: office,
      params: { streetId },
      body: { ...body, requestId: rid(), communityIds: [DEMO_COMMUNITY_ID] },
    });
    expect(foreign.status).toBe(400);
    const past = await call(streetAgoraRoutes.openStreetTopic, {
      token: office,
      params: { streetId },
      body: {
        ...body,
        requestId: rid(),
        opensAt: new Date(now.getTime() - 7_200_000).toISOString(),
        closesAt: new Date(now.getTime() - 3_600_000).toISOString(),
      },
    });
    expect(past.status).toBe(400);
  }, 300_000);
});
