import { addDays, agoraRoutes, buildPath, type RouteContract } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { logger } from '../commons/logger';
import { httpApi } from '../http/api';
import { signAccessToken } from '../http/tokens';
import { sessions } from '../db/entities/session';
import { agoraCommentHandlers } from './commentsHandler';
import { agoraHandlers } from './handler';
import { agoraPollHandlers } from './pollsHandler';
import { agoraScheduleHandlers } from './scheduleHandler';
import { agoraVotingHandlers } from './votingHandler';

useTestTable();
jest.setTimeout(60_000);

/**
 * The 议事厅 Lambdas (agora, agoraPolls, agoraComments, agoraSchedule, agoraVoting) in-process behind one router, with every log line they write
 * captured: the secrecy rule covers logs too, so no line may carry a receipt or a choice, whatever the level.
 */
const lines: string[] = [];
const handler = httpApi(agoraRoutes, {
  ...agoraHandlers(),
  ...agoraPollHandlers(),
  ...agoraCommentHandlers({ contentCheck: async (_u, text) => (text.includes('广告') ? 'risky' : 'pass') }),
  ...agoraScheduleHandlers(),
  ...agoraVotingHandlers(),
});
let c: Awaited<ReturnType<typeof agoraCommunity>>;

beforeAll(async () => {
  c = await agoraCommunity();
  logger.setLogLevel('DEBUG');
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
});
afterAll(() => {
  jest.restoreAllMocks();
  logger.setLogLevel('ERROR');
});

async function send<C extends RouteContract>(
  route: C,
  who: Resident,
  req: { params: Record<string, string>; body?: unknown; query?: Record<string, string> },
) {
  // The pipeline looks the token's session up on every request: the resident holds a real one.
  const now = new Date();
  const expires = addDays(now, 1);
  await sessions.put({
    userId: who.user.userId,
    sessionId: 'session-test',
    secretHash: 'not-used-here',
    expiresAt: expires.toISOString(),
    ttl: Math.floor(expires.getTime() / 1000),
  });
  const { token } = await signAccessToken(who.user.userId, 'session-test', now);
  const res = await handler({
    rawPath: buildPath(route.path, req.params),
    rawQueryString: new URLSearchParams(req.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    requestContext: { http: { method: route.method, sourceIp: '127.0.0.1' }, requestId: 'req-12345678' },
    isBase64Encoded: false,
  } as never);
  return { status: res.statusCode as number, body: JSON.parse(res.body as string) };
}

it('casts, closes and exports without writing a receipt or a choice into any log line', async () => {
  const communityId = c.communityId;
  const created = await send(agoraRoutes.createTopic, c.people.committee, {
    params: { communityId },
    body: {
      title: '楼顶防水维修',
      description: '使用维修资金',
      requestId: 'log-test',
      vote: {
        scope: { kind: 'community' },
        basis: 'owners',
        preset: 'ownersMajor',
        ballot: { kind: 'approve' },
        opensAt: new Date().toISOString(),
        closesAt: addDays(new Date(), 1).toISOString(),
      },
    },
  });
  expect(created.status).toBe(201);
  const topicId = created.body.topicId as string;
  const receipts: string[] = [];
  for (const [who, choice] of [
    [c.people.jia, 'agree'],
    [c.people.yi, 'disagree'],
    [c.people.bing, 'abstain'],
  ] as const) {
    const cast = await send(agoraRoutes.castBallot, who, {
      params: { communityId, topicId },
      body: { choices: [choice], requestId: `log-${choice}` },
    });
    expect(cast.status).toBe(201);
    receipts.push(cast.body.receipt);
  }
  // Hostile and failing requests are logged too.
  expect(
    (
      await send(agoraRoutes.castBallot, c.people.jiaDaughter, {
        params: { communityId, topicId },
        body: { choices: ['agree'], requestId: 'x2' },
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await send(agoraRoutes.addComment, c.people.jia, {
        params: { communityId, topicId },
        body: { body: '加我微信买广告', requestId: 'c1' },
      })
    ).status,
  ).toBe(400);
  const closed = await send(agoraRoutes.changeSchedule, c.people.committee, {
    params: { communityId, topicId },
    body: { action: 'closeNow', reason: '施工在即' },
  });
  expect(closed.status).toBe(200);
  expect(closed.body.result.options.map((o: { heads: number }) => o.heads)).toEqual([1, 1, 1]);
  const exported = await send(agoraRoutes.exportResult, c.people.tenant, { params: { communityId, topicId } });
  expect(exported.body.ballots).toHaveLength(3);

  expect(lines.length).toBeGreaterThan(5);
  const leaking = lines.filter(
    (l) => receipts.some((r) => l.includes(r)) || /同意|不同意|弃权|"agree"|"disagree"|"abstain"|choices/.test(l),
  );
  expect(leaking).toEqual([]);
});

it('refuses a cast the moment the committee closes the poll early, though the Lambda keeps the open topic for casts', async () => {
  const communityId = c.communityId;
  const created = await send(agoraRoutes.createTopic, c.people.committee, {
    params: { communityId },
    body: {
      title: '加装电梯意向',
      description: '一户一票',
      requestId: 'kept-topic',
      vote: {
        scope: { kind: 'community' },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve' },
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
  });
  expect(created.status).toBe(201);
  const topicId = created.body.topicId as string;
  const cast = (who: Resident, requestId: string) =>
    send(agoraRoutes.castBallot, who, { params: { communityId, topicId }, body: { choices: ['agree'], requestId } });
  expect((await cast(c.people.jia, 'kept-1')).status).toBe(201); // the topic is now kept for casts
  const closed = await send(agoraRoutes.changeSchedule, c.people.committee, {
    params: { communityId, topicId },
    body: { action: 'closeNow', reason: '改期讨论' },
  });
  expect(closed.status).toBe(200);
  // Within the kept copy's two seconds: the ballot box, not the copy, decides.
  expect(await cast(c.people.yi, 'kept-2')).toMatchObject({ status: 409, body: { error: { code: 'POLL_NOT_OPEN' } } });
});
