import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeApi, makeMe, storeTokens, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import MallPage from '@/packages/volunteer/pages/mall/index';
import StreetSettingsPage from '@/packages/volunteer/pages/street-settings/index';
import { residentMe } from './fixtures';

const mine = {
  totalMinutes: 0,
  activityCount: 0,
  pointsEarned: 0,
  balance: 30,
  star: { stars: 0, label: '志愿者', nextAtHours: 100, hoursToNext: 100 },
  registrations: [],
};

const item = (over: Record<string, unknown> = {}) => ({
  itemId: 'i9',
  name: '西园理发券',
  description: '西园社区向街道开放',
  kind: 'service',
  price: 10,
  stock: 2,
  redeemed: 0,
  status: 'active',
  available: true,
  streetOpen: true,
  ...over,
});

describe('通存通兑: 积分兑换 → 街道其他社区', () => {
  beforeEach(() => storeTokens());

  it('lists the items other communities offer to the street and redeems one across, with its community', async () => {
    const redeemed: FakeRequest[] = [];
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/me': mine,
      'GET /communities/c1/timebank/catalogue': { items: [] },
      'GET /communities/c1/timebank/street/catalogue': {
        streetId: 'dongjie',
        streetName: '东街街道',
        communities: [{ communityId: 'c2', name: '西园社区', items: [item()] }],
      },
      'POST /communities/c1/timebank/street-redemptions': (req: FakeRequest) => {
        redeemed.push(req);
        return {
          orderCode: 'ABCDEFGH',
          itemId: 'i9',
          itemName: '西园理发券',
          quantity: 1,
          points: 10,
          status: 'placed',
          placedAt: '2030-01-01T00:00:00.000Z',
          community: { communityId: 'c2', name: '西园社区' },
        };
      },
      'GET /communities/c1/timebank/orders': { items: [] },
    });
    renderWithSession(<MallPage />);
    await screen.findByTestId('mall-empty');
    fireEvent.click(screen.getByTestId('mall-scope-street'));
    const card = await screen.findByTestId('item-i9');
    expect(card.textContent).toContain('剩余 2 件');
    expect(screen.getByTestId('shelf-c2').textContent).toContain('西园社区');
    fireEvent.click(screen.getByTestId('item-redeem'));
    expect((await screen.findByTestId('redeem-dialog')).textContent).toContain('由西园社区居委会交付');
    fireEvent.click(screen.getByTestId('redeem-dialog-confirm'));
    await waitFor(() => expect(redeemed).toHaveLength(1));
    expect(redeemed[0]!.body).toMatchObject({ toCommunityId: 'c2', itemId: 'i9', quantity: 1 });
  });

  it('says so when no other community offers anything to the street', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/me': mine,
      'GET /communities/c1/timebank/catalogue': { items: [item({ itemId: 'i1', name: '本社区礼品' })] },
      'GET /communities/c1/timebank/street/catalogue': { streetId: 's', streetName: '东街街道', communities: [] },
    });
    renderWithSession(<MallPage />);
    await screen.findByTestId('item-i1');
    fireEvent.click(screen.getByTestId('mall-scope-street'));
    expect((await screen.findByTestId('mall-empty')).textContent).toContain('街道其他社区暂时没有向街道开放的项目');
  });
});

describe('通存通兑设置 (committee)', () => {
  beforeEach(() => storeTokens());

  it('switches the community and an item, keeping the expiry as it was', async () => {
    const puts: FakeRequest[] = [];
    const patches: FakeRequest[] = [];
    fakeApi({
      'GET /me': makeMe({ grants: [{ role: 'committee', communityId: 'c1' }] }),
      'GET /communities/c1/timebank/settings': { expiry: { enabled: true, months: 12 }, street: { open: true } },
      'GET /communities/c1/timebank/catalogue': { items: [item({ itemId: 'i1', name: '理发券', streetOpen: false })] },
      'PUT /communities/c1/timebank/settings': (req: FakeRequest) => {
        puts.push(req);
        return { expiry: { enabled: true, months: 12 }, street: req.body.street };
      },
      'PATCH /communities/c1/timebank/catalogue/i1': (req: FakeRequest) => {
        patches.push(req);
        return item({ itemId: 'i1', name: '理发券', streetOpen: req.body.streetOpen });
      },
    });
    renderWithSession(<StreetSettingsPage />);
    const open = await screen.findByTestId('street-open');
    expect(open.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(open);
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]!.body).toEqual({ expiry: { enabled: true, months: 12 }, street: { open: false } });
    await waitFor(() => expect(screen.getByTestId('street-open').getAttribute('aria-checked')).toBe('false'));

    const row = screen.getByTestId('street-item-i1');
    expect(row.textContent).toContain('仅本社区');
    fireEvent.click(row.querySelector('[data-testid="street-item-open"]')!);
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]!.body).toEqual({ streetOpen: true });
    await waitFor(() => expect(screen.getByTestId('street-item-i1').textContent).toContain('向街道开放'));
  });
});
