import Taro from '@tarojs/taro';
import { act, fireEvent, screen } from '@testing-library/react';
import type { ProjectView, RoundView } from '@linli/shared';
import { committeeGrant, fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { renderWithSession } from '@test/render';
import OpenPage from './pages/open/index';
import ProjectPage from './pages/project/index';
import RoundPage from './pages/round/index';

const committee = makeMe({ userId: 'sun', nickname: '孙主任', memberships: [], grants: [committeeGrant] });
const setParams = (params: Record<string, string>) =>
  (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams(params);
const type = async (testId: string, value: string) => {
  const target = await screen.findByTestId(testId);
  fireEvent.change(target.querySelector('input, textarea') ?? target, { target: { value } });
};
const click = async (testId: string) => {
  const target = await screen.findByTestId(testId);
  await act(async () => {
    fireEvent.click(target);
  });
};

const can = {
  support: false,
  comment: false,
  councilNote: false,
  screen: false,
  implement: false,
  report: false,
  finish: false,
  rate: false,
  link: false,
};
const project = (over: Partial<ProjectView> = {}): ProjectView => ({
  projectId: 'p1',
  title: '无障碍坡道',
  place: '3栋门口',
  status: 'proposed',
  stage: 'proposed',
  stageLabel: '待审核',
  estimatedCost: 30_000,
  supportCount: 3,
  supported: false,
  mergedCount: 0,
  photoCount: 0,
  fromGrievance: false,
  proposedAt: '2026-12-01T02:00:00.000Z',
  roundId: 'r1',
  roundTitle: '2026年民生微实事',
  phase: 'screening',
  description: '台阶太高',
  proposedByName: '王阿姨',
  photos: [],
  mergedFrom: [],
  answersRequests: [],
  reports: [],
  can: { ...can, screen: true, link: true },
  ...over,
});
const round = (over: Partial<RoundView> = {}): RoundView => ({
  roundId: 'r1',
  title: '2026年民生微实事',
  phase: 'publicity',
  phaseLabel: '结果公示',
  totalAmount: 50_000,
  scopeText: '全社区',
  basis: 'household',
  projectCount: 1,
  myStatus: 'none',
  inScope: true,
  createdAt: '2026-12-01T02:00:00.000Z',
  description: '说明',
  secrecy: 'secret',
  schedule: {
    proposingUntil: '2026-12-08T02:00:00.000Z',
    screeningUntil: '2026-12-15T02:00:00.000Z',
    deliberationUntil: '2026-12-22T02:00:00.000Z',
    votingUntil: '2026-12-29T02:00:00.000Z',
  },
  timeline: [],
  phaseChanges: [],
  projects: [],
  pendingScreening: 0,
  mySeats: [],
  objections: [
    {
      objectionId: 'o1',
      body: '为什么长椅没有入选？',
      authorTag: '5栋居民',
      mine: false,
      createdAt: '2026-12-02T02:00:00.000Z',
    },
  ],
  openObjections: 1,
  can: { propose: false, vote: false, manage: true, advance: true, object: false },
  ...over,
});

describe('民生微实事 committee pages', () => {
  beforeEach(() => storeTokens());

  it('opens a round: shows the contract’s field error under 预算总额, then sends dates in phase order', async () => {
    const log = fakeApi({
      'GET /me': committee,
      'POST /communities/c1/budget/rounds': { status: 201, body: round({ phase: 'proposing', phaseLabel: '点单' }) },
    });
    renderWithSession(<OpenPage />);
    await type('budget-title', '2026年民生微实事');
    await type('budget-description', '居民点单');
    await click('budget-open-submit');
    expect((await screen.findByTestId('budget-total-field-error')).textContent).toBe('请填写预算总额');
    await type('budget-total', '50000');
    await click('budget-days-voting-14');
    await click('budget-open-submit');
    // The contract refused the first attempt on the phone: one request was sent, the second attempt.
    const sent = log.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ totalAmount: 50_000, basis: 'household', scope: { kind: 'community' } });
    const s = sent[0].schedule;
    expect(Date.parse(s.votingUntil) - Date.parse(s.deliberationUntil)).toBe(14 * 86_400_000);
    expect(Date.parse(s.screeningUntil) - Date.parse(s.proposingUntil)).toBe(7 * 86_400_000);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/budgetAdmin/pages/round/index?roundId=r1' });
  });

  it('opens a round for several buildings at once', async () => {
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/roster': {
        community: { communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' },
        totals: { grids: 1, buildings: 3, units: 60, area: 6000, owners: 58, boundHouseholds: 10, pendingBindings: 0 },
        grids: [{ gridId: 'g1', name: '第一网格', unitCount: 60, workers: [] }],
        buildings: [
          { buildingId: 'b10', name: '10栋', gridId: 'g1', unitCount: 20, heads: [] },
          { buildingId: 'b3', name: '3栋', gridId: 'g1', unitCount: 20, heads: [] },
          { buildingId: 'b5', name: '5栋', gridId: 'g1', unitCount: 20, heads: [] },
        ],
      },
      'POST /communities/c1/budget/rounds': { status: 201, body: round({ phase: 'proposing', phaseLabel: '点单' }) },
    });
    renderWithSession(<OpenPage />);
    await type('budget-title', '3栋和5栋微实事');
    await type('budget-description', '两栋楼共用的资金');
    await type('budget-total', '30000');
    await click('budget-scope-building');
    await click('budget-scope-pick-b3');
    await click('budget-scope-pick-b5');
    await click('budget-open-submit');
    const sent = log.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(sent[0]).toMatchObject({ scope: { kind: 'buildings', buildingIds: ['b3', 'b5'] } });
  });

  it('screens: a refusal without a reason shows the contract’s field message; eligible sends the committee’s cost', async () => {
    setParams({ roundId: 'r1', projectId: 'p1' });
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/budget/rounds/r1': round({ phase: 'screening', phaseLabel: '审核筛选', objections: [] }),
      'GET /communities/c1/budget/rounds/r1/projects/p1': project(),
      'POST /communities/c1/budget/rounds/r1/projects/p1/screening': (req) =>
        project({
          status: 'eligible',
          stage: 'eligible',
          stageLabel: '进入投票',
          cost: req.body.cost,
          screening: { eligible: true, byName: '孙主任', at: '2026-12-03T02:00:00.000Z' },
        }),
    });
    renderWithSession(<ProjectPage />);
    await screen.findByTestId('budget-screening');
    // Sections the API does not allow are not offered.
    expect(screen.queryByTestId('budget-progress')).toBeNull();
    expect(screen.queryByTestId('budget-implementation')).toBeNull();
    await click('budget-verdict-no');
    await click('budget-screen-submit');
    expect((await screen.findByTestId('budget-reason-field-error')).textContent).toBe('不符合条件时请写明原因');
    await click('budget-verdict-yes');
    await type('budget-cost', '28000');
    await click('budget-screen-submit');
    expect((await screen.findByTestId('budget-screened')).textContent).toContain('符合条件');
    const screened = log.filter((r) => r.method === 'POST').map((r) => r.body);
    // The refusal without a reason never left the phone (the shared contract said why); the verdict did.
    expect(screened).toEqual([{ eligible: true, cost: 28_000 }]);
  });

  it('enters monthly progress as numbers while 实施 allows it', async () => {
    setParams({ roundId: 'r1', projectId: 'p1' });
    const implementing = project({
      status: 'eligible',
      stage: 'implementing',
      stageLabel: '实施中',
      phase: 'implementation',
      cost: 28_000,
      implementation: {
        responsibleParty: '物业',
        commitment: '一个月完工',
        dueDate: '2027-01-31T00:00:00.000Z',
        at: '',
      },
      can: { ...can, implement: true, report: true, link: true },
    });
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/budget/rounds/r1': round({ phase: 'implementation', objections: [] }),
      'GET /communities/c1/budget/rounds/r1/projects/p1': implementing,
      'POST /communities/c1/budget/rounds/r1/projects/p1/progress': (req) => ({
        ...implementing,
        reports: [{ month: '2026-12', ...req.body, photos: [], byName: '孙主任', at: '' }],
      }),
    });
    renderWithSession(<ProjectPage />);
    await type('budget-percent', '40');
    await type('budget-spent', '12000');
    await type('budget-progress-note', '材料进场');
    await click('budget-progress-submit');
    expect((await screen.findByTestId('budget-reports')).textContent).toContain('40%');
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({
      percent: 40,
      spent: 12_000,
      note: '材料进场',
      photoKeys: [],
    });
  });

  it('answers an objection in 公示 and offers no 提前结束 there', async () => {
    setParams({ roundId: 'r1' });
    let answered = false;
    const log = fakeApi({
      'GET /me': committee,
      'GET /communities/c1/budget/rounds/r1': () =>
        round(
          answered
            ? {
                openObjections: 0,
                objections: [{ ...round().objections[0]!, answer: { text: '预算不足', byName: '孙主任', at: '' } }],
              }
            : {},
        ),
      'POST /communities/c1/budget/rounds/r1/objections/o1/answer': () => {
        answered = true;
        return { ...round().objections[0], answer: { text: '预算不足', byName: '孙主任', at: '' } };
      },
    });
    renderWithSession(<RoundPage />);
    await screen.findByTestId('budget-objection-o1');
    expect(screen.queryByTestId('budget-early-end')).toBeNull();
    await type('budget-answer-o1', '预算不足');
    await click('budget-answer-submit-o1');
    expect((await screen.findByText('孙主任 答复：预算不足')).textContent).toBeTruthy();
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({ text: '预算不足' });
  });
});
