import { fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PublicOverviewView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import PublicCommunityPage from './index';

const setParams = (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams;

const overview: PublicOverviewView = {
  community: { communityId: 'c1', name: '军门社区' },
  notices: [
    {
      noticeId: 'N1',
      title: '消防演练',
      body: '周六上午全社区消防演练。',
      senderLabel: '军门社区居委会',
      createdAt: '2026-11-20T02:00:00.000Z',
    },
  ],
  results: [
    {
      topicId: 'T1',
      title: '加装电梯',
      countedAt: '2026-11-21T02:00:00.000Z',
      outcomeLabel: '表决通过',
      passed: true,
      participation: { heads: 30, electorate: 40 },
    },
  ],
  requests: [
    {
      number: 'ABC123',
      categoryLabel: '环境卫生',
      statusLabel: '处理中',
      closed: false,
      supportCount: 3,
      createdAt: '2026-11-22T02:00:00.000Z',
    },
  ],
};

describe('社区公开信息', () => {
  afterEach(() => setParams({}));

  it('before sign-in: what Linli is for, a community to pick, its public page, and 微信登录', async () => {
    const log = fakeApi({
      'GET /public/communities': { items: [{ communityId: 'c1', name: '军门社区' }] },
      'GET /public/communities/c1': overview,
    });
    renderWithSession(<PublicCommunityPage />);
    expect(screen.getByTestId('public-about').textContent).toContain('议事投票');
    fireEvent.click(await screen.findByTestId('public-community-c1'));
    await waitFor(() => expect(screen.getByTestId('public-notices').textContent).toContain('消防演练'));
    expect(screen.getByTestId('public-results').textContent).toContain('参与 30 / 40');
    expect(screen.getByTestId('public-requests').textContent).toContain('3 位邻居也遇到');
    expect(screen.getByTestId('public-sign-in')).toBeTruthy();
    // No token goes to the public routes.
    expect(log.filter((r) => r.path.startsWith('/public')).every((r) => !r.headers.authorization)).toBe(true);
  });

  it('opens the community named by the share link, and offers 绑定房屋 to a signed-in resident without a home', async () => {
    storeTokens();
    setParams({ cid: 'c1' });
    fakeApi({
      'GET /me': makeMe({ memberships: [] }),
      'GET /me/bindings': { items: [] },
      'GET /public/communities/c1': overview,
    });
    renderWithSession(<PublicCommunityPage />);
    await waitFor(() => expect(screen.getByTestId('public-community-name').textContent).toBe('军门社区'));
    await screen.findByTestId('public-bind');
    expect(screen.queryByTestId('public-sign-in')).toBeNull();
  });
});
