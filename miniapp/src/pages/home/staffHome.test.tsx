import { fireEvent, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import HomePage from './index';

// 刘网格员: staff with no home of their own in the community.
const gridWorker = () =>
  makeMe({ nickname: '刘网格员', memberships: [], grants: [{ role: 'gridWorker', communityId: 'c1' }] });
const totals = { grids: 2, buildings: 6, units: 120, area: 9000, owners: 100, boundHouseholds: 80, pendingBindings: 3 };
const overview = {
  community: { communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' },
  totals,
  grids: [],
  buildings: [],
};

describe('首页 · a staff member', () => {
  beforeEach(() => storeTokens());

  it('leads with their work in numbers, each one tap from its list, and binding their own home comes last', async () => {
    fakeApi({
      'GET /me': gridWorker(),
      'GET /communities/c1/me/waiting': {
        items: [],
        counts: {},
        staff: { overdueCases: 2, runningPolls: 1 },
        generatedAt: '2026-12-07T02:00:00.000Z',
      },
      'GET /communities/c1/roster': overview,
      'GET /me/bindings': { items: [] },
    });
    renderWithSession(<HomePage />);
    await screen.findByTestId('home-bind');
    expect((await screen.findByTestId('home-overdue-cases')).textContent).toBe('2超时诉求');
    expect(screen.getByTestId('home-running-polls').textContent).toBe('1进行中的表决');
    expect(screen.getByTestId('home-pending-bindings').textContent).toBe('3待审核绑定');

    // In the page's order: 工作台, 待我处理, …, 我的房屋 (申请绑定房屋) last.
    const order = ['home-staff', 'home-waiting', 'home-household'].map((id) => screen.getByTestId(id));
    for (let i = 1; i < order.length; i++)
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(screen.getByTestId('home-overdue-cases'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/grievances/pages/queue/index' });
    fireEvent.click(screen.getByTestId('home-running-polls'));
    expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/agora/index' });
    fireEvent.click(screen.getByTestId('home-pending-bindings'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/bindings/index' });
  });

  it('keeps a resident’s own home above the tiles, with no 工作台', async () => {
    fakeApi({
      'GET /me': makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] }),
      'GET /communities/c1/me/waiting': { items: [], counts: {}, generatedAt: '2026-12-07T02:00:00.000Z' },
    });
    renderWithSession(<HomePage />);
    await screen.findByTestId('home-household');
    expect(screen.queryByTestId('home-staff')).toBeNull();
    const [waiting, household] = ['home-waiting', 'home-household'].map((id) => screen.getByTestId(id));
    expect(waiting!.compareDocumentPosition(household!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
