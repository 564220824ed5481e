import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWeChatStandIn, type WeChatStandIn, type WeChatStandInOptions } from './server';

const APP_ID = 'wx-test-app';
const SECRET = 'test-secret';
const TEMPLATE = 'tmpl-grievance-progress';
const RID = /rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

let clock = Date.UTC(2025, 0, 6, 1, 0, 0);
const minutes = (n: number) => n * 60_000;
const standIns: WeChatStandIn[] = [];

async function standIn(extra: Partial<WeChatStandInOptions> = {}): Promise<WeChatStandIn> {
  const started = await startWeChatStandIn({
    appId: APP_ID,
    appSecret: SECRET,
    now: () => clock,
    personas: [
      { openid: 'o-resident-wang', label: '王阿姨（居民）', unionid: 'u-wang' },
      { openid: 'o-grid-li', label: '李明（网格员）' },
    ],
    code2SessionPerMinute: 5,
    ...extra,
  });
  standIns.push(started);
  return started;
}

let wx: WeChatStandIn;
beforeAll(async () => {
  wx = await standIn();
});
afterAll(() => Promise.all(standIns.map((s) => s.close())));
beforeEach(async () => {
  await dev(wx, 'POST', '/dev/reset');
  clock += minutes(60);
});

async function dev(target: WeChatStandIn, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** Calls a WeChat API path and answers its JSON. */
async function api(target: WeChatStandIn, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${target.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200); // WeChat answers errors with HTTP 200 and an errcode
  return (await response.json()) as Record<string, unknown>;
}

const loginCode = async (openid: string, target = wx) =>
  ((await dev(target, 'POST', '/dev/login-code', { openid })).json as { code: string }).code;

const jscode2session = (code: string, params: Record<string, string> = {}, target = wx) =>
  api(
    target,
    `/sns/jscode2session?${new URLSearchParams({ appid: APP_ID, secret: SECRET, js_code: code, grant_type: 'authorization_code', ...params })}`,
  );

async function accessToken(forceRefresh = false, target = wx): Promise<string> {
  const answer = await api(target, '/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: APP_ID,
    secret: SECRET,
    force_refresh: forceRefresh,
  });
  return answer.access_token as string;
}

const send = (token: string, body: Record<string, unknown>, target = wx) =>
  api(target, `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, body);

const progressMessage = (touser = 'o-resident-wang', templateId = TEMPLATE) => ({
  touser,
  template_id: templateId,
  page: 'pages/grievance/detail?id=G1',
  data: { thing1: { value: '楼道灯不亮' }, phrase2: { value: '处理中' } },
});

const secCheck = (token: string, body: Record<string, unknown>) =>
  api(wx, `/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, body);

describe('jscode2session (code2Session)', () => {
  it('exchanges a minted login code for the openid, a session_key and the unionid, with no errcode on success', async () => {
    const answer = await jscode2session(await loginCode('o-resident-wang'));
    expect(answer).toEqual({ openid: 'o-resident-wang', session_key: expect.any(String), unionid: 'u-wang' });
    expect(await jscode2session(await loginCode('o-grid-li'))).toEqual({
      openid: 'o-grid-li',
      session_key: expect.any(String),
    });
  });

  it('answers 40163 code been used when a code comes back', async () => {
    const code = await loginCode('o-resident-wang');
    await jscode2session(code);
    const again = await jscode2session(code);
    expect(again.errcode).toBe(40163);
    expect(again.errmsg).toMatch(/^code been used/);
    expect(again.errmsg).toMatch(RID);
  });

  it('answers 40029 invalid code for a code it never minted and for one older than five minutes', async () => {
    expect(await jscode2session('0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P')).toMatchObject({
      errcode: 40029,
      errmsg: expect.stringMatching(/^invalid code/),
    });
    const code = await loginCode('o-resident-wang');
    clock += minutes(5) + 1000;
    expect((await jscode2session(code)).errcode).toBe(40029);
  });

  it('checks the app id (40013) and the secret (40125) before it looks at the code, which stays usable', async () => {
    const code = await loginCode('o-resident-wang');
    expect(await jscode2session(code, { appid: 'wx-someone-else' })).toMatchObject({
      errcode: 40013,
      errmsg: expect.stringMatching(/^invalid appid/),
    });
    expect(await jscode2session(code, { secret: 'wrong' })).toMatchObject({
      errcode: 40125,
      errmsg: expect.stringMatching(/^invalid appsecret/),
    });
    expect((await jscode2session(code)).openid).toBe('o-resident-wang');
  });

  it('answers 45011 past a user’s per-minute quota, serves other users meanwhile, and serves again the next minute', async () => {
    clock = Math.ceil(clock / minutes(1)) * minutes(1); // the start of a minute
    const codes = await Promise.all(Array.from({ length: 6 }, () => loginCode('o-grid-li')));
    for (const code of codes.slice(0, 5)) expect((await jscode2session(code)).openid).toBe('o-grid-li');
    const limited = await jscode2session(codes[5] as string);
    expect(limited).toMatchObject({
      errcode: 45011,
      errmsg: expect.stringMatching(/^api minute-quota reach limit {2}mustslower {2}retry next minute/),
    });
    expect((await jscode2session(await loginCode('o-resident-wang'))).openid).toBe('o-resident-wang');
    clock += minutes(1);
    expect((await jscode2session(codes[5] as string)).openid).toBe('o-grid-li');
  });

  it('maps codes from WeChat DevTools to devtools-user only when told to, still once per code', async () => {
    const lenient = await standIn({ acceptAnyCode: true });
    const devtoolsCode = '081aBcDe000fGh1IjKl200mNoPq3aBcD';
    expect((await jscode2session(devtoolsCode, {}, lenient)).openid).toBe('devtools-user');
    expect((await jscode2session(devtoolsCode, {}, lenient)).errcode).toBe(40163);
    expect((await jscode2session('not a code', {}, lenient)).errcode).toBe(40029);
    const expired = await loginCode('o-grid-li', lenient);
    clock += minutes(6);
    expect((await jscode2session(expired, {}, lenient)).errcode).toBe(40029); // a minted code never turns into devtools-user
    expect((await jscode2session(devtoolsCode)).errcode).toBe(40029); // off by default
  });
});

describe('stable_token (getStableAccessToken)', () => {
  it('checks the app id and the secret', async () => {
    const request = { grant_type: 'client_credential', appid: APP_ID, secret: SECRET };
    expect((await api(wx, '/cgi-bin/stable_token', { ...request, appid: 'wx-other' })).errcode).toBe(40013);
    expect((await api(wx, '/cgi-bin/stable_token', { ...request, secret: 'wrong' })).errcode).toBe(40125);
    expect(await api(wx, '/cgi-bin/stable_token', request)).toEqual({
      access_token: expect.any(String),
      expires_in: 7200,
    });
  });

  it('answers the same token until five minutes before it expires, then a new one while the old stays valid', async () => {
    const first = await accessToken();
    clock += minutes(60);
    expect(
      await api(wx, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APP_ID, secret: SECRET }),
    ).toEqual({
      access_token: first,
      expires_in: 3600,
    });
    clock += minutes(56);
    const second = await accessToken();
    expect(second).not.toBe(first);
    expect((await secCheck(first, { content: '你好', version: 2, scene: 2, openid: 'o-grid-li' })).errcode).toBe(0);
    clock += minutes(4);
    expect((await secCheck(first, { content: '你好', version: 2, scene: 2, openid: 'o-grid-li' })).errcode).toBe(42001);
    expect((await secCheck(second, { content: '你好', version: 2, scene: 2, openid: 'o-grid-li' })).errcode).toBe(0);
  });

  it('force_refresh revokes the current token at once, but refreshes at most every 30 seconds', async () => {
    const first = await accessToken();
    const second = await accessToken(true);
    expect(second).not.toBe(first);
    expect((await send(first, progressMessage())).errcode).toBe(40001);
    expect(await accessToken(true)).toBe(second);
    clock += 30_000;
    expect(await accessToken(true)).not.toBe(second);
  });

  it('lets tests expire (42001) or invalidate (40001) every token, and answers 41001 without one', async () => {
    const token = await accessToken();
    await dev(wx, 'POST', '/dev/tokens/expire');
    expect(await send(token, progressMessage())).toMatchObject({
      errcode: 42001,
      errmsg: expect.stringMatching(/^access_token expired/),
    });
    const fresh = await accessToken();
    await dev(wx, 'POST', '/dev/tokens/invalidate');
    expect((await send(fresh, progressMessage())).errcode).toBe(40001);
    expect((await api(wx, '/cgi-bin/message/subscribe/send', progressMessage())).errcode).toBe(41001);
  });
});

describe('subscribeMessage.send', () => {
  it('answers 43101 when the user holds no grant, and uses up one grant per message', async () => {
    const token = await accessToken();
    expect(await send(token, progressMessage())).toMatchObject({
      errcode: 43101,
      errmsg: expect.stringMatching(/^user refuse to accept the msg/),
    });
    const granted = await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 2 });
    expect(granted.json).toEqual({ openid: 'o-resident-wang', templateId: TEMPLATE, remaining: 2 });
    expect(await send(token, progressMessage())).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await send(token, progressMessage())).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await send(token, progressMessage())).errcode).toBe(43101);
    expect((await dev(wx, 'GET', '/dev/grants')).json).toEqual([
      { openid: 'o-resident-wang', templateId: TEMPLATE, remaining: 0 },
    ]);
  });

  it('keeps grants per user and template', async () => {
    const token = await accessToken();
    await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 1 });
    expect((await send(token, progressMessage('o-resident-wang', 'tmpl-vote-closing'))).errcode).toBe(43101);
    expect((await send(token, progressMessage('o-grid-li'))).errcode).toBe(43101);
    expect(wx.state.grantsLeft('o-resident-wang', TEMPLATE)).toBe(1);
  });

  it('checks touser (40003), template_id (40037) and each keyword value, naming the first bad field (47003)', async () => {
    const token = await accessToken();
    await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 5 });
    expect((await send(token, { ...progressMessage(), touser: '' })).errcode).toBe(40003);
    expect((await send(token, { ...progressMessage(), template_id: undefined })).errcode).toBe(40037);
    const tooLong = await send(token, {
      ...progressMessage(),
      data: { thing1: { value: '楼道灯不亮已经一周了，晚上回家非常不方便，请尽快处理' } },
    });
    expect(tooLong).toMatchObject({
      errcode: 47003,
      errmsg: expect.stringMatching(/^argument invalid! data\.thing1\.value invalid/),
    });
    const empty = await send(token, {
      ...progressMessage(),
      data: { thing1: { value: '' }, phrase2: { value: '处理中' } },
    });
    expect(empty.errmsg).toMatch(/^argument invalid! data\.thing1\.value is empty/);
    const notPhrase = await send(token, {
      ...progressMessage(),
      data: { thing1: { value: '楼道灯' }, phrase2: { value: 'done' } },
    });
    expect(notPhrase.errmsg).toMatch(/^argument invalid! data\.phrase2\.value invalid/);
    expect(wx.state.grantsLeft('o-resident-wang', TEMPLATE)).toBe(5); // refused sends use no grant
  });

  it('enforces configured templates: unknown ids answer 40037, a missing keyword 47003', async () => {
    const strict = await standIn({
      templates: [{ id: TEMPLATE, title: '诉求进展提醒', keywords: { thing1: '诉求内容', phrase2: '处理状态' } }],
    });
    const token = await accessToken(false, strict);
    strict.state.addGrants('o-resident-wang', TEMPLATE, 1);
    expect((await send(token, progressMessage('o-resident-wang', 'tmpl-unknown'), strict)).errcode).toBe(40037);
    const missing = await send(token, { ...progressMessage(), data: { thing1: { value: '楼道灯不亮' } } }, strict);
    expect(missing.errmsg).toMatch(/^argument invalid! data\.phrase2\.value is empty/);
    expect((await send(token, progressMessage(), strict)).errcode).toBe(0);
  });

  it('records every attempt with its outcome, and shows them newest first on the dev page', async () => {
    const token = await accessToken();
    await send(token, progressMessage());
    await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 1 });
    await send(token, {
      ...progressMessage(),
      data: { thing1: { value: '<script>x</script>' }, phrase2: { value: '已办结' } },
    });

    const sent = (await dev(wx, 'GET', '/dev/sent')).json;
    expect(sent).toEqual([
      expect.objectContaining({
        touser: 'o-resident-wang',
        templateId: TEMPLATE,
        errcode: 43101,
        data: { thing1: '楼道灯不亮', phrase2: '处理中' },
      }),
      expect.objectContaining({
        page: 'pages/grievance/detail?id=G1',
        errcode: 0,
        errmsg: 'ok',
        data: { thing1: '<script>x</script>', phrase2: '已办结' },
      }),
    ]);

    const page = await (await fetch(wx.url)).text();
    expect(page).toContain('订阅消息发送记录');
    expect(page).toContain('王阿姨（居民）');
    expect(page).not.toContain('<script>x</script>');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page.indexOf('已办结')).toBeLessThan(page.indexOf('处理中')); // newest first
    expect(page).toContain('未送达 43101');
  });

  it('answers 43002 to GET on a POST API, 44002 to an empty body and 47001 to a body that is not JSON', async () => {
    const token = await accessToken();
    const errcodeOf = async (init?: RequestInit) => {
      const response = await fetch(
        `${wx.url}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
        init,
      );
      return ((await response.json()) as { errcode: number }).errcode;
    };
    expect(await errcodeOf()).toBe(43002);
    expect(await errcodeOf({ method: 'POST' })).toBe(44002);
    expect(await errcodeOf({ method: 'POST', body: '{touser:' })).toBe(47001);
  });
});

describe('fault injection', () => {
  it('makes the next N calls to one API fail with the given errcode, then lets it recover', async () => {
    const token = await accessToken();
    await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 1 });
    expect((await dev(wx, 'POST', '/dev/faults', { api: 'subscribe.send', errcode: -1, times: 2 })).status).toBe(200);
    expect(await send(token, progressMessage())).toMatchObject({
      errcode: -1,
      errmsg: expect.stringMatching(/^system error/),
    });
    expect((await send(token, progressMessage())).errcode).toBe(-1);
    expect((await send(token, progressMessage())).errcode).toBe(0);
    expect(wx.state.sent.map((s) => s.errcode)).toEqual([-1, -1, 0]);
    expect(wx.state.calls.filter((c) => c.api === 'subscribe.send').map((c) => c.errcode)).toEqual([-1, -1, 0]);
  });

  it('leaves the login code unused when jscode2session is made to fail', async () => {
    const code = await loginCode('o-grid-li');
    await dev(wx, 'POST', '/dev/faults', { api: 'jscode2session', errcode: 40226 });
    expect((await jscode2session(code)).errcode).toBe(40226);
    expect((await jscode2session(code)).openid).toBe('o-grid-li');
  });

  it('refuses faults for APIs it does not serve, and /dev requests without what they need', async () => {
    expect(await dev(wx, 'POST', '/dev/faults', { api: 'customer_service', errcode: -1 })).toMatchObject({
      status: 400,
    });
    expect(await dev(wx, 'POST', '/dev/faults', { api: 'stable_token', errcode: 0 })).toMatchObject({ status: 400 });
    expect(await dev(wx, 'POST', '/dev/grants', { openid: 'o-grid-li', templateId: TEMPLATE, count: 0 })).toMatchObject(
      { status: 400 },
    );
    expect(await dev(wx, 'POST', '/dev/login-code', {})).toMatchObject({
      status: 400,
      json: { error: 'openid must be a non-empty string' },
    });
  });
});

describe('/dev/reset', () => {
  it('forgets sends, grants, codes, tokens and faults', async () => {
    const token = await accessToken();
    const code = await loginCode('o-grid-li');
    await dev(wx, 'POST', '/dev/grants', { openid: 'o-resident-wang', templateId: TEMPLATE, count: 3 });
    await send(token, progressMessage());
    await dev(wx, 'POST', '/dev/faults', { api: 'msg_sec_check', errcode: -1, times: 5 });

    await dev(wx, 'POST', '/dev/reset');
    expect((await dev(wx, 'GET', '/dev/sent')).json).toEqual([]);
    expect((await dev(wx, 'GET', '/dev/grants')).json).toEqual([]);
    expect((await jscode2session(code)).errcode).toBe(40029);
    expect((await send(token, progressMessage())).errcode).toBe(40001);
    expect(
      (await secCheck(await accessToken(), { content: '你好', version: 2, scene: 2, openid: 'o-grid-li' })).errcode,
    ).toBe(0);
  });

  it('answers the H5 build’s CORS preflight on /dev routes', async () => {
    const response = await fetch(`${wx.url}/dev/login-code`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('msg_sec_check (msgSecCheck v2)', () => {
  it('flags listed words as risky with their label, in WeChat’s answer shape', async () => {
    const answer = await secCheck(await accessToken(), {
      content: '周末楼下有人组织赌博',
      version: 2,
      scene: 3,
      openid: 'o-resident-wang',
    });
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'risky', label: 20006 },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20006, prob: 90 },
        { strategy: 'keyword', errcode: 0 },
      ],
      trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
  });

  it('passes ordinary text with label 100 and sends advertising to review', async () => {
    const token = await accessToken();
    const pass = await secCheck(token, { content: '3号楼电梯又坏了', version: 2, scene: 2, openid: 'o-resident-wang' });
    expect(pass.result).toEqual({ suggest: 'pass', label: 100 });
    const review = await secCheck(token, {
      content: '低价装修请加微信',
      version: 2,
      scene: 2,
      openid: 'o-resident-wang',
    });
    expect(review.result).toEqual({ suggest: 'review', label: 10001 });
  });

  it('checks version, openid and scene', async () => {
    const token = await accessToken();
    const request = { content: '你好', version: 2, scene: 2, openid: 'o-resident-wang' };
    expect((await secCheck(token, { ...request, scene: 5 })).errcode).toBe(40129);
    expect((await secCheck(token, { ...request, openid: undefined })).errcode).toBe(40003);
    expect((await secCheck(token, { ...request, version: undefined })).errcode).toBe(47001);
  });
});

describe('media_check_async (mediaCheckAsync v2)', () => {
  it('answers a trace_id and pushes the signed wxa_media_check event to the callback URL', async () => {
    const pushes: { url: URL; event: Record<string, unknown> }[] = [];
    let arrived: () => void = () => {};
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const receive = async (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      pushes.push({ url: new URL(req.url ?? '/', 'http://receiver'), event: JSON.parse(text) });
      res.end('success');
      arrived();
    };
    const receiver = createServer((req, res) => {
      receive(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const pushing = await standIn({
        callbackUrl: `http://127.0.0.1:${port}/wechat/push`,
        callbackToken: 'push-token',
        callbackDelayMs: 5,
      });
      const token = await accessToken(false, pushing);
      const answer = await api(pushing, `/wxa/media_check_async?access_token=${encodeURIComponent(token)}`, {
        media_url: 'http://127.0.0.1:4569/photos/risky-1.jpg',
        media_type: 2,
        version: 2,
        scene: 3,
        openid: 'o-resident-wang',
      });
      expect(answer).toEqual({ errcode: 0, errmsg: 'ok', trace_id: expect.any(String) });
      await received;

      const [push] = pushes;
      const timestamp = push?.url.searchParams.get('timestamp') ?? '';
      const nonce = push?.url.searchParams.get('nonce') ?? '';
      const expected = createHash('sha1').update(['push-token', timestamp, nonce].sort().join('')).digest('hex');
      expect(push?.url.pathname).toBe('/wechat/push');
      expect(push?.url.searchParams.get('signature')).toBe(expected);
      expect(push?.event).toMatchObject({
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: APP_ID,
        FromUserName: 'o-resident-wang',
        trace_id: answer.trace_id,
        version: 2,
        result: { suggest: 'risky', label: '20002' },
      });
      for (let i = 0; i < 100 && pushing.state.mediaChecks[0]?.callback === 'pending'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(pushing.state.mediaChecks[0]?.callback).toBe('delivered');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('passes ordinary media and checks the media type', async () => {
    const token = await accessToken();
    const path = `/wxa/media_check_async?access_token=${encodeURIComponent(token)}`;
    const request = {
      media_url: 'http://127.0.0.1:4569/photos/stairwell.jpg',
      media_type: 2,
      version: 2,
      scene: 3,
      openid: 'o-resident-wang',
    };
    expect((await api(wx, path, request)).errcode).toBe(0);
    expect(wx.state.mediaChecks[0]).toMatchObject({ suggest: 'pass', label: 100, callback: 'not configured' });
    expect((await api(wx, path, { ...request, media_type: 3 })).errcode).toBe(47001);
  });
});
