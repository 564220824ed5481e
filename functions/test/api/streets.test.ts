import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { identityApi, rosterRoutes, streetsApi } from '@linli/shared';
import { DEMO_STREET_ID } from '../../../devstack/seed/personas';
import { call, signIn, step } from './http';
import { createCommunity, createStreet, importRoster } from './ownStreet';

/**
 * 街道 → 社区 onboarding on a fresh stack, over HTTP and with no seed code: the bootstrap command
 * (run twice), the first administrator redeeming its code, a street and two communities, a committee
 * member appointed by a one-time code who imports the roster. The demo seed leaves the stack's one
 * bootstrap unspent for this file.
 */

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);

async function bootstrapCommand(): Promise<Record<string, string>> {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/admin.ts', 'bootstrap', '--stage', 'local', '--json'],
    { cwd: ROOT, env: { ...process.env, DYNAMODB_ENDPOINT: process.env.LINLI_TEST_DYNAMO } },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, string>;
}

const suffix = Date.now().toString(36).slice(-5);
const openid = (who: string) => `onboarding-${who}-${suffix}`;

const bootstrapped = step(async () => {
  const first = await bootstrapCommand();
  expect(first).toMatchObject({ outcome: 'issued', storedIn: 'printed' });
  expect(first.code).toMatch(/^[A-Z2-9]{16}$/);
  // The second run while the code waits: nothing issued, the first code still works.
  const second = await bootstrapCommand();
  expect(second).toEqual({ outcome: 'pending', expiresAt: first.expiresAt, storedIn: 'printed' });
  const token = await signIn({ openid: openid('admin') });
  const redeemed = await call(streetsApi.redeemBootstrap, {
    token,
    body: { code: first.code!.toLowerCase().replace(/(.{4})/g, '$1-'), realName: '林管理' },
  });
  expect(redeemed.status).toBe(200);
  expect(redeemed.body.offices).toEqual([{ role: 'admin' }]);
  return { token, code: first.code! };
});

const street = step(async () => {
  const { token } = await bootstrapped();
  const streetId = await createStreet(token, `南街街道${suffix}`);
  const first = await createCommunity(token, streetId, '三坊社区', '南街三坊 1 号');
  const second = await createCommunity(token, streetId, '七巷社区', '南街三坊 1 号');
  return { token, streetId, first, second };
});

describe('街道 onboarding (no developer, no seed)', () => {
  it('bootstraps once: the command run twice issues one code, and a used code is spent for good', async () => {
    const { code } = await bootstrapped();
    expect(await bootstrapCommand()).toMatchObject({ outcome: 'done' });
    const again = await call(streetsApi.redeemBootstrap, {
      token: await signIn({ openid: openid('late') }),
      body: { code, realName: '后来者' },
    });
    expect([again.status, (again.body as unknown as { error: { code: string } }).error.code]).toEqual([
      409,
      'ALREADY_BOOTSTRAPPED',
    ]);
  });

  it('lets the administrator create a street and two communities, listed by the street in one query', async () => {
    const { token, streetId } = await street();
    const listed = await call(streetsApi.getStreet, { token, params: { streetId } });
    expect(listed.status).toBe(200);
    expect(listed.body.communities.map((c) => c.name).sort()).toEqual(['七巷社区', '三坊社区']);
    expect(listed.body.street.communityCount).toBe(2);
    expect(listed.dbOps?.commands.filter((c) => c === 'Query').length).toBe(1);
    expect(listed.dbOps?.commands).not.toContain('Scan');
  });

  it('answers a duplicate community with 409 and the one that exists, a bad region code with 400', async () => {
    const { token, streetId, first } = await street();
    const dup = await call(streetsApi.createCommunity, {
      token,
      params: { streetId },
      body: { name: ' 三坊社区', address: '别处', regionCode: '350102' },
    });
    expect(dup.status).toBe(409);
    expect((dup.body as unknown as { error: unknown }).error).toMatchObject({
      code: 'DUPLICATE',
      existing: { kind: 'community', id: first.communityId, name: '三坊社区' },
    });
    for (const regionCode of ['35010', '350100', '990102'])
      expect(
        (
          await call(streetsApi.createCommunity, {
            token,
            params: { streetId },
            body: { name: '新社区', address: '某处', regionCode },
          })
        ).body,
      ).toMatchObject({ error: { code: 'VALIDATION', fields: [{ field: 'body.regionCode' }] } });
  });

  it('appoints a committee member by a one-time code who then imports the roster; reuse and expiry are refused', async () => {
    const { token, streetId, first } = await street();
    const communityId = first.communityId;
    const invited = await call(streetsApi.inviteStaff, {
      token,
      params: { streetId },
      body: { role: 'committee', communityId, invitee: '郑主任' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ status: 'pending', communityName: '三坊社区' });

    const member = await signIn({ openid: openid('committee') });
    const accepted = await call(streetsApi.redeemStaffInvitation, {
      token: member,
      body: { code: invited.body.code, realName: '郑敏' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ role: 'committee', communityId, communityName: '三坊社区' });
    const me = await call(identityApi.getMe, { token: member });
    expect(me.body.grants).toContainEqual(expect.objectContaining({ role: 'committee', communityId }));

    const reused = await call(streetsApi.redeemStaffInvitation, {
      token: await signIn({ openid: openid('second') }),
      body: { code: invited.body.code, realName: '某人' },
    });
    expect(reused.body).toMatchObject({ error: { code: 'INVITATION_USED' } });
    expect(reused.status).toBe(409);

    const stale = await call(streetsApi.inviteStaff, {
      token,
      params: { streetId },
      body: { role: 'committee', communityId },
    });
    await expireInvitation(stale.body.code);
    const expired = await call(streetsApi.redeemStaffInvitation, {
      token: await signIn({ openid: openid('third') }),
      body: { code: stale.body.code, realName: '某人' },
    });
    expect(expired.status).toBe(409);
    expect(expired.body).toMatchObject({
      error: { code: 'INVITATION_EXPIRED', message: expect.stringContaining('已过期') },
    });
    const list = await call(streetsApi.listInvitations, { token, params: { streetId }, query: { communityId } });
    expect(list.body.items.map((i) => i.status)).toEqual(['expired', 'used']);

    // The new committee builds its grids, buildings and units through the roster import that exists.
    await importRoster(member, communityId, [
      ['第一网格', '1栋', '1单元', '101', 1, 90, '郑业主', '13700001111'],
      ['第一网格', '1栋', '1单元', '102', 1, 88, '', ''],
    ]);
    const overview = await call(rosterRoutes.overview, { token: member, params: { communityId } });
    expect(overview.body.totals).toMatchObject({ units: 2, buildings: 1, grids: 1 });
  });

  it('keeps a street office to its own street', async () => {
    const { token, streetId } = await street();
    // 周科长 runs the demo street (东街街道): the new street is not his.
    const zhou = await signIn('zhou');
    expect((await call(streetsApi.getStreet, { token: zhou, params: { streetId: DEMO_STREET_ID } })).status).toBe(200);
    const elsewhere = await call(streetsApi.createCommunity, {
      token: zhou,
      params: { streetId },
      body: { name: '越界社区', address: '某处', regionCode: '350102' },
    });
    expect(elsewhere.status).toBe(403);
    expect((await call(streetsApi.getStreet, { token: zhou, params: { streetId } })).status).toBe(403);
    const mine = await call(streetsApi.listStreets, { token: zhou });
    expect(mine.body).toEqual({ admin: false, items: [expect.objectContaining({ streetId: DEMO_STREET_ID })] });
    // The administrator sees both.
    const all = await call(streetsApi.listStreets, { token });
    expect(all.body.items.map((s) => s.streetId)).toEqual(expect.arrayContaining([DEMO_STREET_ID, streetId]));
  });
});

/** Moves a code's expiry into the past (the stack's clock is shared with other suites, so it is not advanced). */
async function expireInvitation(code: string) {
  const { DynamoDBClient, UpdateItemCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint: process.env.LINLI_TEST_DYNAMO,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new UpdateItemCommand({
      TableName: 'linli-local',
      Key: { PK: { S: `INVITE#${code}` }, SK: { S: 'INVITE' } },
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': { S: '2020-01-01T00:00:00.000Z' } },
    }),
  );
  client.destroy();
}
