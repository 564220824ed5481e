import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import SessionsPage from './index';

const device = (sessionId: string, name: string, current: boolean) => ({
  sessionId,
  device: name,
  signedInAt: '2026-11-20T08:00:00.000Z',
  lastSeenAt: '2026-11-22T06:05:00.000Z',
  current,
});

describe('登录设备 (我的 → 登录设备)', () => {
  beforeEach(() => storeTokens());

  it('lists the devices with this one marked, and 退出所有设备 ends the others after a confirmation', async () => {
    let listed = [device('s2', 'iPhone · 微信', true), device('s1', 'Android · 微信', false)];
    const log = fakeApi({
      'GET /me': makeMe(),
      'GET /me/bindings': { items: [] },
      'GET /me/sessions': () => ({ sessions: listed }),
      'POST /me/sessions/end-all': () => {
        listed = listed.filter((s) => s.current);
        return { ended: 1 };
      },
    });
    renderWithSession(<SessionsPage />);
    await waitFor(() => expect(screen.getAllByTestId('my-session')).toHaveLength(2));
    const [mine] = screen.getAllByTestId('my-session');
    expect(within(mine!).getByText('本机')).toBeTruthy();
    expect(mine!.textContent).toContain('iPhone · 微信');

    fireEvent.click(screen.getByTestId('me-end-all'));
    // Nothing is ended before the person confirms.
    expect(log.some((r) => r.path === '/me/sessions/end-all')).toBe(false);
    fireEvent.click(screen.getByTestId('end-all-dialog-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('my-session')).toHaveLength(1));
    expect(log.filter((r) => r.method === 'POST' && r.path === '/me/sessions/end-all')).toHaveLength(1);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退出 1 台其他设备' }));
  });

  it('says when the list cannot load, and offers 重试', async () => {
    fakeApi({
      'GET /me': makeMe(),
      'GET /me/bindings': { items: [] },
      'GET /me/sessions': {
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } },
      },
    });
    renderWithSession(<SessionsPage />);
    expect(await screen.findByTestId('my-sessions-retry')).toBeTruthy();
    expect(screen.getByTestId('my-sessions-error').textContent).toContain('服务暂时繁忙');
  });

  it('keeps the dialog open with the reason when ending fails', async () => {
    fakeApi({
      'GET /me': makeMe(),
      'GET /me/bindings': { items: [] },
      'GET /me/sessions': { sessions: [device('s2', 'iPhone · 微信', true)] },
      'POST /me/sessions/end-all': {
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } },
      },
    });
    renderWithSession(<SessionsPage />);
    await screen.findAllByTestId('my-session');
    fireEvent.click(screen.getByTestId('me-end-all'));
    fireEvent.click(screen.getByTestId('end-all-dialog-confirm'));
    await waitFor(() => expect(screen.getByTestId('end-all-dialog').textContent).toContain('服务暂时繁忙'));
  });
});
