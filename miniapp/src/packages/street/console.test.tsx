import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { emptyCounters, type FiguresView, type StreetFiguresView, type StreetQueueItemView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import ConsolePage from './pages/console/index';

const setParams = (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams;
const zhou = makeMe({ userId: 'zhou', nickname: '周科长', memberships: [], grants: [] });

const figures = (over: Partial<FiguresView> = {}): FiguresView => {
  const { categories: _categories, ...counters } = emptyCounters();
  return { ...counters, rates: {}, change: {}, topCategories: [], ...over };
};

const queueItem = (over: Partial<StreetQueueItemView> = {}): StreetQueueItemView => ({
  communityId: 'xiyuan',
  communityName: '西园社区',
  grievanceId: 'gv1',
  number: 'ABC123',
  category: 'safety',
  categoryLabel: '治安安全',
  excerpt: '围墙开裂',
  gridName: '西园网格',
  place: '1号楼',
  status: 'pending',
  level: 'street',
  urgency: 'normal',
  dueAt: '2026-11-20T02:00:00.000Z',
  overdue: true,
  overdueCount: 0,
  createdAt: '2026-11-18T02:00:00.000Z',
  ...over,
});

const streetFigures = (): StreetFiguresView => ({
  streetId: 'dongjie',
  streetName: '东街街道',
  month: '2026-11',
  months: ['2026-10', '2026-11'],
  generatedAt: '2026-11-22T02:00:00.000Z',
  street: figures({
    raised: 4,
    rates: { response: 0.75, resolution: 0.5, satisfaction: 0.5 },
    change: { resolution: 10 },
  }),
  trend: [
    { month: '2026-10', raised: 2, rates: { resolution: 0.4 } },
    { month: '2026-11', raised: 4, rates: { resolution: 0.5 } },
  ],
  communities: [
    {
      communityId: 'xingfuli',
      name: '幸福里社区',
      figures: figures({ rates: { resolution: 0.5 } }),
      trend: [],
      grids: [{ gridId: 'g1', gridName: '第一网格', figures: figures({ raised: 3, rates: { resolution: 0.5 } }) }],
    },
    { communityId: 'xiyuan', name: '西园社区', figures: figures({ rates: { resolution: 1 } }), trend: [], grids: [] },
    { communityId: 'empty', name: '新社区', figures: figures(), trend: [], grids: [] },
  ],
  definitions: { response: '响应率 = …', resolution: '解决率 = …', satisfaction: '满意率 = …' },
});

describe('街道工作台', () => {
  beforeEach(() => {
    storeTokens();
    setParams({ streetId: 'dongjie' });
  });

  it('shows the queue (overdue marked, community and grid) and opens a case in its community', async () => {
    fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie/console/queue': { items: [queueItem()] },
      'GET /streets/dongjie/console/figures': streetFigures(),
    });
    renderWithSession(<ConsolePage />);
    const row = await screen.findByTestId('queue-item-ABC123');
    expect(row.textContent).toContain('已超时');
    expect(row.textContent).toContain('西园社区 · 西园网格');
    await act(async () => {
      fireEvent.click(row);
    });
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=xiyuan&id=gv1',
    });
  });

  it('ranks the communities by the chosen rate and says by what; those without figures are not ranked', async () => {
    fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie/console/queue': { items: [] },
      'GET /streets/dongjie/console/figures': streetFigures(),
    });
    renderWithSession(<ConsolePage />);
    await screen.findByText('没有上报到街道的诉求');
    const basis = await screen.findByTestId('ranking-basis');
    expect(basis.textContent).toContain('解决率');
    const rows = screen.getAllByTestId('ranking-chart-row').map((r) => r.getAttribute('aria-label'));
    expect(rows[0]).toContain('第1名 西园社区');
    expect(rows[1]).toContain('第2名 幸福里社区');
    expect(screen.getByTestId('console-ranking').textContent).toContain('新社区：本月没有可计算的诉求');
    expect(screen.getByTestId('street-changes').textContent).toContain('解决率：较上月 +10 个百分点');
  });

  it('says so when the figures cannot be read', async () => {
    fakeApi({
      'GET /me': zhou,
      'GET /streets/dongjie/console/queue': { items: [] },
      'GET /streets/dongjie/console/figures': {
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '没有权限' } },
      },
    });
    renderWithSession(<ConsolePage />);
    await waitFor(() => expect(screen.getByTestId('page-street-console').textContent).toContain('没有权限'));
  });
});
