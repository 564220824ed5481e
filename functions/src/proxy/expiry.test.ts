import { addDays, buildPath, PROXY_HEADER, timebankRoutes, type RouteContract } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { clock } from '../commons/clock';
import { httpApi } from '../http/api';
import { signAccessToken } from '../http/tokens';
import { sessions } from '../db/entities/session';
import { users, type UserItem } from '../db/entities/user';
import { timebankHandlers } from '../timebank/handler';
import { startProxy } from './sessions';
import { principalOf } from '../identity/principal';

useTestTable();
jest.setTimeout(60_000);

/**
 * The 30 minutes are the server's: the pipeline compares the session's expiry with the domain clock (the
 * dev clock on the local stack) on every request, whatever the phone's timer says.
 */
const C = 'c-proxy-expiry';
const handler = httpApi(timebankRoutes, timebankHandlers());

async function person(userId: string, extra: Partial<UserItem>): Promise<UserItem> {
  const item = {
    userId,
    nickname: userId,
    largeText: false,
    grants: {},
    memberships: {},
    status: 'active' as const,
    createdAt: new Date().toISOString(),
    ...extra,
  };
  await users.put(item);
  return item as UserItem;
}

async function send(route: RouteContract, who: UserItem, header: string) {
  const now = clock.now();
  const expires = addDays(now, 1);
  await sessions.put({
    userId: who.userId,
    sessionId: 'login',
    secretHash: 'not-used-here',
    expiresAt: expires.toISOString(),
    ttl: Math.floor(expires.getTime() / 1000),
  });
  const { token } = await signAccessToken(who.userId, 'login', now);
  const res = await handler({
    rawPath: buildPath(route.path, { communityId: C }),
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, [PROXY_HEADER]: header },
    requestContext: { http: { method: route.method, sourceIp: '127.0.0.1' }, requestId: 'req-12345678' },
    isBase64Encoded: false,
  } as never);
  return { status: res.statusCode as number, body: JSON.parse(res.body as string) };
}

afterEach(() => {
  clock.offsetMs = 0;
});

it('refuses a 代办 session once 30 minutes have passed on the domain clock', async () => {
  const home = { communityId: C, unitId: 'u301', buildingId: 'b3', gridId: 'g1', relation: 'owner' as const };
  const gao = await person('gao', {
    realName: '高秀英',
    memberships: { [`${C}|u301`]: { ...home, since: '2026-01-01', unitLabel: '3栋301', communityName: '测试' } },
  });
  const zhang = await person('zhang', {
    realName: '张建国',
    grants: { [`buildingHead|${C}||b3`]: { role: 'buildingHead', communityId: C, buildingId: 'b3' } },
  });
  const session = await startProxy({
    principal: principalOf(zhang),
    user: zhang,
    communityId: C,
    input: { residentId: gao.userId, reason: '上门代办' },
    now: clock.now(),
  });

  const within = await send(timebankRoutes.wallet, zhang, session.header);
  expect(within.status).not.toBe(403);
  expect(within.status).not.toBe(401);

  clock.offsetMs = 29 * 60_000;
  expect((await send(timebankRoutes.wallet, zhang, session.header)).status).not.toBe(403);

  clock.offsetMs = 30 * 60_000 + 1000;
  const after = await send(timebankRoutes.wallet, zhang, session.header);
  expect(after.status).toBe(403);
  expect(after.body.error.message).toBe('代办已超过 30 分钟，已自动结束');
});
