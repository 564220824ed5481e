import { fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import HomePage from '@/pages/home/index';
import { systemFontScale } from './systemFontScale';
import { largeTextFromSystem } from './largeTextDefault';

jest.mock('./systemFontScale', () => ({ systemFontScale: jest.fn() }));
const wechatFont = (scale: number | undefined) => jest.mocked(systemFontScale).mockReturnValue(scale);
const home = () => screen.getByTestId('page-home');

describe('大字模式 follows WeChat’s font setting on first launch', () => {
  beforeEach(() => storeTokens());

  it('turns on at 1.4× WeChat’s standard size and above', () => {
    expect([undefined, 1, 1.2, 1.39].map(largeTextFromSystem)).toEqual([false, false, false, false]);
    expect([1.4, 1.6, 2].map(largeTextFromSystem)).toEqual([true, true, true]);
  });

  it('is on before the account has loaded, says why, and the account takes it', async () => {
    wechatFont(1.5);
    const log = fakeApi({
      'GET /me': makeMe({ largeText: false }),
      'GET /me/bindings': { items: [] },
      'PATCH /me': makeMe({ largeText: true }),
    });
    renderWithSession(<HomePage />);
    expect(home().getAttribute('data-large-text')).toBe('on');
    expect((await screen.findByTestId('large-text-prompt')).getAttribute('data-prompt')).toBe('system');
    await waitFor(() => expect(log.find((r) => r.method === 'PATCH')?.body).toEqual({ largeText: true }));
    expect(home().className).toContain('page--large');
  });

  it('at WeChat’s standard size, offers it and leaves the account’s own choice alone', async () => {
    wechatFont(1);
    const log = fakeApi({ 'GET /me': makeMe({ largeText: true }), 'GET /me/bindings': { items: [] } });
    renderWithSession(<HomePage />);
    expect((await screen.findByTestId('large-text-prompt')).getAttribute('data-prompt')).toBe('offer');
    await waitFor(() => expect(home().getAttribute('data-large-text')).toBe('on'));
    expect(log.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('after the first launch, what was chosen wins over WeChat’s font', async () => {
    Taro.setStorageSync('linli.largeText', false);
    Taro.setStorageSync('linli.largeTextAsked', true);
    wechatFont(2);
    fakeApi({ 'GET /me': makeMe({ largeText: false }), 'GET /me/bindings': { items: [] } });
    renderWithSession(<HomePage />);
    await screen.findByTestId('home-household');
    expect(home().getAttribute('data-large-text')).toBe('off');
    expect(screen.queryByTestId('large-text-prompt')).toBeNull();
  });

  it('answering the question switches it, saves it and does not ask again', async () => {
    wechatFont(1.5);
    const log = fakeApi({
      'GET /me': makeMe({ largeText: true }),
      'GET /me/bindings': { items: [] },
      'PATCH /me': makeMe({ largeText: false }),
    });
    renderWithSession(<HomePage />);
    await waitFor(() => expect(screen.getByTestId('home-household')).toBeTruthy());
    fireEvent.click(screen.getByTestId('large-text-prompt-off'));
    await waitFor(() => expect(home().getAttribute('data-large-text')).toBe('off'));
    expect(log.find((r) => r.method === 'PATCH')?.body).toEqual({ largeText: false });
    expect(screen.queryByTestId('large-text-prompt')).toBeNull();
    expect(Taro.getStorageSync('linli.largeTextAsked')).toBe(true);
  });
});
