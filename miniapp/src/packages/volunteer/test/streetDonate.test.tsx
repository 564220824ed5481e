import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeApi, storeTokens, type FakeRequest } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import StreetDonatePage from '@/packages/volunteer/pages/street-donate/index';
import { residentMe } from './fixtures';

const typeInto = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

const wallet = {
  accountCode: 'ABCDEFGH',
  balance: 30,
  earned: 30,
  movements: [],
  chart: [],
  expiry: { enabled: false, months: 24 },
};

describe('通存通兑: 捐给街道其他社区', () => {
  beforeEach(() => storeTokens());

  it('lists the street’s other funds and donates to the chosen one, once per request id, with the 409 in words', async () => {
    let fund = 12;
    let calls = 0;
    const log = fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/timebank/wallet': wallet,
      'GET /communities/c1/timebank/street': () => ({
        streetId: 'dongjie',
        streetName: '东街街道',
        communities: [
          { communityId: 'c2', name: '西园社区', fund },
          { communityId: 'c3', name: '南苑社区', fund: 0 },
        ],
      }),
      'POST /communities/c1/timebank/street-donations': (req: FakeRequest) => {
        calls++;
        if (req.body.amount > 30)
          return { status: 409, body: { error: { code: 'CONFLICT', message: '积分余额不足' } } };
        fund += req.body.amount;
        return { postingId: 'p1', balance: 30 - req.body.amount, toCommunityName: '西园社区' };
      },
    });
    renderWithSession(<StreetDonatePage />);
    expect((await screen.findByTestId('street-donate-to-c2')).textContent).toContain('爱心基金现有 12 积分');

    typeInto('input-street-donate-amount', '50');
    fireEvent.click(screen.getByTestId('street-donate-submit'));
    expect((await screen.findByTestId('street-donate-error')).textContent).toBe('积分余额不足');

    typeInto('input-street-donate-amount', '5');
    fireEvent.click(screen.getByTestId('street-donate-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('street-donate-to-c2').textContent).toContain('爱心基金现有 17 积分'),
    );
    const sent = log.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(sent).toEqual([
      expect.objectContaining({ toCommunityId: 'c2', to: 'fund', amount: 50 }),
      expect.objectContaining({ toCommunityId: 'c2', to: 'fund', amount: 5 }),
    ]);
    // The refused attempt and its retry are one action: the same request id.
    expect(sent[0].requestId).toBe(sent[1].requestId);
    expect(calls).toBe(2);
  });

  it('says so when no other community of the street accepts donations', async () => {
    fakeApi({
      'GET /me': residentMe(),
      'GET /communities/c1/timebank/wallet': wallet,
      'GET /communities/c1/timebank/street': { streetId: 'dongjie', streetName: '东街街道', communities: [] },
    });
    renderWithSession(<StreetDonatePage />);
    expect((await screen.findByTestId('street-donate-empty')).textContent).toContain('东街街道暂时没有其他社区');
  });
});
