import { HOUR_MS, MINUTE_MS } from '@linli/shared';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWeChatStandIn, type WeChatStandIn } from '../../../devstack/wechat/server';
import {
  ContentScene,
  InMemoryAccessTokenStore,
  WeChatApiError,
  createWeChatClient,
  type WeChatClientOptions,
  type WxaMediaCheckEvent,
} from './client';

const APP_ID = 'wx-client-test';
const SECRET = 'client-test-secret';
const TEMPLATE = 'tmpl-activity-reminder';
const RESIDENT = 'o-resident-zhao';

let clock = Date.UTC(2025, 2, 3, 2, 0, 0);
let wx: WeChatStandIn;

beforeAll(async () => {
  wx = await startWeChatStandIn({
    appId: APP_ID,
    appSecret: SECRET,
    now: () => clock,
    code2SessionPerMinute: 3,
    personas: [{ openid: RESIDENT, label: '赵大爷', unionid: 'u-zhao' }],
  });
});
afterAll(() => wx.close());
beforeEach(() => {
  wx.state.reset();
  clock += 60 * MINUTE_MS;
});

function client(extra: Partial<WeChatClientOptions> = {}) {
  return createWeChatClient({
    baseUrl: wx.url,
    appId: APP_ID,
    secret: async () => SECRET,
    tokenStore: new InMemoryAccessTokenStore(),
    now: () => clock,
    ...extra,
  });
}

const reminder = {
  touser: RESIDENT,
  templateId: TEMPLATE,
  page: 'pages/activity/detail?id=A7',
  data: { thing1: '重阳节包饺子', time2: '10月11日 09:30' },
};
const stableTokenCalls = () => wx.state.calls.filter((c) => c.api === 'stable_token').length;
const sendAttempts = () => wx.state.sent.length;

async function rejection(promise: Promise<unknown>): Promise<WeChatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WeChatApiError)) throw new Error(`expected a WeChatApiError, got ${String(error)}`);
  return error;
}

describe('code2Session', () => {
  it('answers the openid and unionid, never the session_key', async () => {
    const session = await client().code2Session(wx.state.mintLoginCode(RESIDENT));
    expect(session).toEqual({ openid: RESIDENT, unionid: 'u-zhao' });
    expect(JSON.stringify(session)).not.toContain('session_key');
  });

  it('reports unknown and reused codes as invalid codes (40029, 40163)', async () => {
    const wechat = client();
    const unknown = await rejection(wechat.code2Session('0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P'));
    expect(unknown).toMatchObject({
      errcode: 40029,
      api: 'auth.code2Session',
      isInvalidCode: true,
      isRateLimited: false,
    });
    const code = wx.state.mintLoginCode(RESIDENT);
    await wechat.code2Session(code);
    expect(await rejection(wechat.code2Session(code))).toMatchObject({ errcode: 40163, isInvalidCode: true });
  });

  it('reports the per-minute quota (45011) as rate limited', async () => {
    const wechat = client();
    for (let i = 0; i < 3; i++) await wechat.code2Session(wx.state.mintLoginCode(RESIDENT));
    const limited = await rejection(wechat.code2Session(wx.state.mintLoginCode(RESIDENT)));
    expect(limited).toMatchObject({ errcode: 45011, isRateLimited: true, isInvalidCode: false, isTransient: false });
  });

  it('reports a blocked high-risk user (40226)', async () => {
    wx.state.injectFault('jscode2session', 40226, 1);
    expect(await rejection(client().code2Session(wx.state.mintLoginCode(RESIDENT)))).toMatchObject({
      isLoginBlocked: true,
    });
  });
});

describe('access_token', () => {
  it('fetches one token for many sends and keeps it in the central store', async () => {
    const tokenStore = new InMemoryAccessTokenStore();
    const wechat = client({ tokenStore });
    wx.state.addGrants(RESIDENT, TEMPLATE, 5);
    await Promise.all(Array.from({ length: 5 }, () => wechat.sendSubscribeMessage(reminder)));
    expect(stableTokenCalls()).toBe(1);
    expect(wx.state.sent.map((s) => s.errcode)).toEqual([0, 0, 0, 0, 0]);
    expect(await tokenStore.get()).toEqual({ token: await wechat.getAccessToken(), expiresAt: clock + 2 * HOUR_MS });
  });

  it('reuses a token another container stored instead of fetching one', async () => {
    const tokenStore = new InMemoryAccessTokenStore();
    const first = await client({ tokenStore }).getAccessToken();
    expect(await client({ tokenStore }).getAccessToken()).toBe(first);
    expect(stableTokenCalls()).toBe(1);
  });

  it('fetches a new token five minutes before the cached one expires', async () => {
    const wechat = client();
    const first = await wechat.getAccessToken();
    clock += 2 * HOUR_MS - 5 * MINUTE_MS - 1000;
    expect(await wechat.getAccessToken()).toBe(first);
    clock += 2000;
    expect(await wechat.getAccessToken()).not.toBe(first);
    expect(stableTokenCalls()).toBe(2);
  });

  it('force-refreshes once when WeChat answers 40001, and the send goes through', async () => {
    const tokenStore = new InMemoryAccessTokenStore();
    const wechat = client({ tokenStore });
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    const before = await wechat.getAccessToken();
    wx.state.injectFault('subscribe.send', 40001, 1);
    await wechat.sendSubscribeMessage(reminder);
    expect(wx.state.sent.map((s) => s.errcode)).toEqual([40001, 0]);
    const after = (await tokenStore.get())?.token;
    expect(after).not.toBe(before);
    expect(wx.state.checkAccessToken(before)).toBe(40001); // the forced refresh revoked it
    expect(stableTokenCalls()).toBe(2);
  });

  it('refreshes when the token has expired at WeChat before the cache says so (42001)', async () => {
    const wechat = client();
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    await wechat.getAccessToken();
    wx.state.expireAccessTokens();
    await wechat.sendSubscribeMessage(reminder);
    expect(wx.state.sent.map((s) => s.errcode)).toEqual([42001, 0]);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    const wechat = client();
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    wx.state.injectFault('subscribe.send', 40001, 2);
    const error = await rejection(wechat.sendSubscribeMessage(reminder));
    expect(error).toMatchObject({ errcode: 40001, isTokenInvalid: true, api: 'subscribeMessage.send' });
    expect(sendAttempts()).toBe(2);
    expect(wx.state.grantsLeft(RESIDENT, TEMPLATE)).toBe(1);
  });

  it('takes the newer token another container stored rather than forcing a refresh', async () => {
    const tokenStore = new InMemoryAccessTokenStore();
    const lambdaA = client({ tokenStore });
    const lambdaB = client({ tokenStore });
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    await lambdaA.getAccessToken();
    await lambdaB.getAccessToken(); // both hold the same token in memory now
    wx.state.invalidateAccessTokens();
    clock += MINUTE_MS; // past the 30-second window in which WeChat would not force-refresh again
    await lambdaA.msgSecCheck({ openid: RESIDENT, content: '你好', scene: ContentScene.comment }); // A refreshes
    const callsBefore = stableTokenCalls();
    await lambdaB.sendSubscribeMessage(reminder); // B is refused, finds A's token in the store
    expect(stableTokenCalls()).toBe(callsBefore);
    expect(wx.state.sent.map((s) => s.errcode)).toEqual([40001, 0]);
  });
});

describe('sendSubscribeMessage', () => {
  it('sends WeChat’s documented body', async () => {
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    await client().sendSubscribeMessage({ ...reminder, miniprogramState: 'trial' });
    expect(wx.state.sent[0]).toMatchObject({
      touser: RESIDENT,
      templateId: TEMPLATE,
      page: 'pages/activity/detail?id=A7',
      miniprogramState: 'trial',
      data: { thing1: '重阳节包饺子', time2: '10月11日 09:30' },
      errcode: 0,
    });
  });

  it('reports a user without a grant as refused (43101), without retrying', async () => {
    const error = await rejection(client().sendSubscribeMessage(reminder));
    expect(error).toMatchObject({ errcode: 43101, isUserRefused: true, isTransient: false });
    expect(sendAttempts()).toBe(1);
  });

  it('reports WeChat being busy (-1) as transient, without retrying', async () => {
    wx.state.addGrants(RESIDENT, TEMPLATE, 1);
    wx.state.injectFault('subscribe.send', -1, 1);
    expect(await rejection(client().sendSubscribeMessage(reminder))).toMatchObject({ errcode: -1, isTransient: true });
    expect(sendAttempts()).toBe(1);
  });
});

describe('content security', () => {
  it('answers msgSecCheck’s verdict: risky with its label, or pass', async () => {
    const wechat = client();
    const risky = await wechat.msgSecCheck({
      openid: RESIDENT,
      content: '可以代开发票，价格优惠',
      scene: ContentScene.forum,
    });
    expect(risky).toEqual({ suggest: 'risky', label: 20006, traceId: expect.any(String) });
    const pass = await wechat.msgSecCheck({
      openid: RESIDENT,
      content: '明早九点在活动室集合',
      scene: ContentScene.forum,
    });
    expect(pass).toMatchObject({ suggest: 'pass', label: 100 });
  });

  it('starts a media check and the verdict arrives with the same trace_id', async () => {
    const events: WxaMediaCheckEvent[] = [];
    let delivered: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    const receive = async (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      events.push(JSON.parse(text) as WxaMediaCheckEvent);
      res.end('success');
      delivered();
    };
    const receiver: Server = createServer((req, res) => {
      receive(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const pushing = await startWeChatStandIn({
      appId: APP_ID,
      appSecret: SECRET,
      callbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`,
      callbackDelayMs: 5,
    });
    try {
      const wechat = client({ baseUrl: pushing.url, now: Date.now });
      const { traceId } = await wechat.mediaCheckAsync({
        openid: RESIDENT,
        mediaUrl: 'http://127.0.0.1:4569/photos/risky-flyer.jpg',
        mediaType: 'image',
        scene: ContentScene.forum,
      });
      await arrived;
      expect(events[0]).toMatchObject({ trace_id: traceId, result: { suggest: 'risky' } });
    } finally {
      await pushing.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('failures to reach WeChat', () => {
  it('reports a refused connection as transient, without the secret in the message', async () => {
    const closed = await startWeChatStandIn({ appId: APP_ID, appSecret: SECRET });
    await closed.close();
    const error = await rejection(client({ baseUrl: closed.url }).code2Session('any-code'));
    expect(error).toMatchObject({
      errcode: -1,
      isTransient: true,
      api: 'auth.code2Session',
      errmsg: 'unreachable (ECONNREFUSED)',
    });
    expect(error.message).not.toContain(SECRET);
  });

  it('gives up on a call that gets no answer in time', async () => {
    const silent = createServer(() => {}); // accepts and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const error = await rejection(client({ baseUrl, timeoutMs: 50 }).getAccessToken());
      expect(error).toMatchObject({ errcode: -1, isTransient: true, errmsg: 'no answer within 50 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
