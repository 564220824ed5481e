import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import type { AccountabilityView, ProjectSummaryView, RoundView } from '@linli/shared';
import { fakeApi, makeMe, storeTokens, validationError } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import LedgerPage from './pages/ledger/index';
import ProposePage from './pages/propose/index';
import RoundPage from './pages/round/index';

const project = (projectId: string, title: string, cost: number): ProjectSummaryView => ({
  projectId,
  title,
  place: '3栋',
  status: 'eligible',
  stage: 'eligible',
  stageLabel: '进入投票',
  estimatedCost: cost,
  cost,
  supportCount: 3,
  supported: false,
  mergedCount: 0,
  photoCount: 0,
  fromGrievance: false,
  proposedAt: '2026-11-01T01:00:00.000Z',
});

const voting: RoundView = {
  roundId: 'r1',
  title: '2026年民生微实事',
  phase: 'voting',
  phaseLabel: '投票',
  totalAmount: 50_000,
  scopeText: '全社区',
  basis: 'household',
  phaseEndsAt: '2026-12-20T01:00:00.000Z',
  projectCount: 3,
  myStatus: 'canVote',
  inScope: true,
  createdAt: '2026-11-01T01:00:00.000Z',
  description: '居民点单、居民投票',
  secrecy: 'secret',
  schedule: {
    proposingUntil: '2026-11-10T01:00:00.000Z',
    screeningUntil: '2026-11-20T01:00:00.000Z',
    deliberationUntil: '2026-12-01T01:00:00.000Z',
    votingUntil: '2026-12-20T01:00:00.000Z',
  },
  timeline: [
    { phase: 'proposing', label: '点单', hint: '居民提出项目', until: '2026-11-10T01:00:00.000Z', state: 'done' },
    { phase: 'voting', label: '投票', hint: '在预算内选择', until: '2026-12-20T01:00:00.000Z', state: 'current' },
    { phase: 'publicity', label: '结果公示', hint: '公示', state: 'upcoming' },
  ],
  phaseChanges: [],
  electorate: { heads: 120, frozenAt: '2026-12-01T01:00:00.000Z' },
  projects: [project('p1', '无障碍坡道', 30_000), project('p2', '花园长椅', 15_000), project('p3', '健身器材', 20_000)],
  pendingScreening: 0,
  mySeats: [{ voterKey: 'U_u201', label: '3栋1单元201', status: 'open' }],
  objections: [],
  openObjections: 0,
  can: { propose: false, vote: true, manage: false, advance: false, object: false },
};

const resident = makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] });

function setParams(p: Record<string, string>) {
  (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams(p);
}

describe('民生微实事 ballot', () => {
  beforeEach(() => {
    storeTokens();
    setParams({ communityId: 'c1', roundId: 'r1' });
  });

  it('shows the running total and refuses an over-budget selection before sending it; a fitting one is cast', async () => {
    const log = fakeApi({
      'GET /me': resident,
      'GET /communities/c1/budget/rounds/r1': voting,
      'POST /communities/c1/budget/rounds/r1/ballots': {
        status: 201,
        body: { receipt: 'RCPT12345678', total: 45_000 },
      },
    });
    renderWithSession(<RoundPage />);
    for (const id of ['p1', 'p2', 'p3']) fireEvent.click(await screen.findByTestId(`ballot-project-${id}`));
    expect(screen.getByTestId('ballot-total-remaining').textContent).toBe('超出 15,000 元');
    expect(screen.getByTestId('ballot-total').getAttribute('data-over')).toBe('yes');
    await act(async () => void fireEvent.click(screen.getByTestId('ballot-submit')));
    expect(screen.getByTestId('ballot-error').textContent).toContain('超出预算 15,000 元');
    expect(log.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('ballot-project-p3'));
    expect(screen.getByTestId('ballot-total-remaining').textContent).toBe('剩余 5,000 元');
    await act(async () => void fireEvent.click(screen.getByTestId('ballot-submit')));
    const cast = log.find((r) => r.method === 'POST');
    expect(cast?.body).toEqual({ projectIds: ['p1', 'p2'], voterKey: 'U_u201', requestId: expect.any(String) });
    expect((await screen.findByTestId('receipt-code')).textContent).toBe('RCPT12345678');
    expect(Taro.getStorageSync('linli.budget.receipts')).toEqual({ r1: ['RCPT12345678'] });
    // A resident is not offered the committee's page.
    expect(screen.queryByTestId('round-manage')).toBeNull();
  });

  it('links the committee to its own page of the round', async () => {
    const go = jest.spyOn(Taro, 'navigateTo');
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/budget/rounds/r1': { ...voting, can: { ...voting.can, manage: true } },
    });
    renderWithSession(<RoundPage />);
    fireEvent.click(await screen.findByTestId('round-manage'));
    expect(go).toHaveBeenCalledWith({ url: '/packages/budgetAdmin/pages/round/index?roundId=r1' });
    go.mockRestore();
  });

  it('shows the API’s 400 on the selection, and who voted when the household already has', async () => {
    let answer: unknown = validationError('所选项目合计 55,000 元，超出预算 5,000 元，请减少项目', [
      { field: 'body.projectIds', message: '所选项目合计 55,000 元，超出预算 5,000 元，请减少项目' },
    ]);
    fakeApi({
      'GET /me': resident,
      'GET /communities/c1/budget/rounds/r1': voting,
      'POST /communities/c1/budget/rounds/r1/ballots': () => answer,
    });
    renderWithSession(<RoundPage />);
    fireEvent.click(await screen.findByTestId('ballot-project-p1'));
    await act(async () => void fireEvent.click(screen.getByTestId('ballot-submit')));
    expect((await screen.findByTestId('ballot-error')).textContent).toContain('超出预算 5,000 元');

    answer = {
      status: 409,
      body: { error: { code: 'ALREADY_VOTED', message: '本户已于 2026-12-02 10:00 由 王阿姨 投票，每户只能投一次' } },
    };
    await act(async () => void fireEvent.click(screen.getByTestId('ballot-submit')));
    expect((await screen.findByTestId('ballot-notice')).textContent).toContain('由 王阿姨 投票');
  });
});

describe('点单', () => {
  beforeEach(() => {
    storeTokens();
    setParams({ communityId: 'c1', roundId: 'r1' });
  });

  it('shows the 400’s messages on their fields', async () => {
    const log = fakeApi({
      'GET /me': resident,
      'GET /communities/c1/budget/rounds/r1': { ...voting, phase: 'proposing', can: { ...voting.can, propose: true } },
      'POST /communities/c1/budget/rounds/r1/projects': validationError('内容含有不适合公开的信息，请修改后再提交', [
        { field: 'body.description', message: '内容未通过安全检测，请修改' },
      ]),
    });
    renderWithSession(<ProposePage />);
    // Nothing typed: the contract's messages, on each field, before anything is sent.
    const submit = await screen.findByTestId('propose-submit');
    await act(async () => void fireEvent.click(submit));
    expect(screen.getByTestId('field-title-error')).toBeTruthy();
    expect(screen.getByTestId('field-estimatedCost-error')).toBeTruthy();
    expect(log.filter((r) => r.method === 'POST')).toHaveLength(0);

    const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
    type('input-title', '无障碍坡道');
    type('input-description', '台阶太高');
    type('input-place', '3栋门口');
    type('input-estimatedCost', '30000');
    await act(async () => void fireEvent.click(screen.getByTestId('propose-submit')));
    expect(log.find((r) => r.method === 'POST')?.body).toMatchObject({ title: '无障碍坡道', estimatedCost: 30_000 });
    expect(screen.getByTestId('field-description-error').textContent).toBe('内容未通过安全检测，请修改');
  });
});

describe('公开台账', () => {
  it('shows planned against spent without signing in', async () => {
    setParams({ cid: 'c1' });
    const ledger: AccountabilityView = {
      communityName: '幸福社区',
      totals: { rounds: 1, budget: 50_000, planned: 35_000, spent: 33_700 },
      rounds: [
        {
          roundId: 'r1',
          title: '2026年民生微实事',
          phase: 'acceptance',
          phaseLabel: '验收',
          scopeText: '全社区',
          totalAmount: 50_000,
          planned: 35_000,
          spent: 33_700,
          ballots: 2,
          projects: [
            {
              projectId: 'p2',
              title: '花园长椅',
              place: '花园',
              stage: 'finished',
              stageLabel: '已完工',
              cost: 15_000,
              votes: 2,
              percent: 100,
              spent: 14_200,
              satisfactionRate: 100,
              answersRequests: 0,
              latest: { month: '2026-11', note: '长椅安装完毕', photos: [{ url: 'https://media.test/bench.jpg' }] },
            },
          ],
        },
      ],
    };
    const log = fakeApi({ 'GET /communities/c1/budget/accountability': ledger });
    renderWithSession(<LedgerPage />);
    expect((await screen.findByTestId('ledger-round-money')).textContent).toContain(
      '计划 35,000 元 · 已支出 33,700 元',
    );
    expect(screen.getAllByTestId('ledger-money-row')).toHaveLength(1);
    // The latest monthly report: its note and its photo, for anyone.
    expect(screen.getByTestId('ledger-latest').textContent).toContain('2026-11 进度：长椅安装完毕');
    expect(screen.getByTestId('ledger-photos').querySelectorAll('img')).toHaveLength(1);
    expect(log.some((r) => r.path === '/me')).toBe(false);
  });
});
