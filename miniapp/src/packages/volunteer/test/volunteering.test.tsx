import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { fakeApi, storeTokens, validationError, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import VolunteerPage from '@/pages/volunteer/index';
import ActivityPage from '@/packages/volunteer/pages/activity/index';
import MallPage from '@/packages/volunteer/pages/mall/index';
import { quantityCap } from '@/packages/volunteer/lib/quantityCap';
import RosterPage from '@/packages/volunteer/pages/roster/index';
import WalletPage from '@/packages/volunteer/pages/wallet/index';
import { activity, residentMe } from './fixtures';

const typeInto = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

const mine = {
  totalMinutes: 150,
  activityCount: 2,
  pointsEarned: 25,
  balance: 18,
  star: { stars: 0, label: '志愿者', nextAtHours: 100, hoursToNext: 97.5 },
  registrations: [],
};

describe('志愿 tab', () => {
  beforeEach(() => storeTokens());

  it('shows my balance and hours, lists activities and filters by category', async () => {
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/me': mine,
      'GET /communities/c1/volunteer/activities': (req: FakeRequest) => ({
        items:
          req.query.get('category') === 'patrol'
            ? []
            : [activity(), activity({ activityId: 'a2', title: '敬老探访', confirmed: 10, waitlisted: 2 })],
      }),
    });
    renderWithSession(<VolunteerPage />);
    expect((await screen.findByTestId('volunteer-balance')).textContent).toContain('18');
    const list = await screen.findByTestId('activity-list');
    expect(within(list).getByTestId('activity-a1').textContent).toContain('报名中');
    expect(within(list).getByTestId('activity-a2').textContent).toContain('已满，可候补');
    // The activities come before the tools: they are what the tab is opened for.
    expect(
      list.compareDocumentPosition(screen.getByTestId('volunteer-tools')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    fireEvent.click(screen.getByTestId('activity-category-patrol'));
    await screen.findByTestId('activities-empty');
    expect(
      log.filter((r) => r.path === '/communities/c1/volunteer/activities').map((r) => r.query.get('category')),
    ).toEqual([null, 'patrol']);
  });

  it('asks someone without a household to bind first, and honours large text', async () => {
    fakeApi({ 'GET /me': residentMe({ memberships: [], grants: [], largeText: true }) });
    renderWithSession(<VolunteerPage />);
    expect((await screen.findByTestId('volunteer-empty')).textContent).toContain('绑定房屋');
    expect(screen.getByTestId('page-volunteer').className).toContain('page--large');
  });
});

describe('活动详情', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({ id: 'a1' });
  });

  it('signs up, then checks in with the typed six-digit code', async () => {
    let current = activity();
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/activities/a1': () => current,
      'POST /communities/c1/volunteer/activities/a1/registration': () =>
        (current = activity({ confirmed: 4, mine: { status: 'confirmed', hoursState: 'upcoming' } })),
      'POST /communities/c1/volunteer/activities/a1/attendance': (req: FakeRequest) =>
        req.body.code === '123456'
          ? {
              action: 'checkIn',
              at: new Date().toISOString(),
              nickname: '王阿姨',
              registration: { status: 'confirmed', hoursState: 'checkedIn' },
            }
          : validationError('签到码无效或已过期', [
              { field: 'body.code', message: '签到码无效或已过期，请扫描组织者手机上最新的签到码' },
            ]),
    });
    renderWithSession(<ActivityPage />);
    const signUp = await screen.findByTestId('activity-signup');
    await act(async () => {
      fireEvent.click(signUp);
    });
    expect(screen.getByTestId('activity-status').textContent).toBe('已报名');

    typeInto('input-attendanceCode', '654321');
    await act(async () => {
      fireEvent.click(screen.getByTestId('attendance-submit'));
    });
    expect(screen.getByTestId('field-attendanceCode-error').textContent).toContain('签到码无效');

    typeInto('input-attendanceCode', '123-456');
    await act(async () => {
      fireEvent.click(screen.getByTestId('attendance-submit'));
    });
    expect(log.filter((r) => r.path.endsWith('/attendance')).map((r) => r.body)).toEqual([
      { code: '654321' },
      { code: '123456' },
    ]);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '签到成功', icon: 'success' });
  });

  it('shows my place in the waiting line and asks before cancelling', async () => {
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/activities/a1': activity({
        confirmed: 10,
        waitlisted: 3,
        mine: { status: 'waitlisted', waitPosition: 2 },
      }),
      'DELETE /communities/c1/volunteer/activities/a1/registration': activity({
        confirmed: 10,
        waitlisted: 2,
        mine: { status: 'cancelled' },
      }),
    });
    renderWithSession(<ActivityPage />);
    expect((await screen.findByTestId('activity-my-state')).textContent).toBe('候补第 2 位');
    fireEvent.click(screen.getByTestId('activity-cancel'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('cancel-dialog-confirm'));
    });
    expect(log.some((r) => r.method === 'DELETE')).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('activity-mine')).toBeNull());
  });

  it('opens from a scanned poster link and offers organisers their tools', async () => {
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      q: encodeURIComponent('https://linli.example.cn/v/activity/a1'),
    });
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/activities/a1': activity({ canOrganise: true }),
    });
    renderWithSession(<ActivityPage />);
    fireEvent.click(await screen.findByTestId('activity-qr'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/attendance-code/index?id=a1' });
  });
});

describe('名单与时长', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({ id: 'a1' });
  });

  const entry = (over: Record<string, unknown>) => ({
    userId: 'u9',
    nickname: '小李',
    status: 'confirmed',
    signedUpAt: '2026-11-20T00:00:00Z',
    approvalRound: 1,
    ...over,
  });

  it('confirms checked time with the round seen, and needs a reason to adjust', async () => {
    const log = fakeApi({
      'GET /me': residentMe({ grants: [{ role: 'committee', communityId: 'c1' }] }),
      'GET /communities/c1/volunteer/activities/a1/roster': {
        activity: activity({ canOrganise: true }),
        items: [
          entry({
            hoursState: 'pending',
            checkedInAt: '2026-11-20T01:00:00Z',
            checkedOutAt: '2026-11-20T03:00:00Z',
            claimedMinutes: 120,
          }),
          entry({ userId: 'u8', nickname: '老张', hoursState: 'missingCheckOut', checkedInAt: '2026-11-20T01:00:00Z' }),
        ],
      },
      'POST /communities/c1/volunteer/activities/a1/registrations/u9/review': entry({
        hoursState: 'approved',
        approvedMinutes: 120,
        points: 20,
        reviewStatus: 'approved',
      }),
      'POST /communities/c1/volunteer/activities/a1/registrations/u8/review': entry({
        userId: 'u8',
        nickname: '老张',
        hoursState: 'approved',
        approvedMinutes: 90,
        points: 15,
      }),
    });
    renderWithSession(<RosterPage />);
    const li = await screen.findByTestId('roster-u9');
    await act(async () => {
      fireEvent.click(within(li).getByTestId('review-approve'));
    });
    expect(screen.getByTestId('roster-u9').textContent).toContain('20 积分');
    expect(log.find((r) => r.path.endsWith('/u9/review'))?.body).toEqual({ decision: 'approve', round: 1 });

    fireEvent.click(within(screen.getByTestId('roster-u8')).getByTestId('review-adjust'));
    typeInto('input-minutes', '90');
    await act(async () => {
      fireEvent.click(screen.getByTestId('review-dialog-confirm'));
    });
    // The contract's own rule answers at once, before anything is sent.
    expect(screen.getByTestId('field-reason-error').textContent).toBe('请填写原因');
    typeInto('input-reason', '忘记签退，现场核实');
    await act(async () => {
      fireEvent.click(screen.getByTestId('review-dialog-confirm'));
    });
    expect(screen.getByTestId('roster-u8').textContent).toContain('15 积分');
    expect(log.filter((r) => r.path.endsWith('/u8/review')).map((r) => r.body)).toEqual([
      { decision: 'approve', minutes: 90, reason: '忘记签退，现场核实', round: 1 },
    ]);
  });
});

describe('积分 wallet and mall', () => {
  beforeEach(() => storeTokens());

  const wallet = {
    accountCode: 'ABCD2345',
    balance: 42,
    earned: 60,
    movements: [
      {
        postingId: 'p2',
        at: '2026-11-10T00:00:00Z',
        kind: 'donation',
        memo: '王* 捐赠给 爱心基金',
        amount: -18,
        balanceAfter: 42,
      },
      {
        postingId: 'p1',
        at: '2026-10-10T00:00:00Z',
        kind: 'hours',
        memo: '消防通道清理（2 小时）',
        amount: 60,
        balanceAfter: 60,
      },
    ],
    chart: [
      { month: '2026-10', balance: 60 },
      { month: '2026-11', balance: 42 },
    ],
    expiry: { enabled: false, months: 24 },
  };

  it('shows the balance, the statement with the balance after each line and the chart, and donates once per request id', async () => {
    let attempts = 0;
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/timebank/wallet': wallet,
      'POST /communities/c1/timebank/donations': () =>
        ++attempts === 1
          ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: '服务暂时繁忙，请稍后再试' } } }
          : { status: 201, body: { postingId: 'p3', balance: 32 } },
    });
    renderWithSession(<WalletPage />);
    expect((await screen.findByTestId('wallet-balance')).textContent).toContain('42');
    expect(screen.getAllByTestId('statement-line').map((l) => l.textContent)).toEqual([
      expect.stringContaining('余额 42'),
      expect.stringContaining('余额 60'),
    ]);
    expect(screen.getAllByTestId('balance-chart-column')).toHaveLength(2);
    expect(screen.getByTestId('wallet-expiry').textContent).toBe('积分长期有效');

    fireEvent.click(screen.getByTestId('wallet-donate'));
    typeInto('input-amount', '10');
    await act(async () => {
      fireEvent.click(screen.getByTestId('donate-dialog-confirm'));
    });
    expect(screen.getByTestId('donate-error').textContent).toContain('繁忙');
    await act(async () => {
      fireEvent.click(screen.getByTestId('donate-dialog-confirm'));
    });
    const posts = log.filter((r) => r.method === 'POST');
    expect(posts.map((p) => p.body.amount)).toEqual([10, 10]);
    expect(posts[0]!.body.requestId).toBe(posts[1]!.body.requestId);
    expect(posts[0]!.body.to).toBe('fund');
  });

  it('tells residents when points lapse where the community turned expiry on', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/timebank/wallet': { ...wallet, expiry: { enabled: true, months: 12 } },
    });
    renderWithSession(<WalletPage />);
    expect((await screen.findByTestId('wallet-expiry')).textContent).toBe('积分有效期：获得后 12 个月，先获得的先到期');
  });

  it('redeems with the chosen quantity and never offers more than the balance allows', async () => {
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/volunteer/me': { ...mine, balance: 45 },
      'GET /communities/c1/timebank/catalogue': {
        items: [
          {
            itemId: 'i1',
            name: '理发',
            description: '每周六',
            kind: 'service',
            price: 20,
            stock: 5,
            redeemed: 0,
            status: 'active',
            available: true,
          },
          {
            itemId: 'i2',
            name: '陪诊',
            description: '半天',
            kind: 'service',
            price: 80,
            stock: 2,
            redeemed: 0,
            status: 'active',
            available: true,
          },
        ],
      },
      'POST /communities/c1/timebank/catalogue/i1/orders': {
        status: 201,
        body: {
          orderCode: 'ABCD2345',
          itemId: 'i1',
          itemName: '理发',
          quantity: 2,
          points: 40,
          status: 'placed',
          placedAt: '2026-11-22T00:00:00Z',
        },
      },
    });
    renderWithSession(<MallPage />);
    const expensive = await screen.findByTestId('item-i2');
    expect(within(expensive).getByTestId('item-redeem').textContent).toBe('积分不足');
    fireEvent.click(within(screen.getByTestId('item-i1')).getByTestId('item-redeem'));
    fireEvent.click(screen.getByTestId('redeem-more'));
    expect(screen.getByTestId('redeem-quantity').textContent).toBe('2');
    expect((screen.getByTestId('redeem-more') as HTMLButtonElement).disabled).toBe(true);
    // The ＋ that stops says why.
    expect(screen.getByTestId('redeem-cap').textContent).toBe('您的 45 积分够兑 2 件，不能再加了');
    expect(screen.getByTestId('redeem-more').parentElement!.className).toBe('vol__stepper');
    await act(async () => {
      fireEvent.click(screen.getByTestId('redeem-dialog-confirm'));
    });
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({ quantity: 2, requestId: expect.stringMatching(/^r/) });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/orders/index' });
  });

  it('says the per-person limit when the ＋ stops at it', () => {
    const haircut = {
      itemId: 'i1',
      name: '理发',
      description: '每周六',
      kind: 'service' as const,
      price: 5,
      stock: 20,
      redeemed: 3,
      status: 'active' as const,
      available: true,
      perPersonLimit: 3,
      myRedeemed: 1,
    };
    expect(quantityCap(haircut, 100)).toEqual({ max: 2, why: '每人限兑 3 件，您已兑 1 件' });
    expect(quantityCap({ ...haircut, perPersonLimit: undefined }, 100)).toEqual({ max: 10, why: '一次最多兑 10 件' });
    expect(quantityCap({ ...haircut, perPersonLimit: undefined, stock: 4 }, 100).why).toBe('只剩 4 件');
  });
});
