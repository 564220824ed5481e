import { screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ReachView } from '@linli/shared';
import { committeeGrant, fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import ReachPage from './index';

const setParams = (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams;

const reach: ReachView = {
  subject: 'notice',
  title: '3栋停水通知',
  areaLabel: '全部',
  households: 4,
  pushed: 1,
  opened: 2,
  neither: 2,
  buildings: [
    {
      buildingId: 'b3',
      name: '3栋',
      households: 4,
      pushed: 1,
      opened: 2,
      neither: 2,
      doors: [
        { unitId: 'u1', label: '3栋1单元101' },
        { unitId: 'u2', label: '3栋1单元102' },
      ],
    },
  ],
};

describe('触达情况', () => {
  beforeEach(() => storeTokens());
  afterEach(() => setParams({}));

  it('shows the three numbers and the doors to knock on, for the notice named in the link', async () => {
    setParams({ subject: 'notice', id: 'N1' });
    const log = fakeApi({
      'GET /me': makeMe({ grants: [committeeGrant] }),
      'GET /me/bindings': { items: [] },
      'GET /communities/c1/notifications/reach/N1': reach,
    });
    renderWithSession(<ReachPage />);
    await waitFor(() => expect(screen.getByTestId('reach-neither').textContent).toContain('2'));
    expect(screen.getByTestId('reach-pushed').textContent).toContain('1');
    expect(screen.getByTestId('reach-opened').textContent).toContain('2');
    expect(screen.getAllByTestId('reach-door').map((d) => d.textContent)).toEqual(['3栋1单元101', '3栋1单元102']);
    expect(
      log.some((r) => r.path === '/communities/c1/notifications/reach/N1' && r.query.get('subject') === 'notice'),
    ).toBe(true);
  });
});
