import { act, fireEvent, screen, within } from '@testing-library/react';
import type { BroadcastView, RosterOverview } from '@linli/shared';
import { committeeGrant, fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import BroadcastPage from './index';

const overview: RosterOverview = {
  community: { communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' },
  totals: { grids: 2, buildings: 3, units: 60, area: 5000, owners: 50, boundHouseholds: 40, pendingBindings: 0 },
  grids: [
    { gridId: 'g1', name: '第一网格', unitCount: 40, boundHouseholds: 30, pendingBindings: 0, workers: [] },
    { gridId: 'g2', name: '第二网格', unitCount: 20, boundHouseholds: 10, pendingBindings: 0, workers: [] },
  ],
  buildings: [
    { buildingId: 'b1', name: '1栋', gridId: 'g1', unitCount: 20, heads: [] },
    { buildingId: 'b2', name: '2栋', gridId: 'g1', unitCount: 20, heads: [] },
    { buildingId: 'b3', name: '3栋', gridId: 'g2', unitCount: 20, heads: [] },
  ],
};

const sent: BroadcastView = {
  broadcastId: 'B1',
  title: '3栋停水',
  body: '周六停水',
  scopeLabel: '3栋',
  urgent: false,
  senderLabel: '军门社区居委会',
  createdAt: '2026-11-22T02:00:00Z',
  recipients: 0,
  reads: 0,
  completed: false,
};

function backend(grants = [committeeGrant]) {
  return fakeApi({
    'GET /me': makeMe({ memberships: [], grants }),
    'GET /communities': { items: [{ communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' }] },
    'GET /communities/c1/roster': overview,
    'GET /communities/c1/notifications/broadcasts': {
      items: [{ ...sent, broadcastId: 'B0', title: '上周的通知', recipients: 40, reads: 10, completed: true }],
    },
    'POST /communities/c1/notifications/broadcasts/preview': (req) =>
      req.body.scope.buildingIds?.[0] === 'b3'
        ? {
            households: 12,
            residents: 17,
            buildings: [{ buildingId: 'b3', name: '3栋', households: 12, residents: 17 }],
          }
        : { households: 30, residents: 41, buildings: [] },
    'POST /communities/c1/notifications/broadcasts': { status: 201, body: sent },
  });
}

describe('社区通知', () => {
  beforeEach(() => storeTokens());

  it('previews who a building will reach, confirms with the numbers, and sends once with a request id', async () => {
    const log = backend();
    renderWithSession(<BroadcastPage />);
    fireEvent.click(await screen.findByTestId('broadcast-reach-building'));
    fireEvent.click(screen.getByTestId('broadcast-building-b3'));
    await screen.findByTestId('broadcast-preview-ready');
    expect(screen.getByTestId('preview-households').textContent).toContain('12');
    expect(screen.getByTestId('preview-residents').textContent).toContain('17');

    fireEvent.change(within(screen.getByTestId('field-title')).getByRole('textbox'), { target: { value: '3栋停水' } });
    fireEvent.change(screen.getByTestId('input-body'), { target: { value: '周六停水' } });
    fireEvent.click(screen.getByTestId('broadcast-send'));
    expect(screen.getByTestId('broadcast-confirm').textContent).toContain('12 户、17 位居民');
    await act(async () => {
      fireEvent.click(screen.getByTestId('broadcast-confirm-confirm'));
    });
    const posted = log.filter((r) => r.method === 'POST' && r.path === '/communities/c1/notifications/broadcasts');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({
      title: '3栋停水',
      body: '周六停水',
      scope: { buildingIds: ['b3'] },
      urgent: false,
      requestId: expect.stringMatching(/^[0-9a-z]{8,}$/),
    });
    expect(await screen.findByTestId('broadcast-B1')).toBeTruthy();
    expect(screen.getByTestId('broadcast-reads-B0-text').textContent).toContain('10 / 40');
  });

  it('offers a grid worker only their own grid’s buildings and never the whole community', async () => {
    backend([{ role: 'gridWorker', communityId: 'c1', gridId: 'g2' } as never]);
    renderWithSession(<BroadcastPage />);
    await screen.findByTestId('broadcast-reach-building');
    expect(screen.queryByTestId('broadcast-reach-community')).toBeNull();
    fireEvent.click(screen.getByTestId('broadcast-reach-building'));
    expect(screen.getByTestId('broadcast-building-b3')).toBeTruthy();
    expect(screen.queryByTestId('broadcast-building-b1')).toBeNull();
  });

  it('keeps residents out', async () => {
    backend([]);
    renderWithSession(<BroadcastPage />);
    expect((await screen.findByTestId('forbidden-empty')).textContent).toContain('没有权限');
  });
});
