import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import HomePage from '@/pages/home/index';
import SignInPage from './index';

const later = () => new Date(Date.now() + 3600_000).toISOString();
const session = (mustAccept: boolean) => ({
  accessToken: 'access-9',
  accessTokenExpiresAt: later(),
  refreshToken: 'refresh-token-9-0123456789abcdef',
  refreshTokenExpiresAt: later(),
  me: makeMe({ privacy: { currentVersion: '2026-11-01', mustAccept } }),
});

describe('sign-in with a demo persona (H5)', () => {
  it('trades the stand-in login code for a session and asks for the privacy guideline first', async () => {
    const log = fakeApi({
      'GET /wechat-dev/dev/personas': [
        { openid: 'o-committee', label: '居委会 · 陈主任', roles: '居委会' },
        { openid: 'o-resident', label: '居民 · 王阿姨', roles: '居民' },
      ],
      'POST /wechat-dev/dev/login-code': (req: { body: { openid: string } }) => ({ code: `code-${req.body.openid}` }),
      'POST /auth/wechat': session(true),
    });
    renderWithSession(<SignInPage />);
    const persona = await screen.findByTestId('persona-o-resident');
    await act(async () => {
      fireEvent.click(persona);
    });
    expect(log.find((r) => r.path === '/auth/wechat')?.body).toEqual({ code: 'code-o-resident' });
    expect(Taro.getStorageSync('linli.session')).toMatchObject({ accessToken: 'access-9' });
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
  });

  it('offers a brand-new user', async () => {
    const log = fakeApi({
      'GET /wechat-dev/dev/personas': [],
      'POST /wechat-dev/dev/login-code': { code: 'c-new' },
      'POST /auth/wechat': session(false),
    });
    renderWithSession(<SignInPage />);
    const newcomer = await screen.findByTestId('persona-new');
    await act(async () => {
      fireEvent.click(newcomer);
    });
    expect(log.find((r) => r.path === '/wechat-dev/dev/login-code')?.body.openid).toMatch(/^demo-new-/);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});

describe('page guard', () => {
  // Not a wall (issue 16 §5): a visitor without a session lands on the community's public page, which offers 微信登录.
  it('sends a visitor without a session to the public page, not the sign-in wall', async () => {
    fakeApi({});
    renderWithSession(<HomePage />);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/public/pages/community/index' });
    expect(screen.queryByTestId('home-household')).toBeNull();
  });

  it('asks for the privacy guideline before showing anything', async () => {
    storeTokens();
    fakeApi({ 'GET /me': makeMe({ privacy: { currentVersion: '2026-11-01', mustAccept: true } }) });
    renderWithSession(<HomePage />);
    await screen.findByTestId('page-home');
    // The guard redirects once /me has answered, which a loaded machine may take a few ticks to deliver.
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/privacy/index' }));
    expect(screen.queryByTestId('home-household')).toBeNull();
  });
});
