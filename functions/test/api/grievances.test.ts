import { readSheet } from 'read-excel-file/node';
import {
  addDays,
  addHours,
  API,
  buildingIdOf,
  chinaDate,
  type GrievanceDetail,
  type RouteContract,
  grievanceRoutes,
} from '@linli/shared';
import { persona, type PersonaKey } from '../../../devstack/seed/personas';
import { LEDGER_HEADERS } from '../../src/grievances/ledger/exportLedger';
import { call, raw, signIn } from './http';
import { C, detail, detailWhen, newRequest, push, signedPushQuery, submit, uploadPhoto } from './grievanceHelpers';

/** Every 诉求 route, whichever of its three Lambdas serves it. */
const G = grievanceRoutes;
const B3 = buildingIdOf(C, '3栋');
const B5 = buildingIdOf(C, '5栋');
const tokens = {} as Record<PersonaKey, string>;

beforeAll(async () => {
  for (const p of ['wang', 'li', 'zhang', 'chen', 'liu', 'zhao', 'sun', 'zhou', 'admin', 'wu'] as PersonaKey[])
    tokens[p] = await signIn(p);
});

const chinaDay = (offsetDays: number) => chinaDate(addDays(new Date(), offsetDays));
const caseParams = (grievanceId: string) => ({ communityId: C, grievanceId });
const ids = (page: { items: { grievanceId: string }[] }) => page.items.map((i) => i.grievanceId);

describe('photos: presigned upload, checked type and owner, WeChat’s verdict by signed push', () => {
  it('shows a photo to its uploader at once and to neighbours once WeChat passes it', async () => {
    const key = await uploadPhoto(tokens.wang, 'corridor.jpg');
    expect(key).toMatch(new RegExp(`^grievances/${C}/demo_wang/\\w+-corridor\\.jpg$`));
    const mine = await submit(
      tokens.wang,
      newRequest({ photos: [{ key }], location: { kind: 'building', buildingId: B3 } }),
    );
    expect(mine.photos).toEqual([
      expect.objectContaining({ role: 'report', url: expect.stringContaining('corridor.jpg') }),
    ]);
    const seen = await detailWhen(tokens.li, mine.grievanceId, (d) => d.photos[0]?.state === 'visible');
    const photo = await fetch(seen.photos[0]!.url!);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('never shows a photo WeChat flags to anyone but its uploader', async () => {
    const key = await uploadPhoto(tokens.wang, 'risky-photo.jpg');
    const c = await submit(
      tokens.wang,
      newRequest({ photos: [{ key }], location: { kind: 'building', buildingId: B3 } }),
    );
    const own = await detailWhen(tokens.wang, c.grievanceId, (d) => d.photos[0]?.state === 'rejected');
    expect(own.photos[0]?.url).toBeUndefined();
    expect((await detail(tokens.li, c.grievanceId)).body.photos).toEqual([]);
    expect((await detail(tokens.liu, c.grievanceId)).body.photos).toEqual([]);
  });

  it('refuses a file of another type, someone else’s upload, a missing one and an oversized one', async () => {
    const html = await uploadPhoto(tokens.wang, 'page.jpg', { sendType: 'text/html' });
    const wrongType = await call(G.submit, {
      token: tokens.wang,
      params: { communityId: C },
      body: newRequest({ photos: [{ key: html }], location: { kind: 'building', buildingId: B3 } }),
    });
    expect(wrongType).toMatchObject({ status: 400, body: { error: { message: '文件类型不受支持' } } });
    const lis = await uploadPhoto(tokens.li, 'mine.jpg');
    const stolen = await call(G.submit, {
      token: tokens.wang,
      params: { communityId: C },
      body: newRequest({ photos: [{ key: lis }], location: { kind: 'building', buildingId: B3 } }),
    });
    expect(stolen).toMatchObject({ status: 400, body: { error: { message: '文件不属于当前账号' } } });
    const never = await call(G.submit, {
      token: tokens.wang,
      params: { communityId: C },
      body: newRequest({
        photos: [{ key: `grievances/${C}/demo_wang/never.jpg` }],
        location: { kind: 'building', buildingId: B3 },
      }),
    });
    expect(never.status).toBe(400);
    const big = await call(G.createPhotoUpload, {
      token: tokens.wang,
      params: { communityId: C },
      body: { fileName: 'big.jpg', contentType: 'image/jpeg', size: 11 * 1024 * 1024 },
    });
    expect(big).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'body.size' }] } } });
    const gif = await raw('POST', `/communities/${C}/grievances/photos`, {
      token: tokens.wang,
      body: JSON.stringify({ fileName: 'a.gif', contentType: 'image/gif', size: 10 }),
    });
    expect(gif).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'body.contentType' }] } } });
  });

  it('accepts only pushes signed with the Token, and answers WeChat in plain text', async () => {
    const verdict = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 'nope',
      result: { suggest: 'pass', label: '100' },
    };
    expect((await push(signedPushQuery('not-the-token'), verdict)).status).toBe(401);
    expect((await push('signature=abc&timestamp=1&nonce=2', verdict)).status).toBe(400);
    // A verdict overtaking its trace id is asked for again (WeChat retries on failure).
    expect((await push(signedPushQuery(), verdict)).status).toBe(503);
    const other = await push(signedPushQuery(), { MsgType: 'event', Event: 'something_else' });
    expect(other).toMatchObject({ status: 200, body: 'success' });
    const echo = await raw('GET', `/wechat/push?${signedPushQuery()}&echostr=hello123`);
    expect(echo).toMatchObject({ status: 200, body: 'hello123' });
    expect(echo.headers.get('content-type')).toContain('text/plain');
  });
});

describe('submitting', () => {
  it('refuses risky text with the field named, and stores nothing', async () => {
    const before = (await call(G.listMine, { token: tokens.wang, params: { communityId: C } })).body.items.length;
    const res = await call(G.submit, {
      token: tokens.wang,
      params: { communityId: C },
      body: newRequest({ description: '楼下棋牌室聚众赌博到深夜', location: { kind: 'building', buildingId: B3 } }),
    });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'body.description', message: '内容可能含有违规信息，请修改后再提交' }] } },
    });
    expect((await call(G.listMine, { token: tokens.wang, params: { communityId: C } })).body.items.length).toBe(before);
  });

  it('answers 400 for bad input and never 500', async () => {
    const path = `/communities/${C}/grievances`;
    for (const body of [
      '{',
      '[]',
      JSON.stringify({ ...newRequest(), extra: 1 }),
      JSON.stringify({ ...newRequest(), location: { kind: 'unit' } }),
      JSON.stringify({ ...newRequest(), description: 'x'.repeat(501) }),
    ]) {
      const res = await raw('POST', path, { token: tokens.wang, body });
      expect(res.status).toBe(400);
    }
  });

  it('routes to the grid of the building: its grid worker and the committee see it, the other grid does not', async () => {
    const c = await submit(
      tokens.zhang,
      newRequest({
        category: 'sanitation',
        description: '3栋楼道里有人堆放旧家具',
        location: { kind: 'building', buildingId: B3 },
      }),
    );
    expect(c).toMatchObject({ level: 'grid', status: 'pending' });
    const queue = (who: PersonaKey) =>
      call(G.listQueue, { token: tokens[who], params: { communityId: C }, query: { limit: 100 } });
    expect(ids((await queue('liu')).body)).toContain(c.grievanceId);
    expect(ids((await queue('sun')).body)).toContain(c.grievanceId);
    expect(ids((await queue('zhao')).body)).not.toContain(c.grievanceId);
    expect(
      (await call(G.accept, { token: tokens.zhao, params: caseParams(c.grievanceId), body: { version: 1 } })).status,
    ).toBe(403);
  });
});

describe('一事一诺一评议 over HTTP', () => {
  it('不满意 reopens the case and escalates it to the committee', async () => {
    let c: GrievanceDetail = await submit(tokens.wang, newRequest({ location: { kind: 'building', buildingId: B3 } }));
    const step = async (who: PersonaKey, contract: RouteContract, body: object) => {
      const res = await call(contract, {
        token: tokens[who],
        params: caseParams(c.grievanceId),
        body: { version: c.version, ...body },
      });
      expect(res.status).toBe(200);
      c = res.body as GrievanceDetail;
    };
    await step('liu', G.accept, {});
    await step('liu', G.commit, {
      text: '今天下午更换灯泡',
      dueBy: addHours(new Date(c.createdAt), 20).toISOString(),
    });
    const illegal = await call(G.rate, {
      token: tokens.wang,
      params: caseParams(c.grievanceId),
      body: { version: c.version, rating: 'satisfied' },
    });
    expect(illegal).toMatchObject({ status: 409, body: { error: { code: 'ILLEGAL_TRANSITION' } } });
    await step('liu', G.resolve, { note: '已更换' });
    expect(c.actions).toEqual([]);
    await step('wang', G.rate, { rating: 'unsatisfied', comment: '还是不亮' });
    expect(c).toMatchObject({ status: 'pending', level: 'committee', reopenCount: 1 });
    expect(c.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'commit', 'resolve', 'reopen']);
    expect(
      ids(
        (
          await call(G.listQueue, {
            token: tokens.sun,
            params: { communityId: C },
            query: { level: 'committee', limit: 100 },
          })
        ).body,
      ),
    ).toContain(c.grievanceId);
    expect((await detail(tokens.liu, c.grievanceId)).body).toMatchObject({ viewer: 'member', actions: [] });
  });

  it('suggests a likely duplicate before submitting, and joining it counts once', async () => {
    const first = await submit(
      tokens.li,
      newRequest({
        category: 'parking',
        description: '5栋门口电动车乱停挡住通道',
        location: { kind: 'building', buildingId: B5 },
      }),
    );
    const suggested = await call(G.suggestDuplicates, {
      token: tokens.zhang,
      params: { communityId: C },
      query: { category: 'parking', buildingId: B5 },
    });
    expect(ids(suggested.body)).toContain(first.grievanceId);
    expect(
      ids(
        (
          await call(G.suggestDuplicates, {
            token: tokens.zhang,
            params: { communityId: C },
            query: { category: 'noise', buildingId: B5 },
          })
        ).body,
      ),
    ).not.toContain(first.grievanceId);
    for (let i = 0; i < 3; i++)
      expect((await call(G.support, { token: tokens.zhang, params: caseParams(first.grievanceId) })).body).toEqual({
        supportCount: 1,
        supportedByMe: true,
      });
    expect(ids((await call(G.listFollowing, { token: tokens.zhang, params: { communityId: C } })).body)).toContain(
      first.grievanceId,
    );
    expect((await call(G.support, { token: tokens.li, params: caseParams(first.grievanceId) })).status).toBe(409);
  });
});

describe('visibility and anonymity over every read API', () => {
  const NAMES = ['王阿姨', '王秀兰', 'demo_wang', persona('wang').openid];

  /** Every GET route of the feature, with this case's id where the route takes one. */
  async function readEverything(
    who: PersonaKey,
    grievanceId: string,
  ): Promise<{ route: string; status: number; text: string }[]> {
    const out = [];
    for (const route of Object.values(G)) {
      if (route.method !== 'GET') continue;
      const query = route.id === 'grievances.suggestDuplicates' ? { category: 'noise', buildingId: B5 } : undefined;
      const res = await call(
        route as RouteContract,
        { token: tokens[who], params: caseParams(grievanceId), query } as never,
      );
      // Lists hold other people's requests too (wang's own public ones name her rightly): judge this one's row.
      const body = res.body as { items?: { grievanceId: string }[] };
      const mine = Array.isArray(body?.items) ? body.items.filter((i) => i.grievanceId === grievanceId) : body;
      out.push({ route: route.id, status: res.status, text: JSON.stringify(mine) });
    }
    return out;
  }

  it('never reveals the reporter of an anonymous request, to anyone, through any route or notification', async () => {
    const c = await submit(
      tokens.wang,
      newRequest({
        category: 'noise',
        description: '5栋楼下每晚十点后还有人大声喧哗',
        location: { kind: 'building', buildingId: B5 },
        anonymous: true,
      }),
    );
    await call(G.postMessage, {
      token: tokens.wang,
      params: caseParams(c.grievanceId),
      body: { clientMessageId: 'm1', text: '昨晚一直到十二点' },
    });
    const accepted = await call(G.accept, {
      token: tokens.zhao,
      params: caseParams(c.grievanceId),
      body: { version: 1 },
    });
    expect(accepted.status).toBe(200);
    for (const who of ['li', 'zhang', 'zhao', 'sun', 'zhou', 'admin'] as PersonaKey[]) {
      const reads = await readEverything(who, c.grievanceId);
      expect(reads.filter((r) => r.text.includes(c.grievanceId)).length).toBeGreaterThan(0);
      for (const r of reads)
        for (const name of NAMES)
          expect({ who, route: r.route, leaks: r.text.includes(name) }).toEqual({ who, route: r.route, leaks: false });
    }
    const ledger = await call(API.grievanceLedger.exportLedger, {
      token: tokens.sun,
      params: { communityId: C },
      body: { from: chinaDay(-300), to: chinaDay(0) },
    });
    const rows = await readSheet(Buffer.from(await (await fetch(ledger.body.url)).arrayBuffer()));
    const row = rows.find((r) => r.includes(c.grievanceId))!;
    expect(row[LEDGER_HEADERS.indexOf('提交人')]).toBe('匿名');
    expect(JSON.stringify(row)).not.toMatch(/王阿姨|王秀兰/);
    for (const intent of await intentsMentioning(c.grievanceId)) expect(intent).not.toMatch(/王阿姨|王秀兰|demo_wang/);
    expect((await detail(tokens.wang, c.grievanceId)).body).toMatchObject({ reporter: '我', viewer: 'reporter' });
  });

  it('keeps a private request to the reporter, their household and its handlers; another community sees nothing', async () => {
    const c = await submit(
      tokens.wang,
      newRequest({
        visibility: 'private',
        description: '家门口的下水道反味',
        location: { kind: 'building', buildingId: B3 },
      }),
    );
    expect((await detail(tokens.liu, c.grievanceId)).status).toBe(200);
    expect((await detail(tokens.li, c.grievanceId)).status).toBe(404);
    expect((await call(G.summary, { token: tokens.li, params: caseParams(c.grievanceId) })).status).toBe(404);
    expect((await detail(tokens.wu, c.grievanceId)).status).toBe(403);
    expect((await detail(tokens.chen, c.grievanceId)).status).toBe(403);
    expect(
      ids((await call(G.listCommunity, { token: tokens.li, params: { communityId: C }, query: { limit: 100 } })).body),
    ).not.toContain(c.grievanceId);
  });
});

describe('台账 export', () => {
  it('writes every field of the period’s requests to .xlsx', async () => {
    const c = await submit(
      tokens.li,
      newRequest({
        category: 'safety',
        description: '5栋单元门禁坏了陌生人随意进出',
        location: { kind: 'building', buildingId: B5 },
      }),
    );
    const today = chinaDay(0);
    const res = await call(API.grievanceLedger.exportLedger, {
      token: tokens.sun,
      params: { communityId: C },
      body: { from: today, to: today },
    });
    expect(res).toMatchObject({ status: 201, body: { fileName: `诉求台账-${today}至${today}.xlsx` } });
    const rows = await readSheet(Buffer.from(await (await fetch(res.body.url)).arrayBuffer()));
    expect(rows[0]).toEqual(LEDGER_HEADERS);
    const row = rows.find((r) => r.includes(c.grievanceId))!;
    expect(row[LEDGER_HEADERS.indexOf('类别')]).toBe('治安安全');
    expect(row[LEDGER_HEADERS.indexOf('提交人')]).toBe('小李');
    expect(row[LEDGER_HEADERS.indexOf('状态')]).toBe('待受理');
    expect(rows.length - 1).toBe(res.body.rows);
    expect(
      (
        await call(API.grievanceLedger.exportLedger, {
          token: tokens.liu,
          params: { communityId: C },
          body: { from: today, to: today },
        })
      ).status,
    ).toBe(403);
  });
});

describe('DynamoDB reads per call', () => {
  it('lists with one query per page and shows a case with one query of its partition', async () => {
    const c = await submit(tokens.li, newRequest({ location: { kind: 'building', buildingId: B5 } }));
    const queries = (ops?: { commands: string[] }) => ops?.commands.filter((x) => x === 'Query').length;
    expect(queries((await call(G.listCommunity, { token: tokens.li, params: { communityId: C } })).dbOps)).toBe(1);
    expect(queries((await call(G.listMine, { token: tokens.li, params: { communityId: C } })).dbOps)).toBe(1);
    expect(queries((await call(G.listQueue, { token: tokens.zhao, params: { communityId: C } })).dbOps)).toBe(1);
    expect(queries((await detail(tokens.li, c.grievanceId)).dbOps)).toBe(1);
  });
});

async function intentsMentioning(grievanceId: string): Promise<string[]> {
  const { DynamoDBClient, ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint: process.env.LINLI_TEST_DYNAMO,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const out: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: 'linli-local',
        FilterExpression: '#et = :e',
        ExpressionAttributeNames: { '#et': '_et' },
        ExpressionAttributeValues: { ':e': { S: 'NotificationIntent' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) if (JSON.stringify(item).includes(grievanceId)) out.push(JSON.stringify(item));
    start = page.LastEvaluatedKey as never;
  } while (start);
  client.destroy();
  expect(out.length).toBeGreaterThan(0);
  return out;
}

describe('人工复核 over HTTP', () => {
  const reviews = async (who: PersonaKey) => {
    const res = await call(G.listReviews, { token: tokens[who], params: { communityId: C }, query: { limit: 100 } });
    expect(res.status).toBe(200);
    return res.body.items.map((i) => `${i.grievance.grievanceId}:${i.target.kind}`);
  };
  const decide = (who: PersonaKey, grievanceId: string, body: object) =>
    raw('POST', `/communities/${C}/grievances/${grievanceId}/reviews`, {
      token: tokens[who],
      body: JSON.stringify(body),
    });

  it('approving a flagged public request shows it to neighbours; a retry answers the same; a second decision is 409', async () => {
    const c = await submit(
      tokens.wang,
      newRequest({ description: '3栋楼道贴满小广告，写着加微信办证', location: { kind: 'building', buildingId: B3 } }),
    );
    const hidden = (await detail(tokens.li, c.grievanceId)).body;
    expect(hidden).toMatchObject({ descriptionState: 'reviewing', excerpt: '内容审核中' });
    expect(hidden.description).toBeUndefined();
    expect((await detail(tokens.sun, c.grievanceId)).body).toMatchObject({
      descriptionAwaitingReview: true,
      canReview: true,
    });
    expect(await reviews('sun')).toContain(`${c.grievanceId}:description`);
    expect(await reviews('liu')).toContain(`${c.grievanceId}:description`);
    expect(await reviews('zhao')).not.toContain(`${c.grievanceId}:description`);

    const approve = { target: { kind: 'description' }, decision: 'approve', reason: '如实反映小广告问题' };
    const first = await decide('sun', c.grievanceId, approve);
    expect(first).toMatchObject({ status: 200, body: { descriptionState: 'visible', canReview: false } });
    expect(await decide('sun', c.grievanceId, approve)).toMatchObject({ status: 200 });
    expect(await decide('sun', c.grievanceId, { ...approve, decision: 'reject' })).toMatchObject({
      status: 409,
      body: { error: { code: 'NOT_IN_REVIEW' } },
    });
    const seen = (await detail(tokens.li, c.grievanceId)).body;
    expect(seen).toMatchObject({ descriptionState: 'visible', description: '3栋楼道贴满小广告，写着加微信办证' });
    expect(seen.timeline.map((e) => e.action)).toEqual(['submit']);
    expect((await detail(tokens.sun, c.grievanceId)).body.timeline.map((e) => e.action)).toEqual([
      'submit',
      'approveContent',
    ]);
    expect(await reviews('sun')).not.toContain(`${c.grievanceId}:description`);
  });

  it('rejecting hides the request’s text, tells the reporter why in the inbox, and refuses outsiders', async () => {
    const c = await submit(
      tokens.wang,
      newRequest({ description: '需要修水管的请加微信找我', location: { kind: 'building', buildingId: B3 } }),
    );
    expect(
      await decide('wu', c.grievanceId, { target: { kind: 'description' }, decision: 'reject', reason: '广告' }),
    ).toMatchObject({ status: 403 });
    expect(
      (await decide('li', c.grievanceId, { target: { kind: 'description' }, decision: 'reject', reason: '广告' }))
        .status,
    ).toBe(403);
    expect(
      (await decide('zhao', c.grievanceId, { target: { kind: 'description' }, decision: 'reject', reason: '广告' }))
        .status,
    ).toBe(403);
    expect(await decide('liu', c.grievanceId, { target: { kind: 'description' }, decision: 'reject' })).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'body.reason' }] } },
    });

    expect(
      (
        await decide('liu', c.grievanceId, {
          target: { kind: 'description' },
          decision: 'reject',
          reason: '含个人联系方式广告',
        })
      ).status,
    ).toBe(200);
    const hidden = (await detail(tokens.li, c.grievanceId)).body;
    expect(hidden).toMatchObject({ descriptionState: 'rejected', excerpt: '内容未通过审核' });
    expect(hidden.description).toBeUndefined();
    expect((await detail(tokens.wang, c.grievanceId)).body).toMatchObject({
      descriptionState: 'rejected',
      descriptionRejectedReason: '诉求描述：含个人联系方式广告',
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const inbox = await call(API.notifications.listInbox, { token: tokens.wang, query: { limit: 50 } });
      const item = inbox.body.items.find(
        (i) => i.link?.includes(c.grievanceId) && i.title === '您的诉求描述未通过人工复核',
      );
      if (item) {
        expect(item.body).toContain('含个人联系方式广告');
        break;
      }
      if (Date.now() > deadline) throw new Error('the rejection never reached the reporter’s inbox');
      await new Promise((r) => setTimeout(r, 300));
    }
  });

  it('a photo WeChat asks a person to judge waits in the queue and shows to neighbours once approved', async () => {
    const key = await uploadPhoto(tokens.wang, 'needs-review.jpg');
    const c = await submit(
      tokens.wang,
      newRequest({ photos: [{ key }], location: { kind: 'building', buildingId: B3 } }),
    );
    const asStaff = await detailWhen(tokens.liu, c.grievanceId, (d) => d.photos[0]?.awaitingReview === true);
    const waiting = (await detail(tokens.li, c.grievanceId)).body.photos;
    expect(waiting).toEqual([expect.objectContaining({ state: 'reviewing' })]);
    expect(waiting[0]?.url).toBeUndefined();
    expect(await reviews('liu')).toContain(`${c.grievanceId}:photo`);
    const photoId = asStaff.photos[0]!.photoId;
    expect(
      (await decide('liu', c.grievanceId, { target: { kind: 'photo', photoId }, decision: 'approve' })).status,
    ).toBe(200);
    expect((await detail(tokens.li, c.grievanceId)).body.photos).toEqual([
      expect.objectContaining({ state: 'visible', url: expect.any(String) }),
    ]);
    expect(
      (await decide('liu', c.grievanceId, { target: { kind: 'photo', photoId: 'pnosuchphoto' }, decision: 'approve' }))
        .status,
    ).toBe(404);
  });
});
