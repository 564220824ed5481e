import { act, fireEvent, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import { DEMO_OPENID_KEY } from '@/notifications/subscribeTypes';
import { SubscribePrompt } from './SubscribePrompt';

describe('<SubscribePrompt>', () => {
  beforeEach(() => storeTokens());

  it('says which template and which events the person will receive', async () => {
    fakeApi({ 'GET /me': makeMe() });
    renderWithSession(<SubscribePrompt events={['binding.approved', 'binding.rejected']} />);
    const prompt = await screen.findByTestId('subscribe-prompt');
    expect(prompt.textContent).toContain('审核结果通知');
    expect(prompt.textContent).toContain('房屋绑定已通过、房屋绑定被驳回');
    expect(prompt.textContent).toContain('我的消息');
  });

  it('on 允许, grants at the (demo) WeChat and reports the answer with a request id; shows what is left', async () => {
    Taro.setStorageSync(DEMO_OPENID_KEY, 'demo-openid-chen');
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: true, cancel: false });
    const log = fakeApi({
      'GET /me': makeMe(),
      'POST /wechat-dev/dev/grants': { remaining: 1 },
      'POST /notifications/grants': { grants: [{ template: 'reviewResult', title: '审核结果通知', remaining: 1 }] },
    });
    renderWithSession(<SubscribePrompt events={['binding.approved']} />);
    // Wait for the prompt outside act(): findBy polls with act switched off, and the session's first
    // answer landing meanwhile is what made React warn ("not configured to support act").
    const ask = await screen.findByTestId('subscribe-prompt-ask');
    await act(async () => {
      fireEvent.click(ask);
    });
    const grantAtStandIn = log.find((r) => r.path === '/wechat-dev/dev/grants');
    expect(grantAtStandIn?.body).toEqual({
      openid: 'demo-openid-chen',
      templateId: 'LINLI-LOCAL-review-result',
      count: 1,
    });
    const report = log.find((r) => r.path === '/notifications/grants');
    expect(report?.body.results).toEqual({ reviewResult: 'accept' });
    expect(report?.body.requestId).toMatch(/^[0-9a-z]{8,}$/);
    expect(screen.getByTestId('subscribe-prompt-done').textContent).toContain('已开启');
    expect(screen.getByTestId('subscribe-prompt').textContent).toContain('可提醒 1 次');
  });

  it('on 取消, reports the refusal and says the inbox still has everything', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    const log = fakeApi({ 'GET /me': makeMe(), 'POST /notifications/grants': { grants: [] } });
    renderWithSession(<SubscribePrompt events={['broadcast.published']} />);
    // Wait for the prompt outside act(): findBy polls with act switched off, and the session's first
    // answer landing meanwhile is what made React warn ("not configured to support act").
    const ask = await screen.findByTestId('subscribe-prompt-ask');
    await act(async () => {
      fireEvent.click(ask);
    });
    expect(log.find((r) => r.path === '/notifications/grants')?.body.results).toEqual({ communityNotice: 'reject' });
    expect(log.some((r) => r.path.includes('/dev/grants'))).toBe(false);
    expect(screen.getByTestId('subscribe-prompt-done').textContent).toContain('我的消息');
  });
});
