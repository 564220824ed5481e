import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import HomePage from '@/pages/home/index';
import MePage from './index';

const pageRoots = () => [screen.getByTestId('page-me'), screen.getByTestId('page-home')];

describe('大字模式', () => {
  beforeEach(() => storeTokens());

  it('applies the large-text class to every page at once, then saves it to the account', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const log = fakeApi({
      'GET /me': makeMe(),
      'GET /me/bindings': { items: [] },
      'PATCH /me': (req: FakeRequest) =>
        new Promise((resolve) => (answer = () => resolve(makeMe({ largeText: req.body.largeText })))),
    });
    renderWithSession(
      <>
        <MePage />
        <HomePage />
      </>,
    );
    const toggle = await screen.findByTestId('large-text-switch');
    for (const root of pageRoots()) expect(root.className).not.toContain('page--large');

    fireEvent.click(toggle);

    // Before the server has answered.
    for (const root of pageRoots()) expect(root.className).toContain('page--large');
    expect(log.find((r) => r.method === 'PATCH')?.body).toEqual({ largeText: true });

    await act(async () => answer(undefined));
    for (const root of pageRoots()) expect(root.className).toContain('page--large');
    expect(Taro.getStorageSync('linli.largeText')).toBe(true);
  });

  it('rolls back and says why when the server refuses', async () => {
    fakeApi({
      'GET /me': makeMe(),
      'GET /me/bindings': { items: [] },
      'PATCH /me': { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } } },
    });
    renderWithSession(<MePage />);
    fireEvent.click(await screen.findByTestId('large-text-switch'));
    await waitFor(() => expect(screen.getByTestId('page-me').className).not.toContain('page--large'));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时繁忙，请稍后再试' }));
  });

  it('starts in large text when the account has it on', async () => {
    fakeApi({ 'GET /me': makeMe({ largeText: true }), 'GET /me/bindings': { items: [] } });
    renderWithSession(<MePage />);
    await screen.findByTestId('large-text-switch');
    expect(screen.getByTestId('page-me').className).toContain('page--large');
    expect(screen.getByTestId('large-text-switch').getAttribute('aria-checked')).toBe('true');
  });
});
