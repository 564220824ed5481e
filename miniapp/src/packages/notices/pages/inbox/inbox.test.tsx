import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { InboxItemView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import InboxPage from './index';

const item = (over: Partial<InboxItemView>): InboxItemView => ({
  itemId: 'i1',
  event: 'broadcast.published',
  category: 'broadcast',
  title: '3栋停水通知',
  body: '周六 9:00–12:00 检修水管',
  link: '',
  urgent: false,
  createdAt: '2026-11-22T01:00:00Z',
  ...over,
});

describe('消息通知', () => {
  beforeEach(() => storeTokens());

  it('shows unread entries and the count; opening a notice marks it read and opens it in full', async () => {
    const log = fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/items': {
        items: [
          item({}),
          item({
            itemId: 'i2',
            title: '房屋绑定已通过',
            category: 'account',
            event: 'binding.approved',
            link: '/pages/me/index',
            readAt: '2026-11-21T00:00:00Z',
          }),
        ],
        unread: 1,
      },
      'POST /notifications/items/i1/read': { unread: 0 },
    });
    renderWithSession(<InboxPage />);
    const notice = await screen.findByTestId('inbox-item-i1');
    expect(screen.getByTestId('inbox-unread').textContent).toBe('1 条未读');
    expect(notice.getAttribute('data-read')).toBe('no');
    expect(screen.getByTestId('inbox-item-i2').getAttribute('data-read')).toBe('yes');

    await act(async () => {
      fireEvent.click(notice);
    });
    expect(log.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/notifications/items/i1/read']);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/pages/notice/index?id=i1' });
    expect(screen.getByTestId('inbox-unread').textContent).toBe('没有未读消息');
    expect(screen.getByTestId('inbox-item-i1').getAttribute('data-read')).toBe('yes');
  });

  it('deep-links to the object a message is about (a tab page by switchTab), without marking a read one again', async () => {
    const log = fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/items': {
        items: [item({ itemId: 'i2', link: '/pages/me/index', readAt: '2026-11-21T00:00:00Z' })],
        unread: 0,
      },
    });
    renderWithSession(<InboxPage />);
    fireEvent.click(await screen.findByTestId('inbox-item-i2'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
    expect(log.some((r) => r.method === 'POST')).toBe(false);
  });

  it('marks everything read at once', async () => {
    fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/items': { items: [item({}), item({ itemId: 'i3' })], unread: 2 },
      'POST /notifications/read-all': { unread: 0 },
    });
    renderWithSession(<InboxPage />);
    await screen.findByTestId('inbox-item-i3');
    await act(async () => {
      fireEvent.click(screen.getByTestId('inbox-read-all'));
    });
    expect(screen.getByTestId('inbox-item-i1').getAttribute('data-read')).toBe('yes');
    expect(screen.getByTestId('inbox-item-i3').getAttribute('data-read')).toBe('yes');
  });

  it('says when there is nothing yet, and offers a retry when loading fails', async () => {
    let fail = true;
    fakeApi({
      'GET /me': makeMe(),
      'GET /notifications/items': () =>
        fail
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } } }
          : { items: [], unread: 0 },
    });
    renderWithSession(<InboxPage />);
    expect((await screen.findByTestId('inbox-error')).textContent).toContain('服务暂时繁忙');
    fail = false;
    fireEvent.click(screen.getByTestId('inbox-retry'));
    expect((await screen.findByTestId('inbox-empty')).textContent).toContain('还没有消息');
  });
});
