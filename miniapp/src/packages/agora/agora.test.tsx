import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { ResultView, TopicView } from '@linli/shared';
import { committeeGrant, fakeApi, makeMe, storeTokens } from '@test/fakeApi';
import { grievanceDetail } from '@test/grievanceFixtures';
import { renderWithSession } from '@test/render';
import PosterPage from './pages/poster/index';
import TopicPage from './pages/topic/index';
import WizardPage from './pages/wizard/index';

const base: TopicView = {
  topicId: 't1',
  title: '3栋加装电梯',
  phase: 'voting',
  stage: 'voting',
  stageLabel: '表决中',
  origin: 'committee',
  scopeText: '3栋',
  basis: 'household',
  presetLabel: '居民会议表决（过半数出席、过半数通过）',
  opensAt: '2026-11-22T01:00:00.000Z',
  closesAt: '2026-11-29T01:00:00.000Z',
  inScope: true,
  myStatus: 'canVote',
  openConflicts: 0,
  createdAt: '2026-11-22T01:00:00.000Z',
  description: '加装电梯方案',
  vote: {
    scope: { kind: 'buildings', buildingIds: ['b3'] },
    basisLabel: '一户一票',
    preset: 'residentsMeeting',
    legalBasis: '《中华人民共和国城市居民委员会组织法》第十二条',
    abstentionRule: '弃权票计入参与表决的人数',
    ballot: {
      kind: 'approve',
      options: [
        { optionId: 'agree', label: '同意' },
        { optionId: 'disagree', label: '不同意' },
        { optionId: 'abstain', label: '弃权' },
      ],
      maxChoices: 1,
    },
    opensAt: '2026-11-22T01:00:00.000Z',
    closesAt: '2026-11-29T01:00:00.000Z',
    allowChanges: false,
    secrecy: 'secret',
    electorate: { heads: 20, area: 2000, units: 20, frozenAt: '2026-11-22T01:00:00.000Z' },
  },
  scheduleChanges: [],
  liveTurnout: {
    heads: 4,
    area: 400,
    byBuilding: [{ buildingId: 'b3', name: '3栋', voted: 4, total: 20, area: 400, areaTotal: 2000 }],
  },
  mySeats: [{ voterKey: 'U_u201', label: '3栋1单元201', status: 'open', castByMe: false, canChange: true }],
  supported: false,
  can: { manage: false, recordPaper: false, support: false, comment: true },
};

const routes = (topic: () => TopicView, extra: Record<string, unknown> = {}) =>
  fakeApi({
    'GET /me': makeMe({ grants: [{ role: 'resident', communityId: 'c1' }] }),
    'GET /communities/c1/agora/topics/t1': () => topic(),
    'GET /communities/c1/agora/topics/t1/comments': { items: [] },
    ...extra,
  });

describe('议题 page', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      topicId: 't1',
    });
  });

  it('casts the household’s ballot in two taps from the page a share card opens, and shows the receipt', async () => {
    let current = base;
    const log = routes(() => current, {
      'POST /communities/c1/agora/topics/t1/ballots': (req: { body: unknown }) => {
        current = {
          ...base,
          myStatus: 'voted',
          mySeats: [
            {
              ...base.mySeats[0]!,
              status: 'voted',
              castByMe: true,
              castByName: '王阿姨',
              castAt: '2026-11-22T02:00:00.000Z',
              channel: 'online',
              canChange: false,
            },
          ],
        };
        return { status: 201, body: { receipt: 'ABCDEFGHJKLM', changed: false, echo: req.body } };
      },
    });
    renderWithSession(<TopicPage />);
    // Tap 1 of 2 on the page: the option. Tap 2: 投票.
    fireEvent.click(await screen.findByTestId('ballot-option-agree'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('ballot-submit'));
    });
    const cast = log.find((r) => r.method === 'POST');
    expect(cast?.body).toEqual({ choices: ['agree'], voterKey: 'U_u201', requestId: expect.any(String) });
    expect((await screen.findByTestId('receipt-code')).textContent).toBe('ABCDEFGHJKLM');
    expect(screen.getByTestId('seat-status').textContent).toContain('您已于');
    expect(Taro.getStorageSync('linli.agora.receipts')).toEqual({ t1: ['ABCDEFGHJKLM'] });
    await act(async () => void fireEvent.click(screen.getByTestId('receipt-copy')));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'ABCDEFGHJKLM' });
    // The choice is shown once, from what this phone sent, and kept on the phone only when the voter asks.
    expect(screen.getByTestId('ballot-chosen').textContent).toContain('您的选择：同意');
    expect(Taro.getStorageSync('linli.agora.choices')).toBe('');
    fireEvent.click(screen.getByTestId('ballot-keep-choice'));
    expect(await screen.findByTestId('ballot-chosen-kept')).toBeTruthy();
    expect(Taro.getStorageSync('linli.agora.choices')).toEqual({
      ABCDEFGHJKLM: { choices: ['同意'], savedAt: expect.any(String) },
    });
  });

  it('tells the second phone of a household that the household already voted', async () => {
    let current = base;
    routes(() => current, {
      'POST /communities/c1/agora/topics/t1/ballots': () => {
        current = {
          ...base,
          mySeats: [
            {
              ...base.mySeats[0]!,
              status: 'voted',
              castByName: '王阿姨',
              castAt: '2026-11-22T02:00:00.000Z',
              channel: 'online',
              canChange: false,
            },
          ],
        };
        return {
          status: 409,
          body: {
            error: { code: 'ALREADY_VOTED', message: '本户已于 2026-11-22 10:00 由 王阿姨 投票，本议题不允许改票' },
          },
        };
      },
    });
    renderWithSession(<TopicPage />);
    fireEvent.click(await screen.findByTestId('ballot-option-disagree'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('ballot-submit'));
    });
    expect((await screen.findByTestId('seat-notice')).textContent).toContain('本户已于');
    expect(screen.getByTestId('seat-status').textContent).toContain('王阿姨已于');
    expect(screen.queryByTestId('ballot-submit')).toBeNull();
  });

  it('asks for a choice before sending anything', async () => {
    const log = routes(() => base);
    renderWithSession(<TopicPage />);
    fireEvent.click(await screen.findByTestId('ballot-submit'));
    expect(screen.getByTestId('ballot-error').textContent).toBe('请先选择');
    expect(log.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows live turnout by building while voting, and the published result with heads, area and the rule', async () => {
    routes(() => base);
    const { unmount } = renderWithSession(<TopicPage />);
    const turnout = await screen.findByTestId('live-turnout');
    expect(within(turnout).getByTestId('turnout-heads-text').textContent).toContain('4 / 20');
    expect(Number(within(turnout).getByTestId('turnout-buildings-part').getAttribute('data-share'))).toBe(20);
    expect(screen.queryByTestId('result')).toBeNull();
    unmount();

    const result: ResultView = {
      countedAt: '2026-11-29T01:00:00.000Z',
      ballots: 16,
      electorate: { heads: 18, area: 2000 },
      participation: { heads: 16, area: 1800 },
      abstentions: { heads: 1, area: 100 },
      abstentionRule: '弃权票计入参与表决的人数和专有部分面积',
      quorum: {
        met: true,
        checks: [
          {
            label: '参与表决人数',
            measure: 'heads',
            value: 16,
            total: 18,
            threshold: '≥ 2/3',
            thresholdWords: '三分之二以上（含）',
            met: true,
          },
        ],
      },
      options: [
        {
          optionId: 'agree',
          label: '同意',
          heads: 13,
          area: 1500,
          passes: true,
          checks: [
            {
              label: '同意的人数',
              measure: 'heads',
              value: 13,
              total: 16,
              threshold: '≥ 3/4',
              thresholdWords: '四分之三以上（含）',
              met: true,
            },
          ],
        },
        { optionId: 'disagree', label: '不同意', heads: 2, area: 200, passes: false, checks: [] },
        { optionId: 'abstain', label: '弃权', heads: 1, area: 100, passes: false, checks: [] },
      ],
      outcome: { kind: 'passed', winners: ['agree'], tied: [] },
      summary: '表决通过。共收回 16 张有效选票。',
      decidedBy: '业主共同决定·重大事项：……',
      legalBasis: '《中华人民共和国民法典》第二百七十八条',
      turnoutByBuilding: [{ buildingId: 'b3', name: '3栋', voted: 16, total: 18, area: 1800, areaTotal: 2000 }],
      integrity: { participations: 16, ballots: 16, consistent: true },
      conflicts: { open: 0, resolved: 1 },
    };
    routes(() => ({
      ...base,
      phase: 'published',
      stage: 'published',
      stageLabel: '结果公示',
      basis: 'owners',
      liveTurnout: undefined,
      mySeats: [],
      result,
    }));
    renderWithSession(<TopicPage />);
    expect((await screen.findByTestId('result-summary')).textContent).toContain('表决通过');
    expect(screen.getByTestId('result-outcome').textContent).toBe('通过');
    expect(screen.getByTestId('result-heads').textContent).toContain('16 / 18');
    expect(screen.getByTestId('result-area').textContent).toContain('1,800㎡');
    expect(screen.getAllByTestId('result-options-bar').map((b) => Number(b.getAttribute('data-share')))).toEqual([
      81.3, 12.5, 6.3,
    ]);
    expect(screen.getByTestId('result-checks').textContent).toContain('达到 · 同意的人数：13 / 16');
    expect(screen.getByTestId('result-integrity').textContent).toContain('两者一致');
  });
});

describe('发起议题 wizard', () => {
  beforeEach(() => storeTokens());

  it('previews the electorate for the chosen building and basis, names the legal basis, and sends the vote settings', async () => {
    const log = fakeApi({
      'GET /me': makeMe({ memberships: [], grants: [committeeGrant] }),
      'GET /communities': { items: [{ communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' }] },
      'GET /communities/c1/roster': {
        community: { communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' },
        totals: { grids: 1, buildings: 2, units: 40, area: 4000, owners: 38, boundHouseholds: 10, pendingBindings: 0 },
        grids: [{ gridId: 'g1', name: '第一网格', unitCount: 40, workers: [] }],
        buildings: [
          { buildingId: 'b10', name: '10栋', gridId: 'g1', unitCount: 20, heads: [] },
          { buildingId: 'b3', name: '3栋', gridId: 'g1', unitCount: 20, heads: [] },
        ],
      },
      'POST /communities/c1/agora/electorate-preview': (req: { body: { basis: string } }) => ({
        basis: req.body.basis,
        heads: 18,
        units: 20,
        owners: 17,
        developerUnits: 2,
        area: 1987.65,
        byBuilding: [{ buildingId: 'b3', name: '3栋', units: 20, heads: 20, area: 1987.65 }],
      }),
      'POST /communities/c1/agora/topics': { status: 201, body: { ...base, topicId: 't9' } },
    });
    renderWithSession(<WizardPage />);
    fireEvent.change(await screen.findByTestId('input-title'), { target: { value: '3栋加装电梯' } });
    fireEvent.change(screen.getByTestId('input-description'), { target: { value: '方案见公告' } });
    fireEvent.click(screen.getByTestId('scope-kind-buildings'));
    const buildings = await screen.findByTestId('scope-buildings');
    expect(
      within(buildings)
        .getAllByRole('checkbox')
        .map((b) => b.textContent),
    ).toEqual(['3栋', '10栋']);
    fireEvent.click(screen.getByTestId('scope-buildings-b3'));
    fireEvent.click(screen.getByTestId('basis-owners'));
    fireEvent.click(screen.getByTestId('preset-ownersMajor'));
    expect(screen.getByTestId('preset-basis').textContent).toContain('第二百七十八条');
    expect((await screen.findByTestId('preview-heads')).textContent).toContain('18');
    expect(screen.getByTestId('preview-area').textContent).toContain('1,987.65㎡');
    expect(screen.getByText('其中开发建设单位未售 2 套，合计为一名业主。')).toBeTruthy();
    expect(log.filter((r) => r.path.endsWith('electorate-preview')).at(-1)?.body).toEqual({
      scope: { kind: 'buildings', buildingIds: ['b3'] },
      basis: 'owners',
    });

    await act(async () => {
      fireEvent.click(screen.getByTestId('wizard-submit'));
    });
    const created = log.find((r) => r.path === '/communities/c1/agora/topics' && r.method === 'POST');
    expect(created?.body).toMatchObject({
      title: '3栋加装电梯',
      vote: {
        scope: { kind: 'buildings', buildingIds: ['b3'] },
        basis: 'owners',
        preset: 'ownersMajor',
        ballot: { kind: 'approve' },
        allowChanges: false,
        secrecy: 'secret',
      },
    });
    expect(Taro.redirectTo).toHaveBeenCalledWith({
      url: '/packages/agora/pages/poster/index?communityId=c1&topicId=t9',
    });
  });
});

describe('转为议题', () => {
  const setParams = (p: Record<string, string>) =>
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams(p);
  const request = grievanceDetail({
    status: 'accepted',
    excerpt: '3栋楼道灯坏了半个月',
    description: '3栋楼道灯坏了半个月',
    reporter: '王阿姨',
    mine: false,
    viewer: 'handler',
    actions: [],
    messages: undefined,
    notes: [],
  });
  const committee = {
    'GET /me': makeMe({ memberships: [], grants: [committeeGrant] }),
    'GET /communities': { items: [{ communityId: 'c1', name: '军门社区', district: '鼓楼区', street: '东街街道' }] },
  };
  beforeEach(() => storeTokens());

  it('prefills the form from the request and creates a topic in deliberation that carries the request', async () => {
    setParams({ communityId: 'c1', grievanceId: 'gv1' });
    const log = fakeApi({
      ...committee,
      'GET /communities/c1/grievances/gv1': request,
      'POST /communities/c1/agora/topics': {
        status: 201,
        body: { ...base, topicId: 't9', phase: 'deliberation', stage: 'deliberation', vote: undefined },
      },
    });
    renderWithSession(<WizardPage />);
    expect((await screen.findByTestId('wizard-source')).textContent).toContain('#ABC123 物业维修');
    expect((screen.getByTestId('input-title') as HTMLInputElement).value).toBe('物业维修：3栋楼道灯坏了半个月');
    expect((screen.getByTestId('input-description') as HTMLTextAreaElement).value).toContain(
      '由居民诉求 #ABC123 转为议题',
    );
    expect(screen.queryByTestId('electorate-preview')).toBeNull();
    fireEvent.change(screen.getByTestId('input-title'), { target: { value: '3栋楼道灯改造' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('wizard-submit'));
    });
    const created = log.find((r) => r.path === '/communities/c1/agora/topics' && r.method === 'POST');
    expect(created?.body).toEqual({
      title: '3栋楼道灯改造',
      description: expect.stringContaining('3栋楼道灯坏了半个月'),
      sourceGrievanceId: 'gv1',
      requestId: expect.any(String),
    });
    expect(Taro.redirectTo).toHaveBeenCalledWith({
      url: '/packages/agora/pages/topic/index?communityId=c1&topicId=t9',
    });
  });

  it('shows the server’s refusal (already another topic’s) and keeps the form', async () => {
    setParams({ communityId: 'c1', grievanceId: 'gv1' });
    fakeApi({
      ...committee,
      'GET /communities/c1/grievances/gv1': request,
      'POST /communities/c1/agora/topics': {
        status: 409,
        body: { error: { code: 'CONFLICT', message: '该诉求已转为其他议题' } },
      },
    });
    renderWithSession(<WizardPage />);
    const send = await screen.findByTestId('wizard-submit');
    await act(async () => {
      fireEvent.click(send);
    });
    expect((await screen.findByTestId('wizard-error')).textContent).toBe('该诉求已转为其他议题');
    expect(screen.getByTestId('input-title')).toBeTruthy();
  });

  it('links the topic back to a request the viewer may see', async () => {
    setParams({ communityId: 'c1', topicId: 't1' });
    routes(() => ({
      ...base,
      sourceGrievance: {
        visible: true,
        grievanceId: 'gv1',
        number: 'ABC123',
        categoryLabel: '物业维修',
        excerpt: '3栋楼道灯坏了半个月',
      },
    }));
    renderWithSession(<TopicPage />);
    const link = await screen.findByTestId('topic-source-link');
    expect(link.textContent).toContain('#ABC123 物业维修');
    fireEvent.click(link);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/grievances/pages/detail/index?communityId=c1&id=gv1',
    });
  });

  it('says only that the topic came from a resident’s request when the viewer may not see it', async () => {
    setParams({ communityId: 'c1', topicId: 't1' });
    routes(() => ({ ...base, sourceGrievance: { visible: false } }));
    renderWithSession(<TopicPage />);
    expect((await screen.findByTestId('topic-source')).textContent).toContain('由居民诉求转为议题');
    expect(screen.queryByTestId('topic-source-link')).toBeNull();
  });
});

describe('举报 a comment', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      topicId: 't1',
    });
  });

  const neighbour = {
    commentId: 'cm1',
    kind: 'comment',
    body: '有需要的加我',
    authorName: '刘网格员',
    authorTag: '网格员',
    mine: false,
    held: false,
    createdAt: '2026-11-22T01:00:00.000Z',
  };

  it('asks for a reason, sends it with the comment named, and says 已举报', async () => {
    const log = routes(() => base, {
      'GET /communities/c1/agora/topics/t1/comments': {
        items: [neighbour, { ...neighbour, commentId: 'cm2', body: '我的意见', mine: true }],
      },
      'POST /communities/c1/moderation/reports': (req: { body: unknown }) => ({
        status: 201,
        body: { ...(req.body as object), reportedAt: '2026-11-22T02:00:00.000Z' },
      }),
    });
    renderWithSession(<TopicPage />);
    // One's own comment has no 举报.
    expect(await screen.findByTestId('report-comment-cm1')).toBeTruthy();
    expect(screen.queryByTestId('report-comment-cm2')).toBeNull();

    fireEvent.click(screen.getByTestId('report-comment-cm1'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-comment-cm1-sheet-confirm'));
    });
    expect(screen.getByText('请选择举报理由')).toBeTruthy();
    expect(log.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByTestId('report-reason-ad'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-comment-cm1-sheet-confirm'));
    });
    expect(log.find((r) => r.method === 'POST')?.body).toEqual({
      target: { kind: 'topicComment', topicId: 't1', commentId: 'cm1' },
      reason: 'ad',
    });
    expect(within(screen.getAllByTestId('comment')[0]!).getByText('已举报')).toBeTruthy();
  });

  it('marks the author’s own hidden comment 待复核 and offers no 举报 on it', async () => {
    routes(() => base, {
      'GET /communities/c1/agora/topics/t1/comments': {
        items: [{ ...neighbour, mine: true, moderation: 'hidden' }],
      },
    });
    renderWithSession(<TopicPage />);
    expect(await screen.findByText('待复核（他人不可见）')).toBeTruthy();
    expect(screen.queryByTestId('report-comment-cm1')).toBeNull();
  });
});

describe('议题 poster', () => {
  beforeEach(() => {
    storeTokens();
    (Taro as unknown as { __setRouterParams(p: Record<string, string>): void }).__setRouterParams({
      communityId: 'c1',
      topicId: 't1',
    });
  });

  it('says how ballots count: 一户一票', async () => {
    routes(() => base);
    renderWithSession(<PosterPage />);
    expect((await screen.findByTestId('poster-rule')).textContent).toBe(
      '3栋 · 一户一票 · 居民会议表决（过半数出席、过半数通过）',
    );
  });
});
