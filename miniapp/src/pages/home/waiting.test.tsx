import { fireEvent, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { WaitingItem } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import HomePage from './index';

const resident = () => makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] });
const item = (over: Partial<WaitingItem>): WaitingItem => ({
  kind: 'vote',
  key: 'vote:t1',
  title: '3栋加装雨棚',
  detail: '3栋 · 今天 18:00 截止',
  action: '去投票',
  link: '/packages/agora/pages/topic/index?communityId=c1&topicId=t1',
  overdue: false,
  ...over,
});
const feed = (items: WaitingItem[]) => ({ items, counts: {}, generatedAt: '2026-12-07T02:00:00.000Z' });

describe('首页 · 待我处理', () => {
  beforeEach(() => storeTokens());

  it('lists what waits, and one tap opens the page that settles it', async () => {
    const log = fakeApi({
      'GET /me': resident(),
      'GET /communities/c1/me/waiting': feed([
        item({}),
        item({
          kind: 'caseNews',
          key: 'caseNews:i1',
          title: '诉求已受理',
          action: '看进展',
          link: '/packages/grievances/pages/detail/index?communityId=c1&id=g1',
          inboxItemId: 'i1',
        }),
      ]),
      'POST /notifications/items/i1/read': { unread: 0 },
    });
    renderWithSession(<HomePage />);
    expect(await screen.findByText('3栋加装雨棚')).toBeTruthy();
    expect(screen.getByTestId('home-waiting-count').textContent).toBe('2 项');

    fireEvent.click(screen.getByTestId('waiting-action-vote'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/agora/pages/topic/index?communityId=c1&topicId=t1',
    });
    // News on a request opens the request and marks its notice read on the way.
    fireEvent.click(screen.getByTestId('waiting-action-caseNews'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=g1',
    });
    expect(log.some((r) => r.method === 'POST' && r.path === '/notifications/items/i1/read')).toBe(true);
  });

  it('shows the first five and the rest on 查看全部', async () => {
    fakeApi({
      'GET /me': resident(),
      'GET /communities/c1/me/waiting': feed(
        Array.from({ length: 7 }, (_, i) => item({ key: `vote:t${i}`, title: `表决 ${i}` })),
      ),
    });
    renderWithSession(<HomePage />);
    await screen.findByText('表决 0');
    expect(screen.queryByText('表决 5')).toBeNull();
    fireEvent.click(screen.getByTestId('home-waiting-more'));
    expect(screen.getByText('表决 6')).toBeTruthy();
  });

  it('offers a first step when nothing waits', async () => {
    fakeApi({ 'GET /me': resident(), 'GET /communities/c1/me/waiting': feed([]) });
    renderWithSession(<HomePage />);
    await screen.findByTestId('home-waiting-empty');
    fireEvent.click(screen.getByTestId('home-first-grievance'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/grievances/pages/submit/index' });
  });

  it('says what went wrong and offers 重试 when the feed fails', async () => {
    fakeApi({
      'GET /me': resident(),
      'GET /communities/c1/me/waiting': {
        status: 503,
        body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } },
      },
    });
    renderWithSession(<HomePage />);
    expect(await screen.findByText('服务暂时繁忙，请稍后再试')).toBeTruthy();
    expect(screen.getByTestId('home-waiting-retry')).toBeTruthy();
  });
});
